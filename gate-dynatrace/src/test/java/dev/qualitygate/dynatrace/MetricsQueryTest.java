package dev.qualitygate.dynatrace;

import static dev.qualitygate.dynatrace.Fixtures.FROM;
import static dev.qualitygate.dynatrace.Fixtures.TO;
import static dev.qualitygate.dynatrace.Fixtures.TOKEN;
import static dev.qualitygate.dynatrace.Fixtures.query;
import static dev.qualitygate.dynatrace.Fixtures.settledTime;
import static dev.qualitygate.dynatrace.Fixtures.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.qualitygate.dynatrace.fake.Bodies;
import dev.qualitygate.dynatrace.fake.FakeDynatrace;
import dev.qualitygate.dynatrace.fake.FakeDynatrace.Reply;
import dev.qualitygate.dynatrace.fake.FakeDynatrace.Request;
import dev.qualitygate.model.IndicatorValue;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Metrics API v2 queries against the fake: the requests sent, the single-value rule, and every kind of answer. */
class MetricsQueryTest {
    private static final String RT_P95 = "builtin:service.response.time:merge(\"dt.entity.service\"):percentile(95)";
    private static final String SERVICES = "type(SERVICE),tag(keptn_project:sockshop),tag(keptn_stage:staging),"
            + "tag(keptn_service:carts),tag(keptn_deployment:primary)";
    private static final String SLI_QUERY = "metricSelector=" + RT_P95 + "&entitySelector=type(SERVICE),"
            + "tag(keptn_project:$PROJECT),tag(keptn_stage:$STAGE),tag(keptn_service:$SERVICE),"
            + "tag(keptn_deployment:$DEPLOYMENT)";

    private FakeDynatrace dt;
    private final FakeTime time = settledTime();

    @BeforeEach
    void start() throws IOException {
        dt = FakeDynatrace.start(TOKEN)
                .metric("builtin:service.response.time", "MicroSecond", true, "avg")
                .metric("builtin:service.requestCount.total", "Count", true, "value")
                .metric("builtin:service.errors.total.rate", "Percent", true, "avg")
                .metric("builtin:host.disk.avail", "Byte", true, "avg")
                .metric("builtin:host.cpu.idle", "Percent", true, "avg")
                .metric("builtin:host.cpu.user", "Percent", true, "avg")
                .metric("calc:service.teststepresponsetime", "MicroSecond", false, "avg");
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

    private static Map<String, String> params(String... keysAndValues) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void fetch_seriesWithManyPoints_asksDescriptorThenResolutionInfAsKeptnDid() {
        dt.onMetricsQuery(RT_P95, null, Reply.json(Bodies.resource("metrics-query-1h-24-points.json")))
                .onMetricsQuery(RT_P95, "Inf", Reply.json(Bodies.resource("metrics-query-inf.json")));

        IndicatorValue value = fetch("response_time_p95", SLI_QUERY);

        assertThat(value).isEqualTo(IndicatorValue.of(412398.62790697673));
        List<Request> sent = dt.requests();
        assertThat(sent).extracting(Request::path).containsExactly("/api/v2/metrics/query",
                "/api/v2/metrics/" + RT_P95, "/api/v2/metrics/query");
        assertThat(sent.get(0).params()).isEqualTo(params("entitySelector", SERVICES, "from", FROM,
                "metricSelector", RT_P95, "to", TO));
        assertThat(sent.get(1).params()).isEmpty();
        assertThat(sent.get(2).params()).isEqualTo(params("entitySelector", SERVICES, "from", FROM,
                "metricSelector", RT_P95, "resolution", "Inf", "to", TO));
        assertThat(sent).allSatisfy(r -> {
            assertThat(r.authorization()).isEqualTo("Api-Token " + TOKEN);
            assertThat(r.accept()).isEqualTo("application/json");
            assertThat(r.method()).isEqualTo("GET");
        });
    }

    @Test
    void fetch_resolutionInfGiven_sendsOneRequest() {
        dt.onMetricsQuery(RT_P95, "Inf", Reply.json(Bodies.resource("metrics-query-inf.json")));

        IndicatorValue value = fetch("rt", "metricSelector=" + RT_P95 + "&resolution=Inf&entitySelector="
                + "type(SERVICE),tag(keptn_service:$SERVICE)&mzSelector=mzName(\"Sock Shop\")");

        assertThat(value).isEqualTo(IndicatorValue.of(412398.62790697673));
        assertThat(dt.requests()).singleElement().satisfies(r -> assertThat(r.params()).isEqualTo(params(
                "entitySelector", "type(SERVICE),tag(keptn_service:carts)", "from", FROM,
                "metricSelector", RT_P95, "mzSelector", "mzName(\"Sock Shop\")", "resolution", "Inf", "to", TO)));
    }

    @Test
    void fetch_resolutionGivenAndManyPoints_retriesWithFoldAppended() {
        String selector = "builtin:service.requestCount.total";
        dt.metric(selector, "Count", true, "sum")
                .onMetricsQuery(selector, "1h", Reply.json(Bodies.resource("metrics-query-1h-24-points.json")))
                .onMetricsQuery(selector + ":fold()", "1h", Reply.json(Bodies.single(selector + ":fold()",
                        1767263400000L, 21018.5)));

        IndicatorValue value = fetch("throughput", "metricSelector=" + selector + "&resolution=1h");

        assertThat(value).isEqualTo(IndicatorValue.of(21018.5));
        assertThat(dt.requests()).extracting(r -> r.params().get("metricSelector"))
                .containsExactly(selector, null, selector + ":fold()");
    }

    @Test
    void fetch_metricWithoutInfSupport_retriesWithFold() {
        String selector = "calc:service.teststepresponsetime:merge(0):avg";
        dt.onMetricsQuery(selector, null, Reply.json(Bodies.resource("metrics-query-1h-24-points.json")));

        IndicatorValue value = fetch("rt_test_invoke", "metricSelector=" + selector);

        assertThat(value).isInstanceOf(IndicatorValue.Failed.class);
        assertThat(((IndicatorValue.Failed) value).reason()).contains("rt_test_invoke", selector,
                "':fold()' cannot be applied", "default aggregation of the selector is 'value'");
        assertThat(dt.requests()).hasSize(2);
    }

    @Test
    void fetch_untransformedMetricWithoutInfSupport_foldsTheSelector() {
        String selector = "calc:service.teststepresponsetime";
        dt.onMetricsQuery(selector, null, Reply.json(Bodies.resource("metrics-query-1h-24-points.json")))
                .onMetricsQuery(selector + ":fold()", null, Reply.json(Bodies.single(selector, 1L, 87612.0)));

        IndicatorValue value = fetch("rt_test", "MV2;MicroSecond;metricSelector=" + selector);

        assertThat(value).isEqualTo(IndicatorValue.of(87.612));
        assertThat(dt.requests().get(2).params()).doesNotContainKey("resolution")
                .containsEntry("metricSelector", selector + ":fold()");
    }

    @Test
    void fetch_stillManyValuesAfterRetry_failsNamingBothAttempts() {
        dt.onMetricsQuery(RT_P95, null, Reply.json(Bodies.resource("metrics-query-1h-24-points.json")))
                .onMetricsQuery(RT_P95, "Inf", Reply.json(Bodies.resource("metrics-query-1h-24-points.json")));

        assertThat(reason(fetch("rt", "metricSelector=" + RT_P95)))
                .contains("returned 24 values for one series, also when asked again with resolution=Inf");
    }

    @Test
    void fetch_bareSelector_isSentWithResolutionInfAsKeptnsLegacyForm() {
        dt.onMetricsQuery(RT_P95, "Inf", Reply.json(Bodies.resource("metrics-query-inf.json")));

        assertThat(fetch("rt", RT_P95)).isEqualTo(IndicatorValue.of(412398.62790697673));
        assertThat(dt.requests()).singleElement().satisfies(r -> assertThat(r.params()).isEqualTo(params(
                "from", FROM, "metricSelector", RT_P95, "resolution", "Inf", "to", TO)));
    }

    @Test
    void fetch_oldScopeForm_becomesEntitySelectorWithServiceType() {
        String selector = "builtin:service.response.time:merge(0):percentile(95)";
        dt.onMetricsQuery(selector, "Inf", Reply.json(Bodies.single(selector, 1L, 300000.0)));

        IndicatorValue value = fetch("rt", selector + "?scope=tag(keptn_project:$PROJECT),tag(keptn_stage:$STAGE)");

        assertThat(value).isEqualTo(IndicatorValue.of(300000.0));
        assertThat(dt.requests().get(0).params()).containsEntry("entitySelector",
                "tag(keptn_project:sockshop),tag(keptn_stage:staging),type(SERVICE)");
    }

    @Test
    void fetch_mv2MicroSecond_dividesBy1000() {
        dt.onMetricsQuery(RT_P95, "Inf", Reply.json(Bodies.resource("metrics-query-inf.json")));

        IndicatorValue value = fetch("rt", "MV2;MicroSecond;metricSelector=" + RT_P95 + "&resolution=Inf");

        assertThat(((IndicatorValue.Measured) value).value()).isCloseTo(412.39862790697673, within(1e-9));
    }

    @Test
    void fetch_mv2Byte_dividesBy1024() {
        String selector = "builtin:host.disk.avail:merge(\"dt.entity.host\"):merge(\"dt.entity.disk\")";
        dt.onMetricsQuery(selector, "Inf", Reply.json(Bodies.single(selector, 1L, 2048.0)));

        assertThat(fetch("disk", "MV2;byte;metricSelector=" + selector + "&resolution=Inf"))
                .isEqualTo(IndicatorValue.of(2.0));
    }

    @Test
    void fetch_mv2OtherUnit_failsWithoutRequest() {
        assertThat(reason(fetch("cpu", "MV2;Percent;metricSelector=builtin:host.cpu.usage")))
                .contains("SLI 'cpu'", "MV2 converts MicroSecond", "'Percent'",
                        "[query: MV2;Percent;metricSelector=builtin:host.cpu.usage]");
        assertThat(dt.requests()).isEmpty();
    }

    @Test
    void fetch_noMatchingEntity_failsWithZeroSeries() {
        dt.onMetricsQuery(RT_P95, "Inf", Reply.json(Bodies.resource("metrics-query-no-match.json")));

        String reason = reason(fetch("response_time_p95", "metricSelector=" + RT_P95
                + "&entitySelector=type(SERVICE),tag(keptn_service:$SERVICE)&resolution=Inf"));

        assertThat(reason).startsWith("SLI 'response_time_p95': Metrics API v2 returned zero metric series (no data)")
                .endsWith("[query: metricSelector=" + RT_P95 + "&entitySelector=type(SERVICE),tag(keptn_service:carts)"
                        + "&resolution=Inf]");
    }

    @Test
    void fetch_unknownDimensionKey_failsWithDynatracesWarnings() {
        String selector = "builtin:service.response.time:merge(\"dt.entity.services\"):percentile(95)";
        dt.onMetricsQuery(selector, "Inf", Reply.json(Bodies.resource("metrics-query-bad-dimension.json")));

        assertThat(reason(fetch("rt", "metricSelector=" + selector + "&resolution=Inf")))
                .contains("returned zero metric series (no data). Warnings: The dimension key `dt.entity.services` has"
                        + " been referenced, but `services` is not a known entity type., The dimension key"
                        + " `dt.entity.services` has been referenced, but the metric has no such key.");
    }

    @Test
    void fetch_oneSeriesPerService_failsAfterInfWithSeveralSeries() {
        String selector = "builtin:service.response.time:splitBy(\"dt.entity.service\"):percentile(95)";
        dt.onMetricsQuery(selector, null, Reply.json(Bodies.resource("metrics-query-three-services-nulls.json")))
                .onMetricsQuery(selector, "Inf", Reply.json(Bodies.resource("metrics-query-three-services-inf.json")));

        assertThat(reason(fetch("rt", "metricSelector=" + selector + "&entitySelector=type(SERVICE)")))
                .contains("returned 3 metric series ([SERVICE-3B1C4F0A9E2D7765], [SERVICE-8F00A1B2C3D4E5F6],"
                        + " [SERVICE-C0FFEE0012345678])", "needs exactly one");
        assertThat(dt.requests()).hasSize(3);
    }

    @Test
    void fetch_nullValue_failsNamingNull() {
        String selector = "builtin:service.errors.total.rate:merge(\"dt.entity.service\"):avg";
        dt.onMetricsQuery(selector, "Inf", Reply.json(Bodies.resource("metrics-query-null-value.json")));

        assertThat(reason(fetch("error_rate", "metricSelector=" + selector + "&resolution=Inf")))
                .contains("SLI 'error_rate'", "returned 'null' as value");
    }

    @Test
    void fetch_emptyValueArrays_failsWithZeroValues() {
        String selector = "builtin:service.errors.total.rate:merge(\"dt.entity.service\"):avg";
        dt.onMetricsQuery(selector, "Inf", Reply.json(Bodies.resource("metrics-query-empty-arrays.json")));

        assertThat(reason(fetch("error_rate", "metricSelector=" + selector + "&resolution=Inf")))
                .contains("returned zero values");
    }

    @Test
    void fetch_valueWithWarnings_failsUnlessWarningsAreAccepted() {
        String selector = "(" + RT_P95 + ":names):toUnit(MicroSecond,Byte)";
        dt.onMetricsQuery(selector, "Inf", Reply.json(Bodies.resource("metrics-query-tounit-warning.json")));
        String sli = "metricSelector=" + selector + "&resolution=Inf";

        assertThat(reason(fetch("rt", sli))).contains("returned the value 412398.62790697673 but warned",
                "failOnWarnings: false", "Warnings: SourceUnit 'MicroSecond' cannot be converted to targetUnit 'Byte'.");
        try (DynatraceMetricSource lenient = source(dt, time, Map.of("failOnWarnings", false))) {
            assertThat(lenient.fetch(query("rt", sli))).isEqualTo(IndicatorValue.of(412398.62790697673));
        }
    }

    @Test
    void fetch_selectorOfTwoMetrics_failsWithTwoCollections() {
        String selector = "builtin:host.cpu.(idle,user)";
        dt.metric("builtin:host.cpu.(idle,user)", "Percent", true, "avg")
                .onMetricsQuery(selector, "Inf", Reply.json(Bodies.resource("metrics-query-two-collections.json")));

        assertThat(reason(fetch("cpu", "metricSelector=" + selector + "&resolution=Inf")))
                .contains("returned 2 metric series collections");
    }

    @Test
    void fetch_entitySelectorWithoutType_failsWithDynatracesConstraintViolation() {
        String reason = reason(fetch("sli_a", "metricSelector=builtin:service.response.time:splitBy():percentile(95)"
                + "&entitySelector=tag(keptn_project:my-project)"));

        assertThat(reason).contains("Dynatrace API error (400): Constraints violated. [entitySelector: The entity"
                + " selector must contain a type(...) or entityId(...) predicate]");
    }

    @Test
    void fetch_selectorParseError_failsWithDynatracesMessage() {
        String broken = "builtin:service.response.time:merge(0:avg";
        dt.onMetricsQuery(broken, "Inf", new Reply(400, Bodies.error(400, "Metric selector parse error: line 1:41"
                + " missing ')' at ':'"), Map.of()));

        assertThat(reason(fetch("rt", "metricSelector=" + broken + "&resolution=Inf")))
                .contains("Dynatrace API error (400): Metric selector parse error: line 1:41 missing ')' at ':'");
    }

    @Test
    void fetch_unknownMetric_failsWith404Message() {
        assertThat(reason(fetch("x", "metricSelector=builtin:no.such.metric&resolution=Inf")))
                .contains("Dynatrace API error (404)", "builtin:no.such.metric");
    }

    @Test
    void fetch_managedEnvironment_sendsBelowTheEnvironmentPath() throws IOException {
        try (FakeDynatrace managed = FakeDynatrace.startManaged(TOKEN, "8a1e6b0c-2f7d-4e5a-9b3c-1d2e3f4a5b6c")
                .metric("builtin:service.response.time", "MicroSecond", true, "avg")
                .onMetricsQuery(RT_P95, "Inf", Reply.json(Bodies.resource("metrics-query-inf.json")));
                DynatraceMetricSource source = source(managed, time)) {
            assertThat(managed.url()).endsWith("/e/8a1e6b0c-2f7d-4e5a-9b3c-1d2e3f4a5b6c");

            assertThat(source.fetch(query("rt", RT_P95))).isEqualTo(IndicatorValue.of(412398.62790697673));
            assertThat(managed.requests()).singleElement().extracting(Request::path)
                    .isEqualTo("/api/v2/metrics/query");
        }
    }

    static String reason(IndicatorValue value) {
        assertThat(value).isInstanceOf(IndicatorValue.Failed.class);
        return ((IndicatorValue.Failed) value).reason();
    }
}
