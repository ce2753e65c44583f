package dev.qualitygate.dynatrace;

import static dev.qualitygate.dynatrace.Fixtures.FROM;
import static dev.qualitygate.dynatrace.Fixtures.TO;
import static dev.qualitygate.dynatrace.Fixtures.TOKEN;
import static dev.qualitygate.dynatrace.Fixtures.query;
import static dev.qualitygate.dynatrace.Fixtures.settledTime;
import static dev.qualitygate.dynatrace.Fixtures.source;
import static dev.qualitygate.dynatrace.MetricsQueryTest.reason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qualitygate.dynatrace.fake.Bodies;
import dev.qualitygate.dynatrace.fake.FakeDynatrace;
import dev.qualitygate.dynatrace.fake.FakeDynatrace.Request;
import dev.qualitygate.model.IndicatorValue;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code SLO;}, {@code PV2;}, {@code SECPV2;} and {@code USQL;} queries against the fake. */
class OtherApisTest {
    private static final String SLO_ID = "2a7c9e34-51b0-3d6f-8e21-6f0b9d4c1a57";
    private static final String USQL = "SELECT osVersion, AVG(duration) FROM usersession WHERE country IN('Austria')"
            + " GROUP BY osVersion";

    private FakeDynatrace dt;
    private final FakeTime time = settledTime();

    @BeforeEach
    void start() throws IOException {
        dt = FakeDynatrace.start(TOKEN);
    }

    @AfterEach
    void stop() {
        dt.close();
    }

    private IndicatorValue fetch(String sli, String template) {
        try (DynatraceMetricSource source = source(dt, time)) {
            return source.fetch(query(sli, template));
        }
    }

    @Test
    void fetch_slo_returnsEvaluatedPercentageOfTheWindow() {
        dt.slo(SLO_ID, Bodies.resource("slo-success.json"));

        assertThat(fetch("availability", "SLO;" + SLO_ID)).isEqualTo(IndicatorValue.of(99.2133));
        Request sent = dt.requests().get(0);
        assertThat(sent.path()).isEqualTo("/api/v2/slo/" + SLO_ID);
        assertThat(sent.params()).containsExactly(Map.entry("from", FROM), Map.entry("timeFrame", "GTF"),
                Map.entry("to", TO));
    }

    @Test
    void fetch_sloInError_failsWithDynatracesError() {
        String id = "7f1e2d3c-4b5a-3968-8776-655443322110";
        dt.slo(id, Bodies.resource("slo-error.json"));

        assertThat(reason(fetch("latency", "SLO;" + id))).contains("could not evaluate the SLO " + id
                + " ('Checkout latency'): The metric expression could not be evaluated: no data for the timeframe");
    }

    @Test
    void fetch_unknownSlo_failsWith404() {
        assertThat(reason(fetch("x", "SLO;00000000-0000-0000-0000-000000000000")))
                .contains("Dynatrace API error (404)");
    }

    @Test
    void fetch_sloWithoutScope_failsNamingSloRead() {
        dt.slo(SLO_ID, Bodies.resource("slo-success.json")).withoutScope("slo.read");

        assertThat(reason(fetch("availability", "SLO;" + SLO_ID))).contains("lacks scope slo.read");
    }

    @Test
    void fetch_problems_countsThem() {
        dt.problems("status(open)", 2);

        assertThat(fetch("problem_open", "PV2;problemSelector=status(open)&entitySelector=type(SERVICE),"
                + "tag(keptn_service:$SERVICE)")).isEqualTo(IndicatorValue.of(2));
        assertThat(dt.requests().get(0).params()).containsEntry("entitySelector", "type(SERVICE),tag(keptn_service:carts)")
                .containsEntry("from", FROM).containsEntry("to", TO);
    }

    @Test
    void fetch_securityProblems_countsThem() {
        dt.securityProblems("status(OPEN)", 4);

        assertThat(fetch("vulnerabilities", "SECPV2;securityProblemSelector=status(OPEN)"))
                .isEqualTo(IndicatorValue.of(4));
        assertThat(dt.requests().get(0).path()).isEqualTo("/api/v2/securityProblems");
    }

    @Test
    void fetch_usqlColumnChart_takesTheDimensionsValue() {
        dt.usql(USQL, Bodies.resource("usql-column-chart.json"));

        IndicatorValue value = fetch("session_time", "USQL;COLUMN_CHART;iOS 17.2;SELECT osVersion, AVG(duration) FROM"
                + " usersession WHERE country IN('$LABEL.country') GROUP BY osVersion",
                Fixtures.CONTEXT.withLabel("country", "Austria"));

        assertThat(value).isEqualTo(IndicatorValue.of(21478.0));
        Request sent = dt.requests().get(0);
        assertThat(sent.path()).isEqualTo("/api/v1/userSessionQueryLanguage/table");
        assertThat(sent.params()).containsExactly(Map.entry("addDeepLinkFields", "false"),
                Map.entry("endTimestamp", TO), Map.entry("explain", "false"), Map.entry("query", USQL),
                Map.entry("startTimestamp", FROM));
    }

    private IndicatorValue fetch(String sli, String template, dev.qualitygate.model.EvaluationContext context) {
        try (DynatraceMetricSource source = source(dt, time, Map.of("userSessionSettle", "0s"))) {
            return source.fetch(query(sli, template, context));
        }
    }

    @Test
    void fetch_usqlTable_takesTheLastColumn() {
        dt.usql("SELECT country, COUNT(*), AVG(duration) FROM usersession GROUP BY country",
                Bodies.resource("usql-table.json"));

        assertThat(fetch("de_duration", "USQL;TABLE;Germany;SELECT country, COUNT(*), AVG(duration) FROM usersession"
                + " GROUP BY country")).isEqualTo(IndicatorValue.of(51022.25));
    }

    @Test
    void fetch_usqlSingleValue_takesTheOnlyCell() {
        dt.usql("SELECT COUNT(*) FROM usersession", Bodies.resource("usql-single-value.json"));

        assertThat(fetch("sessions", "USQL;SINGLE_VALUE;;SELECT COUNT(*) FROM usersession"))
                .isEqualTo(IndicatorValue.of(5121));
    }

    @Test
    void fetch_usqlDimensionMissing_failsListingTheDimensions() {
        dt.usql(USQL, Bodies.resource("usql-column-chart.json"));

        assertThat(reason(fetch("t", "USQL;PIE_CHART;Symbian;" + USQL))).contains("could not find the dimension"
                + " 'Symbian' in the USQL result; it has Windows 10, iOS 17.2, Android 14");
    }

    @Test
    void fetch_usqlSingleValueWithSeveralColumns_fails() {
        dt.usql(USQL, Bodies.resource("usql-column-chart.json"));

        assertThat(reason(fetch("t", "USQL;SINGLE_VALUE;;" + USQL)))
                .contains("must return one column and one row; it returned 2 columns and 3 rows");
    }
}
