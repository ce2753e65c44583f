package dev.qualitygate.report;

import dev.qualitygate.QualityGate;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.IndicatorValues;
import dev.qualitygate.model.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Histories of evaluations made by the real engine, for the report tests. Public, and in gate-core's test jar, for
 * gate-cli's report tests.
 */
public final class ReportSamples {
    /** The SLO of {@link #twentyBuilds()}: four objectives, error rate a key SLI, one informational. */
    public static final String SLO = String.join("\n",
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

    static final Instant START = Instant.parse("2026-11-02T08:00:00Z");

    /** Response time p95 of builds 1 to 20. */
    static final double[] RESPONSE_TIME = {
        412, 405, 418, 421, 399, 407, 523, 431, 414, 642, 417, 409, 851, 422, 416, 411, 408, 433, 427, 489};
    /** Error rate of builds 1 to 20; NaN is a failed retrieval. */
    static final double[] ERROR_RATE = {
        0.21, 0.35, 0.18, 0.42, 0.3, 0.27, 0.33, 0.4, 0.25, 0.31, 0.22, 1.48, 0.36, 0.29, 0.24, Double.NaN, 0.28,
        0.19, 0.34, 2.37};
    static final double[] THROUGHPUT = {
        1210, 1195, 1222, 1208, 1230, 1201, 1189, 1032, 1215, 1199, 1224, 1211, 1187, 1205, 1219, 1226, 1212, 1198,
        1207, 1203};
    static final double[] CPU = {
        41, 43, 40.5, 44, 39, 42, 55, 47, 41, 58, 42, 43, 71, 44, 42, 41, 40, 45, 44, 52};

    private ReportSamples() {
    }

    /**
     * The 20 builds of the arrays above, evaluated one after the other against the earlier ones: passes, warnings
     * (builds 7, 8, 10, 12), fails (build 13 by score, 16 with a missing error rate and 20 on the key SLI).
     */
    public static List<EvaluationResult> twentyBuilds() {
        QualityGate gate = QualityGate.fromSloYaml(SLO);
        List<EvaluationResult> history = new ArrayList<>();
        for (int i = 0; i < RESPONSE_TIME.length; i++) {
            IndicatorValues.Builder values = IndicatorValues.builder()
                    .put("response_time_p95", RESPONSE_TIME[i])
                    .put("throughput", THROUGHPUT[i])
                    .put("cpu_usage", CPU[i]);
            if (Double.isNaN(ERROR_RATE[i])) {
                values.failed("error_rate", "no data for query rate(http_errors[5m]) in the window");
            } else {
                values.put("error_rate", ERROR_RATE[i]);
            }
            history.add(stamp(gate.evaluate(values.build(), history), i, "1.4." + (i + 1)));
        }
        return history;
    }

    /**
     * A long history: {@code count} evaluations of an SLO with {@code objectives} objectives (alternately absolute
     * and relative, some key SLIs, one informational), with random values around a level so that most pass and
     * some warn, fail or miss.
     */
    static List<EvaluationResult> longHistory(int count, int objectives, long seed) {
        StringBuilder slo = new StringBuilder("spec_version: \"1.0\"\ncomparison:\n  compare_with: several_results\n"
                + "  include_result_with_score: pass\n  number_of_comparison_results: 3\nobjectives:\n");
        for (int k = 0; k < objectives; k++) {
            slo.append("  - sli: indicator_").append(k).append('\n');
            if (k == objectives - 1) {
                continue;
            }
            slo.append("    displayName: Indicator number ").append(k).append('\n');
            if (k % 5 == 0) {
                slo.append("    key_sli: true\n");
            }
            slo.append("    pass:\n      - criteria: [\"").append(k % 2 == 0 ? "<=110" : "<=+10%").append("\"]\n");
            slo.append("    warning:\n      - criteria: [\"<=130\"]\n");
        }
        slo.append("total_score:\n  pass: \"90%\"\n  warning: \"75%\"\n");
        QualityGate gate = QualityGate.fromSloYaml(slo.toString());
        Random random = new Random(seed);
        List<EvaluationResult> history = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            IndicatorValues.Builder values = IndicatorValues.builder();
            for (int k = 0; k < objectives; k++) {
                if (random.nextInt(200) == 0) {
                    values.failed("indicator_" + k, "no data");
                } else {
                    values.put("indicator_" + k, Math.round((100 + random.nextGaussian() * 8) * 1000) / 1000.0);
                }
            }
            List<EvaluationResult> recent = history.subList(Math.max(0, history.size() - 10), history.size());
            history.add(stamp(gate.evaluate(values.build(), recent), i, "build-" + (i + 1)));
        }
        return history;
    }

    private static EvaluationResult stamp(EvaluationResult result, int i, String build) {
        Instant end = START.plus(Duration.ofMinutes(47L * i));
        return result.toBuilder()
                .id("eval-" + (i + 1))
                .project("shop").stage("hardening").service("carts")
                .labels(Map.of("buildId", build))
                .timeframe(TimeWindow.ending(end, Duration.ofMinutes(5)))
                .time(end.plusSeconds(2))
                .build();
    }
}
