package dev.qualitygate.test.assertj;

import static dev.qualitygate.test.assertj.GateAssertions.assertThat;
import static dev.qualitygate.test.assertj.Results.FIRST;
import static dev.qualitygate.test.assertj.Results.KEY_FAIL;
import static dev.qualitygate.test.assertj.Results.WARNING;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.IndicatorResult;
import dev.qualitygate.model.IndicatorValues;
import dev.qualitygate.model.ObjectiveStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndicatorResultAssertTest {
    private static final IndicatorResult RT_WARNING = WARNING.objective("response_time_p95").orElseThrow();
    private static final IndicatorResult ERRORS_FAILED = KEY_FAIL.objective("error_rate").orElseThrow();
    private static final EvaluationResult NO_VALUE = Results.GATE.evaluate(IndicatorValues.builder()
            .put("response_time_p95", 300).failed("error_rate", "Prometheus answered 503").build(), List.of(FIRST));

    @Test
    void hasStatus_matching_passes() {
        assertThatCode(() -> assertThat(RT_WARNING).hasStatus(ObjectiveStatus.WARNING).isWarning())
                .doesNotThrowAnyException();
        assertThatCode(() -> assertThat(FIRST).objective("error_rate").isPass().and()
                .objective("throughput").isInfo().and()
                .objective("response_time_p95").isPass())
                .doesNotThrowAnyException();
        assertThatCode(() -> assertThat(ERRORS_FAILED).isFail()).doesNotThrowAnyException();
    }

    @Test
    void hasStatus_different_failsWithTheExplanation() {
        assertThatThrownBy(() -> assertThat(WARNING).objective("response_time_p95").hasStatus(ObjectiveStatus.PASS))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected objective 'response_time_p95' to be pass,\nbut it was warning.")
                .hasMessageContaining("Explanation: " + RT_WARNING.explanation());
    }

    @Test
    void isPass_isWarning_isFail_isInfo_failOnOtherStatuses() {
        assertThatThrownBy(() -> assertThat(RT_WARNING).isPass()).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> assertThat(ERRORS_FAILED).isWarning()).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> assertThat(RT_WARNING).isFail()).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> assertThat(RT_WARNING).isInfo())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to be info,\nbut it was warning.");
    }

    @Test
    void hasValue_checksTheMeasuredValue() {
        assertThatCode(() -> assertThat(RT_WARNING).hasValue(470)).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(RT_WARNING).hasValue(480))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected objective 'response_time_p95' to have the value 480,\n"
                        + "but it was 470.");
    }

    @Test
    void hasValue_withoutARetrievedValue_failsWithTheReason() {
        assertThatThrownBy(() -> assertThat(NO_VALUE).objective("error_rate").hasValue(0))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("but no value was retrieved (Prometheus answered 503).");
    }

    @Test
    void hasNoValue_checksThatTheRetrievalFailed() {
        assertThatCode(() -> assertThat(NO_VALUE).objective("error_rate").hasNoValue().isFail())
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(RT_WARNING).hasNoValue())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("but it has the value 470.");
    }

    @Test
    void hasScore_checksTheObjectivesScore() {
        assertThatCode(() -> assertThat(RT_WARNING).hasScore(0.5)).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(RT_WARNING).hasScore(1))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected objective 'response_time_p95' to score 1,\n"
                        + "but it scored 0.5 of its weight 1.");
    }

    @Test
    void isKeySli_checksTheFlag() {
        assertThatCode(() -> assertThat(ERRORS_FAILED).isKeySli()).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(RT_WARNING).isKeySli())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected objective 'response_time_p95' to be a key SLI,\nbut it is not.");
    }

    @Test
    void hasBaseline_checksTheComparedValue() {
        assertThatCode(() -> assertThat(RT_WARNING).hasBaseline(410)).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(RT_WARNING).hasBaseline(400))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have the baseline 400,\nbut the baseline was 410.");
        assertThatThrownBy(() -> assertThat(FIRST).objective("response_time_p95").hasBaseline(410))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("but it had no baseline.");
    }

    @Test
    void hasNoBaseline_onAFirstEvaluation_passes() {
        assertThatCode(() -> assertThat(FIRST).objective("response_time_p95").hasNoBaseline())
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(RT_WARNING).hasNoBaseline())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have no baseline,\nbut the baseline was 410.");
    }

    @Test
    void hasTarget_findsPassAndWarningCriteria() {
        assertThatCode(() -> assertThat(RT_WARNING).hasTarget("<=+10%", 451).hasTarget("<600", 600)
                .hasTarget("<=800", 800)).doesNotThrowAnyException();
    }

    @Test
    void hasTarget_otherValue_failsWithTheActualTarget() {
        assertThatThrownBy(() -> assertThat(RT_WARNING).hasTarget("<=+10%", 440))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected objective 'response_time_p95' to have the target 440 for \"<=+10%\","
                        + "\nbut its target was 451.")
                .hasMessageContaining("Explanation: response_time_p95 = 470");
    }

    @Test
    void hasTarget_withoutBaseline_saysThereWasNone() {
        assertThatThrownBy(() -> assertThat(FIRST).objective("response_time_p95").hasTarget("<=+10%", 451))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("but it had no baseline, so no target.");
    }

    @Test
    void hasTarget_unknownCriterion_listsTheCriteria() {
        assertThatThrownBy(() -> assertThat(RT_WARNING).hasTarget("<500", 500))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected objective 'response_time_p95' to have the criterion \"<500\",\n"
                        + "but its criteria are pass [<=+10% (target 451, violated), <600 (target 600, met)], "
                        + "warning [<=800 (target 800, met)].");
    }

    @Test
    void hasViolated_and_hasMet_checkTheCriterionsOutcome() {
        assertThatCode(() -> assertThat(RT_WARNING).hasViolated("<=+10%").hasMet("<600").hasMet("<=800"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(RT_WARNING).hasViolated("<600"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected objective 'response_time_p95' to violate \"<600\",\n"
                        + "but it met it (target 600).");
        assertThatThrownBy(() -> assertThat(RT_WARNING).hasMet("<=+10%"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to meet \"<=+10%\",\nbut it violated it (target 451).");
    }

    @Test
    void explanationContains_checksTheExplanation() {
        assertThatCode(() -> assertThat(RT_WARNING).explanationContains("from baseline 410"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(RT_WARNING).explanationContains("from baseline 400"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have an explanation containing \"from baseline 400\",\nbut it does not.")
                .hasMessageContaining(RT_WARNING.explanation());
    }

    @Test
    void and_returnsToTheEvaluation() {
        EvaluationResultAssert evaluation = assertThat(WARNING);

        org.assertj.core.api.Assertions.assertThat(evaluation.objective("error_rate").and()).isSameAs(evaluation);
    }

    @Test
    void and_withoutAnEvaluation_isMisuse() {
        assertThatThrownBy(() -> assertThat(RT_WARNING).and())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("assertThat(result).objective(sli)");
    }

    @Test
    void nullObjective_failsTheFirstAssertion() {
        assertThatThrownBy(() -> assertThat((IndicatorResult) null).isPass())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting actual not to be null");
    }
}
