package dev.qualitygate.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.model.IndicatorValue;
import dev.qualitygate.model.TimeWindow;
import dev.qualitygate.spi.IndicatorQuery;
import dev.qualitygate.spi.MetricSource;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The source against a real Prometheus loaded with known series: values, the query conventions, and every way an
 * answer can fail to be one value.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PrometheusMetricSourceTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant SWITCH = T0.plusSeconds(300);
    private static final Instant LAST = T0.plusSeconds(600);
    private static final Duration STEP = Duration.ofSeconds(15);
    private static final EvaluationContext CARTS = EvaluationContext.of("shop", "staging", "carts");
    /** The job of the service as Keptn's prometheus-service built-in queries select it. */
    private static final String KEPTN_JOB = "job=\"carts-shop-staging-canary\"";

    @TempDir
    static Path dir;
    private static PrometheusServer server;
    private static MetricSource source;
    private static Exception startFailure;

    /**
     * Starts the server for the first test; in each test, so that a missing Prometheus shows as skipped tests. A
     * failed start fails every test at once instead of being tried again.
     */
    @BeforeEach
    void startPrometheus() throws Exception {
        if (startFailure != null) {
            throw startFailure;
        }
        if (server != null) {
            return;
        }
        OpenMetrics series = new OpenMetrics()
                .gauge("latency_seconds", "deployment=\"primary\",service=\"carts\"", T0, LAST, STEP,
                        t -> t.isBefore(SWITCH) ? 0.2 : 0.4)
                .gauge("latency_seconds", "deployment=\"canary\",service=\"carts\"", T0, LAST, STEP, t -> 0.9)
                .gauge("latency_seconds", "deployment=\"primary\",service=\"orders\"", T0, LAST, STEP, t -> 0.3)
                .counter("http_requests", "service=\"carts\",status=\"200\"", T0, LAST, STEP,
                        t -> 10 * (t.getEpochSecond() - T0.getEpochSecond()) / 15)
                .counter("http_requests", "service=\"carts\",status=\"500\"", T0, LAST, STEP, t -> 0)
                .counter("http_requests", KEPTN_JOB + ",status=\"200\"", T0, LAST, STEP, t -> 10 * steps(t))
                .counter("http_requests", KEPTN_JOB + ",status=\"503\"", T0, LAST, STEP, t -> steps(t));
        // Per step 10 requests: 5 took at most 100 ms, 4 more at most 200 ms, 1 more at most 500 ms.
        for (String[] bucket : new String[][] {{"100", "5"}, {"200", "9"}, {"500", "10"}, {"+Inf", "10"}}) {
            series.bucket("http_response_time_milliseconds", KEPTN_JOB + ",le=\"" + bucket[0] + "\"", T0, LAST, STEP,
                    t -> Integer.parseInt(bucket[1]) * steps(t));
        }
        try {
            server = PrometheusServer.start(dir, series.text());
        } catch (Exception e) {
            startFailure = e;
            throw e;
        }
        source = new PrometheusMetricSourceProvider().create(
                ProviderConfig.of("test", Map.of("url", server.url().toString())), ProviderContext.defaults());
    }

    @AfterAll
    static void stopPrometheus() {
        if (source != null) {
            source.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static long steps(Instant t) {
        return (t.getEpochSecond() - T0.getEpochSecond()) / STEP.getSeconds();
    }

    private static IndicatorValue fetch(String sli, String template, TimeWindow window, EvaluationContext context) {
        return source.fetch(IndicatorQuery.of(sli, template, window, context, Map.of()));
    }

    private static IndicatorValue fetch(String sli, String template) {
        return fetch(sli, template, TimeWindow.ending(T0.plusSeconds(240), Duration.ofMinutes(4)), CARTS);
    }

    @Test
    void fetch_vectorWithOneSample_isTheValueAtTheEndOfTheWindow() {
        String query = "latency_seconds{service=\"$SERVICE\",deployment=\"$DEPLOYMENT\"}";

        assertThat(fetch("rt", query, TimeWindow.ending(T0.plusSeconds(240), Duration.ofMinutes(4)), CARTS))
                .isEqualTo(IndicatorValue.of(0.2));
        assertThat(fetch("rt", query, TimeWindow.ending(T0.plusSeconds(540), Duration.ofMinutes(4)), CARTS))
                .isEqualTo(IndicatorValue.of(0.4));
    }

    @Test
    void fetch_durationSeconds_isTheWindowLength() {
        // 16 samples lie in [T0+187s, T0+427s]: T0+195s, T0+210s, ..., T0+420s.
        TimeWindow window = new TimeWindow(T0.plusSeconds(187), T0.plusSeconds(427));

        IndicatorValue count = fetch("samples",
                "count_over_time(latency_seconds{service=\"$SERVICE\",deployment=\"primary\"}[$DURATION_SECONDS])",
                window, CARTS);

        assertThat(count).isEqualTo(IndicatorValue.of(16));
    }

    @Test
    void fetch_rateOverTheWindow_isTheRequestRate() {
        IndicatorValue rate = fetch("throughput",
                "sum(rate(http_requests_total{service=\"$SERVICE\"}[$DURATION_SECONDS]))");

        assertThat(rate).isInstanceOf(IndicatorValue.Measured.class);
        assertThat(((IndicatorValue.Measured) rate).value()).isCloseTo(10.0 / 15, offset(1e-9));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"throughput, 0.733333333", "error_rate, 0.090909091", "response_time_p50, 100",
        "response_time_p90, 200", "response_time_p95, 350"})
    void fetch_builtInQueryOfKeptnsRedMetrics_isTheirValue(String sli, double expected) {
        String builtIn = source.builtInQuery(sli, CARTS, Map.of());

        IndicatorValue value = fetch(sli, builtIn);

        assertThat(value).isInstanceOf(IndicatorValue.Measured.class);
        assertThat(((IndicatorValue.Measured) value).value()).isCloseTo(expected, offset(1e-6));
    }

    @Test
    void fetch_builtInQueryWithFilters_selectsWithThemAndTheirOperators() {
        IndicatorValue onlyOk = fetch("throughput", source.builtInQuery("throughput", CARTS,
                Map.of("status", "'200'")));
        IndicatorValue notOk = fetch("throughput", source.builtInQuery("throughput", CARTS,
                Map.of("status", "!~\"2..\"")));
        IndicatorValue otherJob = fetch("throughput", source.builtInQuery("throughput", CARTS,
                Map.of("job", "carts-shop-staging-primary")));

        assertThat(((IndicatorValue.Measured) onlyOk).value()).isCloseTo(10.0 / 15, offset(1e-9));
        assertThat(((IndicatorValue.Measured) notOk).value()).isCloseTo(1.0 / 15, offset(1e-9));
        assertThat(otherJob).isInstanceOf(IndicatorValue.Failed.class);
        assertThat(((IndicatorValue.Failed) otherJob).reason()).contains("no data", "job='carts-shop-staging-primary'");
    }

    @Test
    void fetch_scalar_isItsValue() {
        assertThat(fetch("answer", "scalar(sum(latency_seconds{service=\"orders\"})) * 10"))
                .isEqualTo(IndicatorValue.of(3));
    }

    @Test
    void fetch_deploymentLabel_fillsDeploymentAsKeptnDid() {
        EvaluationContext canaryLabel = CARTS.withLabel("deployment", "canary");

        assertThat(fetch("rt", "latency_seconds{service=\"$SERVICE\",deployment=\"$DEPLOYMENT\"}",
                TimeWindow.ending(T0.plusSeconds(240), Duration.ofMinutes(4)), canaryLabel))
                .isEqualTo(IndicatorValue.of(0.9));
    }

    @Test
    void fetch_emptyVector_failsWithNoDataNamingTheSliAndTheQuery() {
        assertThat(fetch("error_rate", "latency_seconds{service=\"none\"}")).isEqualTo(IndicatorValue.failed(
                "SLI 'error_rate': no data: the query returned an empty vector at 2026-01-01T00:04:00Z;"
                        + " query: latency_seconds{service=\"none\"}"));
    }

    @Test
    void fetch_severalSeries_failsSayingHowMany() {
        assertThat(fetch("rt", "latency_seconds{deployment=\"primary\"}")).isEqualTo(IndicatorValue.failed(
                "SLI 'rt': the query returned 2 series, expected one:"
                        + " latency_seconds{deployment=\"primary\",service=\"carts\"},"
                        + " latency_seconds{deployment=\"primary\",service=\"orders\"};"
                        + " aggregate them to one, for example with sum(...) or max(...);"
                        + " query: latency_seconds{deployment=\"primary\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "sum(rate(http_requests_total{status=\"500\"}[5m])) / sum(rate(http_requests_total{status=\"500\"}[5m]))"
                + " | NaN at 2026-01-01T00:04:00Z (for example 0/0, when nothing happened in the window)",
        "1/0 | +Inf at 2026-01-01T00:04:00Z (for example x/0)",
        "-sum(latency_seconds{service=\"orders\"}) / 0 | -Inf at 2026-01-01T00:04:00Z (for example x/0)"})
    void fetch_notFinite_failsNamingTheValue(String query, String returned) {
        assertThat(fetch("ratio", query))
                .isEqualTo(IndicatorValue.failed("SLI 'ratio': the query returned " + returned + "; query: " + query));
    }

    @Test
    void fetch_syntaxError_failsWithPrometheusErrorText() {
        assertThat(fetch("broken", "sum(")).isEqualTo(IndicatorValue.failed("SLI 'broken': Prometheus answered HTTP"
                + " 400 (bad_data): invalid parameter \"query\": 1:5: parse error: unclosed left parenthesis;"
                + " query: sum("));
    }

    @Test
    void fetch_executionError_failsWithPrometheusErrorText() {
        IndicatorValue value = fetch("join", "latency_seconds * on(service) latency_seconds");

        assertThat(value).isInstanceOf(IndicatorValue.Failed.class);
        assertThat(((IndicatorValue.Failed) value).reason())
                .startsWith("SLI 'join': Prometheus answered HTTP 422 (execution): ")
                .contains("many-to-many matching not allowed")
                .endsWith("; query: latency_seconds * on(service) latency_seconds");
    }

    @Test
    void fetch_rangeVector_failsExplainingWhatAnSliQueryMustGive() {
        assertThat(fetch("raw", "latency_seconds{service=\"orders\"}[1m]")).isEqualTo(IndicatorValue.failed(
                "SLI 'raw': the query returned a range vector (matrix) of 1 series; an SLI query must give an instant"
                        + " vector or a scalar, for example avg_over_time(x[$DURATION_SECONDS]) instead of"
                        + " x[$DURATION_SECONDS]; query: latency_seconds{service=\"orders\"}[1m]"));
    }

    @Test
    void fetch_string_fails() {
        assertThat(fetch("text", "\"hello\"")).isEqualTo(IndicatorValue.failed(
                "SLI 'text': the query returned a string, not a number; query: \"hello\""));
    }
}
