package dev.qualitygate.prometheus;

import static dev.qualitygate.prometheus.FakePrometheus.Reply.error;
import static dev.qualitygate.prometheus.FakePrometheus.Reply.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qualitygate.Gate;
import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.Objective;
import dev.qualitygate.model.SliConfig;
import dev.qualitygate.model.Slo;
import dev.qualitygate.model.TimeWindow;
import dev.qualitygate.model.Verdict;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A gate whose source is found by id fetches from a server where one SLI answers, one errs and one hangs. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PrometheusGateTest {

    @Test
    void evaluate_answeringFailingAndHangingSlis_scoresEachWithinTheTimeLimits() throws IOException {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("throughput", "sum(rate(http_requests_total[$DURATION_SECONDS]))");
        queries.put("error_rate", "error_ratio");
        queries.put("response_time", "slow_query");
        Slo slo = Slo.builder()
                .objective(Objective.builder("throughput").pass(">=1").build())
                .objective(Objective.builder("error_rate").pass("<=0.01").build())
                .objective(Objective.builder("response_time").pass("<=0.5").build())
                .build();
        try (FakePrometheus fake = FakePrometheus.start((request, index) -> switch (request.form().get("query")) {
            case "sum(rate(http_requests_total[300s]))" -> value("12.5");
            case "error_ratio" -> error(503, "unavailable", "TSDB not ready");
            default -> value("0.1").after(Duration.ofSeconds(30));
        });
                Gate gate = Gate.builder().slo(slo).sli(new SliConfig("1.0", queries, null), "prometheus")
                        .source("prometheus", Map.of("url", fake.url().toString(), "timeout", "2s",
                                "retryBackoff", "10ms"))
                        .build()) {
            long start = System.nanoTime();

            EvaluationResult result = gate.evaluate(EvaluationContext.of("shop", "staging", "carts"),
                    TimeWindow.ending(Instant.parse("2026-01-01T00:05:00Z"), Duration.ofMinutes(5)));

            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(10_000);
            assertThat(result.result()).isEqualTo(Verdict.FAIL);
            assertThat(result.objective("throughput").orElseThrow().value()).isEqualTo(12.5);
            assertThat(result.objective("error_rate").orElseThrow().message()).startsWith(
                    "SLI 'error_rate': Prometheus answered HTTP 503 (unavailable): TSDB not ready (after 3 attempts");
            assertThat(result.objective("response_time").orElseThrow().message()).isEqualTo(
                    "SLI 'response_time': no answer from Prometheus at " + fake.url() + " within 2 s;"
                            + " query: slow_query");
        }
    }
}
