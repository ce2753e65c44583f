package dev.qualitygate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.IndicatorResult;
import dev.qualitygate.model.IndicatorValues;
import dev.qualitygate.model.Objective;
import dev.qualitygate.model.ObjectiveStatus;
import dev.qualitygate.model.Slo;
import dev.qualitygate.model.TargetBasis;
import dev.qualitygate.model.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityGateTest {
    private static final String SLO = String.join("\n",
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

    @TempDir
    Path dir;

    private Path sloFile() throws Exception {
        Path file = dir.resolve("slo.yaml");
        Files.writeString(file, SLO);
        return file;
    }

    @Test
    void fromSlo_readsTheFile() throws Exception {
        QualityGate gate = QualityGate.fromSlo(sloFile());

        assertThat(gate.slo().objectives()).extracting(Objective::sli)
                .containsExactly("response_time_p95", "error_rate", "throughput");
        assertThat(gate.slo().totalScore().pass()).isEqualTo(90);
    }

    @Test
    void fromSlo_missingFile_isAConfigErrorNamingTheFile() {
        Path missing = dir.resolve("nope.yaml");

        GateConfigException e = catchThrowableOfType(GateConfigException.class, () -> QualityGate.fromSlo(missing));

        assertThat(e).isNotNull();
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(missing.toString());
            assertThat(p.message()).contains("no such file");
        });
    }

    @Test
    void fromSloYaml_invalidContent_listsTheProblemsWithLocation() {
        GateConfigException e = catchThrowableOfType(GateConfigException.class, () -> QualityGate.fromSloYaml(
                "objectives:\n  - sli: rt\n    weight: -1\n    pass:\n      - criteria: [\"<<5\"]\n"));

        assertThat(e).isNotNull();
        assertThat(e.problems()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.source()).isEqualTo("slo.yaml");
            assertThat(p.line()).isPositive();
        });
    }

    @Test
    void evaluate_withoutHistory_treatsRelativeCriteriaAsMet() {
        EvaluationResult result = QualityGate.fromSloYaml(SLO).evaluate(
                Map.of("response_time_p95", 410.0, "error_rate", 1, "throughput", 90));

        assertThat(result.result()).isEqualTo(Verdict.PASS);
        assertThat(result.score()).isEqualTo(100);
        assertThat(result.comparedEvents()).isEmpty();
        IndicatorResult rt = result.objective("response_time_p95").orElseThrow();
        assertThat(rt.passTargets()).extracting(t -> t.basis())
                .containsExactly(TargetBasis.NO_BASELINE, TargetBasis.ABSOLUTE);
        assertThat(rt.missingBaseline()).isTrue();
        assertThat(result.objective("throughput").orElseThrow().status()).isEqualTo(ObjectiveStatus.INFO);
        assertThat(result.id()).isEmpty();
        assertThat(result.time()).isNull();
    }

    @Test
    void evaluate_withHistory_comparesWithTheNewestEligibleEvaluation() {
        QualityGate gate = QualityGate.fromSloYaml(SLO);
        EvaluationResult first = gate.evaluate(Map.of("response_time_p95", 400, "error_rate", 1))
                .toBuilder().id("first").build();
        EvaluationResult failed = gate.evaluate(Map.of("response_time_p95", 900, "error_rate", 9))
                .toBuilder().id("failed").build();
        assertThat(failed.result()).isEqualTo(Verdict.FAIL);

        EvaluationResult second = gate.evaluate(Map.of("response_time_p95", 470, "error_rate", 1),
                List.of(first, failed));

        assertThat(second.comparedEvents()).containsExactly("first");
        IndicatorResult rt = second.objective("response_time_p95").orElseThrow();
        assertThat(rt.comparedValue()).isEqualTo(400);
        assertThat(rt.passTargets().get(0).targetValue()).isCloseTo(440, within(1e-9));
        assertThat(rt.passTargets().get(0).violated()).isTrue();
        assertThat(rt.status()).isEqualTo(ObjectiveStatus.WARNING);
        assertThat(second.score()).isCloseTo(75, within(1e-9));
        assertThat(second.result()).isEqualTo(Verdict.WARNING);
    }

    @Test
    void evaluate_indicatorValuesWithAFailedKeySli_failsWithItsReason() {
        IndicatorValues values = IndicatorValues.builder()
                .put("response_time_p95", 300)
                .failed("error_rate", "Prometheus answered 503")
                .put("throughput", 10)
                .build();

        EvaluationResult result = QualityGate.fromSloYaml(SLO).evaluate(values);

        assertThat(result.result()).isEqualTo(Verdict.FAIL);
        IndicatorResult errorRate = result.objective("error_rate").orElseThrow();
        assertThat(errorRate.success()).isFalse();
        assertThat(errorRate.message()).isEqualTo("Prometheus answered 503");
        assertThat(errorRate.status()).isEqualTo(ObjectiveStatus.FAIL);
        assertThat(result.keySliFailure()).isNotNull();
        assertThat(result.keySliFailure().sli()).isEqualTo("error_rate");
        assertThat(result.message()).contains("key_sli").contains("Prometheus answered 503");
    }

    @Test
    void evaluate_missingSli_countsAsFailedRetrieval() {
        EvaluationResult result = QualityGate.fromSloYaml(SLO).evaluate(Map.of("response_time_p95", 300));

        assertThat(result.objective("error_rate").orElseThrow().success()).isFalse();
        assertThat(result.result()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void evaluate_nonFiniteNumber_isRefused() {
        assertThatThrownBy(() -> QualityGate.fromSloYaml(SLO).evaluate(Map.of("response_time_p95", Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite");
    }

    @Test
    void sloFileContent_fromSlo_isTheBase64OfTheFile() throws Exception {
        Path file = sloFile();

        EvaluationResult result = QualityGate.fromSlo(file).evaluate(Map.of("error_rate", 1));

        assertThat(Base64.getDecoder().decode(result.sloFileContent())).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void sloFileContent_fromSloYaml_isTheBase64OfTheText() {
        EvaluationResult result = QualityGate.fromSloYaml(SLO).evaluate(Map.of("error_rate", 1));

        assertThat(new String(Base64.getDecoder().decode(result.sloFileContent()), StandardCharsets.UTF_8))
                .isEqualTo(SLO);
    }

    @Test
    void sloFileContent_ofAnSloBuiltInCode_isEmpty() {
        Slo slo = Slo.builder().objective(Objective.builder("rt").pass("<600").build()).build();

        EvaluationResult result = QualityGate.of(slo).evaluate(Map.of("rt", 500));

        assertThat(result.sloFileContent()).isEmpty();
        assertThat(result.result()).isEqualTo(Verdict.PASS);
    }

    @Test
    void evaluate_isRepeatableForTheSameInput() {
        QualityGate gate = QualityGate.fromSloYaml(SLO);
        Map<String, Double> values = Map.of("response_time_p95", 700.0, "error_rate", 1.0);

        assertThat(gate.evaluate(values)).isEqualTo(gate.evaluate(values));
    }
}
