package dev.qualitygate.test.assertj;

import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.IndicatorResult;

/**
 * Entry point of the QualityGate assertions; import its {@code assertThat} methods statically, next to AssertJ's
 * own.
 *
 * <pre>{@code
 * import static dev.qualitygate.test.assertj.GateAssertions.assertThat;
 *
 * assertThat(result)
 *         .isPass()
 *         .hasNoKeySliFailure()
 *         .objective("response_time_p95").isPass().hasTarget("<=+10%", 440).and()
 *         .objective("error_rate").isKeySli().hasValue(0.2);
 * }</pre>
 *
 * @since 0.1
 */
public final class GateAssertions {
    private GateAssertions() {
    }

    /**
     * Starts assertions on an evaluation result.
     *
     * @param actual the result to check; a {@code null} fails the first assertion
     * @return the assertions
     */
    public static EvaluationResultAssert assertThat(EvaluationResult actual) {
        return new EvaluationResultAssert(actual);
    }

    /**
     * Starts assertions on the result of one objective.
     *
     * @param actual the objective's result to check; a {@code null} fails the first assertion
     * @return the assertions; {@link IndicatorResultAssert#and()} is not available on them
     */
    public static IndicatorResultAssert assertThat(IndicatorResult actual) {
        return new IndicatorResultAssert(actual, null);
    }
}
