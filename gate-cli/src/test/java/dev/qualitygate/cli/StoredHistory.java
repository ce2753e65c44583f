package dev.qualitygate.cli;

import dev.qualitygate.Gate;
import dev.qualitygate.history.EvaluationStore;
import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.model.IndicatorValues;
import dev.qualitygate.model.TimeWindow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A file store holding 20 evaluations of shop/hardening/carts, builds 1.4.1 to 1.4.20, made by the real engine
 * through {@link Gate#score} one after the other (each compared with the earlier ones), 47 minutes apart: passes,
 * warnings (builds 7, 8, 10, 12), fails (13 by score, 16 with a missing error rate, 20 on the key SLI).
 */
final class StoredHistory {
    static final String SLO = String.join("\n",
            "spec_version: \"1.0\"",
            "comparison:",
            "  compare_with: several_results",
            "  include_result_with_score: pass_or_warn",
            "  number_of_comparison_results: 3",
            "  aggregate_function: avg",
            "objectives:",
            "  - sli: response_time_p95",
            "    displayName: Response time p95",
            "    pass:",
            "      - criteria: [\"<=+10%\", \"<600\"]",
            "    warning:",
            "      - criteria: [\"<=800\"]",
            "    weight: 2",
            "  - sli: error_rate",
            "    displayName: Error rate",
            "    key_sli: true",
            "    pass:",
            "      - criteria: [\"<=1\"]",
            "    warning:",
            "      - criteria: [\"<=2\"]",
            "  - sli: throughput",
            "    pass:",
            "      - criteria: [\">=-10%\"]",
            "  - sli: cpu_usage",
            "    displayName: CPU usage",
            "total_score:",
            "  pass: \"90%\"",
            "  warning: \"75%\"",
            "");

    static final EvaluationContext CONTEXT = EvaluationContext.of("shop", "hardening", "carts");
    static final Instant START = Instant.parse("2026-11-02T08:00:00Z");

    private static final double[] RESPONSE_TIME = {
        412, 405, 418, 421, 399, 407, 523, 431, 414, 642, 417, 409, 851, 422, 416, 411, 408, 433, 427, 489};
    private static final double[] ERROR_RATE = {
        0.21, 0.35, 0.18, 0.42, 0.3, 0.27, 0.33, 0.4, 0.25, 0.31, 0.22, 1.48, 0.36, 0.29, 0.24, Double.NaN, 0.28,
        0.19, 0.34, 2.37};
    private static final double[] THROUGHPUT = {
        1210, 1195, 1222, 1208, 1230, 1201, 1189, 1032, 1215, 1199, 1224, 1211, 1187, 1205, 1219, 1226, 1212, 1198,
        1207, 1203};
    private static final double[] CPU = {
        41, 43, 40.5, 44, 39, 42, 55, 47, 41, 58, 42, 43, 71, 44, 42, 41, 40, 45, 44, 52};

    private StoredHistory() {
    }

    /** Writes the SLO to {@code dir/slo.yaml} and the 20 evaluations into the store {@code dir/store}. */
    static Path create(Path dir) throws IOException {
        Path slo = Files.writeString(dir.resolve("slo.yaml"), SLO);
        Path store = dir.resolve("store");
        for (int i = 0; i < RESPONSE_TIME.length; i++) {
            Instant end = START.plus(Duration.ofMinutes(47L * i));
            IndicatorValues.Builder values = IndicatorValues.builder()
                    .put("response_time_p95", RESPONSE_TIME[i])
                    .put("throughput", THROUGHPUT[i])
                    .put("cpu_usage", CPU[i]);
            if (Double.isNaN(ERROR_RATE[i])) {
                values.failed("error_rate", "no data for query rate(http_errors[5m]) in the window");
            } else {
                values.put("error_rate", ERROR_RATE[i]);
            }
            try (EvaluationStore evaluations = EvaluationStore.files(store);
                    Gate gate = Gate.builder().slo(slo).store(evaluations)
                            .clock(Clock.fixed(end.plusSeconds(2), ZoneOffset.UTC)).build()) {
                gate.score(CONTEXT.withLabel("buildId", "1.4." + (i + 1)),
                        TimeWindow.ending(end, Duration.ofMinutes(5)), values.build());
            }
        }
        return store;
    }
}
