package dev.qualitygate.test.assertj;

import static dev.qualitygate.test.assertj.GateAssertions.assertThat;
import static dev.qualitygate.test.assertj.Results.FIRST;
import static dev.qualitygate.test.assertj.Results.KEY_FAIL;
import static dev.qualitygate.test.assertj.Results.WARNING;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.ObjectiveStatus;
import dev.qualitygate.model.Verdict;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationResultAssertTest {

    @Test
    void fluentChain_asInTheDocumentation_passes() {
        assertThatCode(() -> assertThat(WARNING)
                .isWarning()
                .hasScore(75)
                .comparedWith("first")
                .hasNoKeySliFailure()
                .objective("response_time_p95").hasStatus(ObjectiveStatus.WARNING).hasTarget("<=+10%", 451).and()
                .objective("error_rate").isPass().isKeySli().and()
                .objective("throughput").isInfo())
                .doesNotThrowAnyException();
    }

    @Test
    void isPass_onAPass_passes() {
        assertThatCode(() -> assertThat(FIRST).isPass().hasResult(Verdict.PASS)).doesNotThrowAnyException();
    }

    @Test
    void isPass_onAFail_failsSayingWhatWasFoundAndExplainingEveryObjective() {
        assertThatThrownBy(() -> assertThat(KEY_FAIL).isPass())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected the evaluation to be pass,\nbut it was fail.")
                .hasMessageContaining("key SLI failure: error_rate")
                .hasMessageContaining(KEY_FAIL.message())
                .hasMessageContaining(KEY_FAIL.objective("error_rate").orElseThrow().explanation())
                .hasMessageContaining(KEY_FAIL.objective("response_time_p95").orElseThrow().explanation())
                .hasMessageContaining(KEY_FAIL.objective("throughput").orElseThrow().explanation());
    }

    @Test
    void isWarning_onAPass_fails() {
        assertThatThrownBy(() -> assertThat(FIRST).isWarning())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected the evaluation to be warning,\nbut it was pass.");
    }

    @Test
    void isFail_onAWarning_failsWithTheScore() {
        assertThatThrownBy(() -> assertThat(WARNING).isFail())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to be fail,\nbut it was warning.")
                .hasMessageContaining("score 75");
    }

    @Test
    void isFail_onAFail_passes() {
        assertThatCode(() -> assertThat(KEY_FAIL).isFail()).doesNotThrowAnyException();
    }

    @Test
    void nullResult_failsTheFirstAssertion() {
        assertThatThrownBy(() -> assertThat((EvaluationResult) null).isPass())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting actual not to be null");
    }

    @Test
    void hasScore_acceptsADifferenceOfAHundredth() {
        EvaluationResult twoThirds = FIRST.toBuilder().score(200.0 / 3).build();

        assertThatCode(() -> assertThat(twoThirds).hasScore(66.67).hasScore(66.66)).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(twoThirds).hasScore(66.65))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected the score to be 66.65 (±0.01),\nbut it was 66.66666666666667.");
    }

    @Test
    void hasScoreCloseTo_usesTheGivenTolerance() {
        assertThatCode(() -> assertThat(WARNING).hasScoreCloseTo(80, 5)).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(WARNING).hasScoreCloseTo(80, 4.9))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected the score to be 80 (±4.9),\nbut it was 75.");
    }

    @Test
    void hasScoreCloseTo_negativeTolerance_isMisuse() {
        assertThatThrownBy(() -> assertThat(WARNING).hasScoreCloseTo(75, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hasKeySliFailure_namingTheFailedKeySli_passes() {
        assertThatCode(() -> assertThat(KEY_FAIL).hasKeySliFailure("error_rate")).doesNotThrowAnyException();
    }

    @Test
    void hasKeySliFailure_whenNoneFailed_fails() {
        assertThatThrownBy(() -> assertThat(FIRST).hasKeySliFailure("error_rate"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected the key SLI 'error_rate' to have failed the evaluation,\n"
                        + "but no key SLI failed it.");
    }

    @Test
    void hasKeySliFailure_whenAnotherFailed_namesIt() {
        assertThatThrownBy(() -> assertThat(KEY_FAIL).hasKeySliFailure("response_time_p95"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("but the key SLI 'error_rate' failed it.");
    }

    @Test
    void hasNoKeySliFailure_whenOneFailed_failsWithTheReason() {
        assertThatCode(() -> assertThat(FIRST).hasNoKeySliFailure()).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(KEY_FAIL).hasNoKeySliFailure())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected no key SLI to have failed the evaluation,\n"
                        + "but the key SLI 'error_rate' failed it: it met neither its pass nor its warning criteria.");
    }

    @Test
    void comparedWith_checksTheIdsInAnyOrder() {
        EvaluationResult two = FIRST.toBuilder().comparedEvents(java.util.List.of("b", "a")).build();

        assertThatCode(() -> assertThat(two).comparedWith("a", "b")).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(two).comparedWith("a"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected the evaluation to be compared with [a],\n"
                        + "but it was compared with [b, a].");
    }

    @Test
    void comparedWith_nothing_checksThatThereWasNoBaseline() {
        assertThatCode(() -> assertThat(FIRST).comparedWith()).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(WARNING).comparedWith())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected the evaluation to be compared with no earlier evaluation,\n"
                        + "but it was compared with [first].");
        assertThatThrownBy(() -> assertThat(FIRST).comparedWith("first"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("but it was compared with none.");
    }

    @Test
    void hasMessageContaining_checksTheMessage() {
        assertThatCode(() -> assertThat(KEY_FAIL).hasMessageContaining("key_sli objective 'error_rate'"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(FIRST).hasMessageContaining("key_sli"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected the message to contain \"key_sli\",\nbut the message is empty.");
        assertThatThrownBy(() -> assertThat(KEY_FAIL).hasMessageContaining("score of 12"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("but the message is \"Evaluation failed due to key_sli objective");
    }

    @Test
    void objective_unknownSli_failsListingTheKnownOnes() {
        assertThatThrownBy(() -> assertThat(FIRST).objective("latency"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected the evaluation to have an objective on the SLI 'latency',\n"
                        + "but its objectives are on [response_time_p95, error_rate, throughput].");
    }

    @Test
    void objective_ofAnEvaluationWithoutObjectives_saysSo() {
        EvaluationResult empty = GateAssertionsHelper.noObjectives();

        assertThatThrownBy(() -> assertThat(empty).objective("latency"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("but it has no objectives.")
                .hasMessageContaining("no objectives were evaluated");
    }

    @Test
    void as_description_prefixesTheFailure() {
        assertThatThrownBy(() -> assertThat(KEY_FAIL).as("build 42").isPass())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("[build 42] Expected the evaluation to be pass");
    }

    @Test
    void failureMessages_withPercentSignsInCriteria_areShownLiterally() {
        assertThatThrownBy(() -> assertThat(WARNING).isPass())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("<=+10% violated (target 451 from baseline 410)");
    }

    /** Results that need more than the shared SLO. */
    static final class GateAssertionsHelper {
        static EvaluationResult noObjectives() {
            return dev.qualitygate.QualityGate.fromSloYaml("spec_version: \"1.0\"\nobjectives: []\n")
                    .evaluate(Map.of());
        }
    }
}
