package dev.qualitygate.cli;

import static dev.qualitygate.cli.GateRun.gate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.qualitygate.prometheus.OpenMetrics;
import dev.qualitygate.prometheus.PrometheusServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code gate evaluate} end to end against a real Prometheus found through ServiceLoader: two builds of the carts
 * service, the second one with a regression written into the Prometheus data, evaluated into the file store.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EvaluatePrometheusTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    /** From here on the service answers slower and one request in six fails. */
    private static final Instant REGRESSION = T0.plus(Duration.ofMinutes(12));
    private static final Duration STEP = Duration.ofSeconds(15);

    private static final String SLO = String.join("\n",
            "spec_version: \"1.0\"",
            "comparison:",
            "  compare_with: single_result",
            "  include_result_with_score: pass",
            "  number_of_comparison_results: 1",
            "  aggregate_function: avg",
            "objectives:",
            "  - sli: response_time",
            "    pass:",
            "      - criteria: [\"<=+10%\", \"<0.4\"]",
            "    warning:",
            "      - criteria: [\"<=0.6\"]",
            "  - sli: error_rate",
            "    pass:",
            "      - criteria: [\"<=0.02\"]",
            "total_score:",
            "  pass: \"90%\"",
            "  warning: \"75%\"",
            "");

    private static final String SLI = String.join("\n",
            "spec_version: \"1.0\"",
            "indicators:",
            "  response_time: 'avg_over_time(http_response_time_seconds{service=\"$SERVICE\"}[$DURATION_SECONDS])'",
            "  error_rate: 'sum(rate(http_requests_total{service=\"$SERVICE\",status=~\"5..\"}[$DURATION_SECONDS]))"
                    + " / sum(rate(http_requests_total{service=\"$SERVICE\"}[$DURATION_SECONDS]))'",
            "");

    @TempDir
    static Path serverDir;
    private static PrometheusServer server;
    private static Exception startFailure;

    @TempDir
    Path project;

    /** Starts the server for the first test; a missing Prometheus shows as skipped tests (or fails under CI). */
    @BeforeEach
    void startPrometheus() throws Exception {
        if (startFailure != null) {
            throw startFailure;
        }
        if (server != null) {
            return;
        }
        Instant last = T0.plus(Duration.ofMinutes(25));
        OpenMetrics series = new OpenMetrics()
                .gauge("http_response_time_seconds", "service=\"carts\"", T0, last, STEP,
                        t -> t.isBefore(REGRESSION) ? 0.2 : 0.5)
                .counter("http_requests", "service=\"carts\",status=\"200\"", T0, last, STEP, t -> 15 * steps(t))
                .counter("http_requests", "service=\"carts\",status=\"500\"", T0, last, STEP,
                        t -> t.isBefore(REGRESSION) ? 0 : 3 * (steps(t) - steps(REGRESSION)))
                .counter("http_requests", "job=\"carts-shop-staging-canary\",status=\"200\"", T0, last, STEP,
                        t -> 6 * steps(t));
        try {
            server = PrometheusServer.start(serverDir, series.text());
        } catch (Exception e) {
            startFailure = e;
            throw e;
        }
    }

    private static long steps(Instant t) {
        return Duration.between(T0, t).dividedBy(STEP);
    }

    @AfterAll
    static void stopPrometheus() {
        if (server != null) {
            server.close();
        }
    }

    /** Writes the project's files: slo.yaml, prometheus/sli.yaml and gate.yaml with the file store. */
    private void writeProject(String sli) throws IOException {
        Files.writeString(project.resolve("slo.yaml"), SLO, StandardCharsets.UTF_8);
        Files.createDirectories(project.resolve("prometheus"));
        Files.writeString(project.resolve("prometheus/sli.yaml"), sli, StandardCharsets.UTF_8);
        Files.writeString(project.resolve("gate.yaml"), String.join("\n",
                "sources:",
                "  prometheus:",
                "    url: " + server.url(),
                "    timeout: 5s",
                "store: history",
                ""), StandardCharsets.UTF_8);
    }

    private GateRun evaluateBuild(String build, String to, String format) {
        List<String> args = new ArrayList<>(List.of("evaluate",
                "--slo", project.resolve("slo.yaml").toString(),
                "--sli", project.resolve("prometheus/sli.yaml").toString(),
                "--config", project.resolve("gate.yaml").toString(),
                "--to", to, "--window", "5m",
                "--project", "shop", "--stage", "staging", "--service", "carts",
                "--label", "buildId=" + build, "--format", format));
        return gate(args.toArray(String[]::new));
    }

    @Test
    void evaluate_regressionInThePrometheusData_turnsAPassIntoAFail() throws IOException {
        writeProject(SLI);

        GateRun before = evaluateBuild("1", "2026-01-01T00:10:00Z", "json");
        GateRun after = evaluateBuild("2", "2026-01-01T00:20:00Z", "json");

        assertThat(before.err()).isEmpty();
        assertThat(before.exitCode()).as(before.out()).isZero();
        JsonNode passed = JSON.readTree(before.out());
        assertThat(passed.path("result").asString()).isEqualTo("pass");
        assertThat(indicator(passed, 0).path("value").path("value").asDouble()).isCloseTo(0.2, within(1e-9));
        assertThat(indicator(passed, 1).path("value").path("value").asDouble()).isZero();

        assertThat(after.err()).isEmpty();
        assertThat(after.exitCode()).as(after.out()).isEqualTo(1);
        JsonNode failed = JSON.readTree(after.out());
        assertThat(failed.path("result").asString()).isEqualTo("fail");
        assertThat(failed.path("evaluation").path("comparedEvents").get(0).asString())
                .isEqualTo(passed.path("id").asString());
        JsonNode responseTime = indicator(failed, 0);
        assertThat(responseTime.path("value").path("value").asDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(responseTime.path("value").path("comparedValue").asDouble()).isCloseTo(0.2, within(1e-9));
        assertThat(responseTime.path("status").asString()).isEqualTo("warning");
        JsonNode errorRate = indicator(failed, 1);
        assertThat(errorRate.path("value").path("value").asDouble()).isCloseTo(0.2 / 1.2, within(1e-9));
        assertThat(errorRate.path("status").asString()).isEqualTo("fail");

        try (var lines = Files.lines(project.resolve("history/shop/staging/carts.jsonl"))) {
            assertThat(lines.count()).as("evaluations in the file store").isEqualTo(2);
        }
    }

    @Test
    void evaluate_queryWithoutData_failsTheSliWithTheReason() throws IOException {
        writeProject(SLI.replace("http_response_time_seconds{service=\"$SERVICE\"}",
                "http_response_time_seconds{service=\"$SERVICE\",deployment=\"$DEPLOYMENT\"}"));

        GateRun run = evaluateBuild("1", "2026-01-01T00:10:00Z", "text").hasNoStackTrace();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.outLines()).contains("FAIL     response_time: no value (SLI 'response_time': no data: the"
                + " query returned an empty vector at 2026-01-01T00:10:00Z; query:"
                + " avg_over_time(http_response_time_seconds{service=\"carts\",deployment=\"primary\"}[300s]))"
                + " → fail, score 0 of 1");
    }

    @Test
    void evaluate_sloObjectiveInNoSliFile_isAnsweredByKeptnsBuiltInQuery() throws IOException {
        writeProject(SLI);
        Files.writeString(project.resolve("slo.yaml"), SLO.replace("total_score:", String.join("\n",
                "  - sli: throughput",
                "    pass:",
                "      - criteria: [\">=0.3\"]",
                "total_score:")), StandardCharsets.UTF_8);

        GateRun run = evaluateBuild("1", "2026-01-01T00:10:00Z", "json");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).as(run.out()).isZero();
        JsonNode throughput = indicator(JSON.readTree(run.out()), 2);
        assertThat(throughput.path("value").path("metric").asString()).isEqualTo("throughput");
        assertThat(throughput.path("value").path("value").asDouble()).isCloseTo(6.0 / 15, within(1e-9));
        assertThat(throughput.path("status").asString()).isEqualTo("pass");
    }

    private static JsonNode indicator(JsonNode result, int index) {
        return result.path("evaluation").path("indicatorResults").get(index);
    }
}
