package dev.qualitygate.dynatrace;

import static dev.qualitygate.dynatrace.Fixtures.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qualitygate.Gate;
import dev.qualitygate.dynatrace.fake.Bodies;
import dev.qualitygate.dynatrace.fake.FakeDynatrace;
import dev.qualitygate.dynatrace.fake.FakeDynatrace.Fault;
import dev.qualitygate.dynatrace.fake.FakeDynatrace.Reply;
import dev.qualitygate.model.IndicatorValue;
import dev.qualitygate.model.IndicatorValues;
import dev.qualitygate.model.SliConfig;
import dev.qualitygate.yaml.GateYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A {@link Gate} fetches many SLIs from one source at once, within its bound, and each gets its own value. */
class GateConcurrencyTest {

    @Test
    @Timeout(60)
    void gateFetch_twelveSlowSlis_runConcurrentlyWithinTheBound() throws IOException {
        Map<String, String> queries = new LinkedHashMap<>();
        StringBuilder slo = new StringBuilder("spec_version: '1.0'\nobjectives:\n");
        try (FakeDynatrace dt = FakeDynatrace.start(TOKEN).metric("builtin:service.response.time", "MicroSecond",
                true, "avg")) {
            for (int i = 1; i <= 12; i++) {
                String selector = "builtin:service.response.time:percentile(" + (50 + i) + ")";
                dt.onMetricsQuery(selector, "Inf", Reply.json(Bodies.single(selector, 1L, 1000.0 * i)));
                queries.put("p" + (50 + i), "metricSelector=" + selector + "&resolution=Inf");
                slo.append("  - sli: p").append(50 + i).append('\n');
            }
            dt.slowDelay(Duration.ofMillis(500)).failNext(Fault.SLOW, 12);
            try (DynatraceMetricSource source = Fixtures.source(dt, Fixtures.settledTime());
                    Gate gate = Gate.builder()
                            .slo(GateYaml.readSlo(slo.toString().getBytes(StandardCharsets.UTF_8), "slo.yaml"))
                            .sli(new SliConfig("1.0", queries, null), "dynatrace")
                            .source("dynatrace", source)
                            .maxConcurrentFetches(4)
                            .build()) {
                IndicatorValues values = gate.fetch(Fixtures.CONTEXT, Fixtures.WINDOW);

                for (int i = 1; i <= 12; i++) {
                    assertThat(values.values().get("p" + (50 + i))).isEqualTo(IndicatorValue.of(1000.0 * i));
                }
                assertThat(dt.requests()).hasSize(12);
                assertThat(dt.maxConcurrentRequests()).isBetween(2, 4);
            }
        }
    }
}
