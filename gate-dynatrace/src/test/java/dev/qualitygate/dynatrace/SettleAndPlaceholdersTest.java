package dev.qualitygate.dynatrace;

import static dev.qualitygate.dynatrace.Fixtures.CONTEXT;
import static dev.qualitygate.dynatrace.Fixtures.END;
import static dev.qualitygate.dynatrace.Fixtures.TOKEN;
import static dev.qualitygate.dynatrace.Fixtures.query;
import static dev.qualitygate.dynatrace.Fixtures.source;
import static dev.qualitygate.dynatrace.MetricsQueryTest.reason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qualitygate.dynatrace.fake.Bodies;
import dev.qualitygate.dynatrace.fake.FakeDynatrace;
import dev.qualitygate.dynatrace.fake.FakeDynatrace.Reply;
import dev.qualitygate.model.IndicatorValue;
import dev.qualitygate.spi.IndicatorQuery;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Waiting until the window's data has settled, and the Dynatrace-only placeholders, through the source. */
class SettleAndPlaceholdersTest {
    private static final String SELECTOR = "builtin:service.requestCount.total:merge(0):sum";
    private static final String SLI = "metricSelector=" + SELECTOR + "&resolution=Inf";

    private FakeDynatrace dt;

    @BeforeEach
    void start() throws IOException {
        dt = FakeDynatrace.start(TOKEN)
                .metric("builtin:service.requestCount.total", "Count", true, "value")
                .onMetricsQuery(SELECTOR, "Inf", Reply.json(Bodies.single(SELECTOR, 1767263400000L, 21018)));
    }

    @AfterEach
    void stop() {
        dt.close();
    }

    private IndicatorValue fetch(FakeTime time, Map<String, ?> settings, IndicatorQuery query) {
        try (DynatraceMetricSource source = source(dt, time, settings, Map.of("DT_TAG", "keptn_managed"))) {
            return source.fetch(query);
        }
    }

    @Test
    void fetch_windowEndedNinetySecondsAgo_waitsUntilTwoMinutesAfterItsEnd() {
        FakeTime time = new FakeTime(END.plusSeconds(90));

        assertThat(fetch(time, Map.of(), query("throughput", SLI))).isEqualTo(IndicatorValue.of(21018));
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(30));
        assertThat(dt.requests()).hasSize(1);
    }

    @Test
    void fetch_windowEndingNow_failsAtOnceWhenTheWaitExceedsTheTimeLimit() {
        FakeTime time = new FakeTime(END);

        assertThat(reason(fetch(time, Map.of(), query("throughput", SLI)))).contains("SLI 'throughput': Dynatrace's"
                + " data for the window ending 2026-01-01T10:30:00Z is complete only at 2026-01-01T10:32:00Z (settle"
                + " 120 s after the end), 120 s from now, which is beyond the time limit of 45 s: evaluate after"
                + " 2026-01-01T10:32:00Z, end the window earlier, or lower the source setting settle");
        assertThat(time.sleeps()).isEmpty();
        assertThat(dt.requests()).isEmpty();
    }

    @Test
    void fetch_settleZero_queriesAtOnce() {
        FakeTime time = new FakeTime(END);

        assertThat(fetch(time, Map.of("settle", "0s"), query("throughput", SLI))).isEqualTo(IndicatorValue.of(21018));
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void fetch_userSessionQuery_waitsItsOwnLongerSettleTime() {
        FakeTime time = new FakeTime(END.plusSeconds(300));
        dt.usql("SELECT COUNT(*) FROM usersession", Bodies.resource("usql-single-value.json"));

        assertThat(fetch(time, Map.of("totalTimeout", "2m"), query("sessions", "USQL;SINGLE_VALUE;;SELECT COUNT(*)"
                + " FROM usersession"))).isEqualTo(IndicatorValue.of(5121));
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(60));
    }

    @Test
    void fetch_envPlaceholder_isSentButReasonsShowThePlaceholder() {
        FakeTime time = Fixtures.settledTime();
        String sli = "metricSelector=builtin:service.requestCount.total:merge(0):avg&entitySelector=type(SERVICE),"
                + "tag($ENV.DT_TAG)&resolution=Inf";

        String reason = reason(fetch(time, Map.of(), query("throughput", sli)));

        assertThat(dt.requests()).singleElement().satisfies(r -> assertThat(r.params())
                .containsEntry("entitySelector", "type(SERVICE),tag(keptn_managed)"));
        assertThat(reason).contains("tag($ENV.DT_TAG)").doesNotContain("keptn_managed");
    }

    @Test
    void fetch_testStrategyLabel_fillsTestStrategyPlaceholder() {
        FakeTime time = Fixtures.settledTime();
        String sli = "metricSelector=" + SELECTOR + "&entitySelector=type(SERVICE),tag(test:$TESTSTRATEGY)"
                + "&resolution=Inf";

        fetch(time, Map.of(), Fixtures.query("throughput", sli, CONTEXT.withLabel("teststrategy", "performance")));
        IndicatorValue without = fetch(time, Map.of(), query("throughput", sli));

        assertThat(dt.requests()).singleElement().satisfies(r -> assertThat(r.params())
                .containsEntry("entitySelector", "type(SERVICE),tag(test:performance)"));
        assertThat(reason(without)).contains("$TESTSTRATEGY has no value");
    }

    @Test
    void fetch_commonPlaceholdersAndSloFilter_areFilledBeforeTheRequest() {
        String sli = "metricSelector=builtin:service.requestCount.total:merge(0):avg&entitySelector=type(SERVICE),"
                + "tag(keptn_project:$PROJECT),tag(keptn_stage:$STAGE),tag(keptn_service:$SERVICE),"
                + "tag(keptn_deployment:$DEPLOYMENT),tag(build:$LABEL.buildId),tag(db:$DATABASE)&resolution=Inf";
        IndicatorQuery query = IndicatorQuery.of("throughput", sli, Fixtures.WINDOW, CONTEXT,
                Map.of("database", "'carts-db'"));

        fetch(Fixtures.settledTime(), Map.of(), query);

        assertThat(dt.requests()).singleElement().satisfies(r -> assertThat(r.params()).containsEntry("entitySelector",
                "type(SERVICE),tag(keptn_project:sockshop),tag(keptn_stage:staging),tag(keptn_service:carts),"
                        + "tag(keptn_deployment:primary),tag(build:42),tag(db:carts-db)"));
    }
}
