package dev.qualitygate.test.assertj;

import dev.qualitygate.QualityGate;
import dev.qualitygate.model.EvaluationResult;
import java.util.List;
import java.util.Map;

/** Real evaluation results to assert on, from one SLO. */
final class Results {
    static final String SLO = String.join("\n",
            "spec_version: \"1.0\"",
            "comparison:",
            "  compare_with: single_result",
            "  include_result_with_score: pass",
            "  number_of_comparison_results: 1",
            "  aggregate_function: avg",
            "objectives:",
            "  - sli: response_time_p95",
            "    pass:",
            "      - criteria: [\"<=+10%\", \"<600\"]",
            "    warning:",
            "      - criteria: [\"<=800\"]",
            "  - sli: error_rate",
            "    key_sli: true",
            "    pass:",
            "      - criteria: [\"<5\"]",
            "  - sli: throughput",
            "total_score:",
            "  pass: \"90%\"",
            "  warning: \"75%\"",
            "");

    static final QualityGate GATE = QualityGate.fromSloYaml(SLO);

    /** pass, score 100, no baseline: response_time_p95 = 410, error_rate = 1, throughput = 90. */
    static final EvaluationResult FIRST = GATE.evaluate(
            Map.of("response_time_p95", 410, "error_rate", 1, "throughput", 90)).toBuilder().id("first").build();

    /** warning, score 75, compared with FIRST: response_time_p95 = 470 (target 451 from 410) → warning. */
    static final EvaluationResult WARNING = GATE.evaluate(
            Map.of("response_time_p95", 470, "error_rate", 1, "throughput", 80), List.of(FIRST));

    /** fail by the key SLI error_rate = 7, compared with FIRST. */
    static final EvaluationResult KEY_FAIL = GATE.evaluate(
            Map.of("response_time_p95", 420, "error_rate", 7, "throughput", 80), List.of(FIRST));

    private Results() {
    }
}
