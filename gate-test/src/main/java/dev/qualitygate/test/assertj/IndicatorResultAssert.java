package dev.qualitygate.test.assertj;

import dev.qualitygate.model.IndicatorResult;
import dev.qualitygate.model.ObjectiveStatus;
import dev.qualitygate.model.Target;
import dev.qualitygate.model.TargetBasis;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on the result of one objective; obtain them from {@link EvaluationResultAssert#objective(String)} or
 * {@link GateAssertions#assertThat(IndicatorResult)}.
 *
 * <p>Numbers are compared up to floating-point rounding (a relative difference of 1e-9), since baselines and targets
 * are computed. Every failure message states what was expected and what was found, followed by the objective's
 * {@link IndicatorResult#explanation()}.
 *
 * <p>Not thread-safe, like every AssertJ assertion object.
 *
 * @since 0.1
 */
public final class IndicatorResultAssert extends AbstractAssert<IndicatorResultAssert, IndicatorResult> {
    private final @Nullable EvaluationResultAssert parent;

    IndicatorResultAssert(IndicatorResult actual, @Nullable EvaluationResultAssert parent) {
        super(actual, IndicatorResultAssert.class);
        this.parent = parent;
    }

    /**
     * Returns to the assertions on the whole evaluation, to check another objective.
     *
     * @return the evaluation's assertions
     * @throws IllegalStateException if these assertions were started with
     *     {@link GateAssertions#assertThat(IndicatorResult)} rather than from an evaluation
     */
    public EvaluationResultAssert and() {
        if (parent == null) {
            throw new IllegalStateException("and() needs assertions started from an evaluation result: "
                    + "assertThat(result).objective(sli)...and()");
        }
        return parent;
    }

    /**
     * Checks the objective's status.
     *
     * @param expected pass, warning, fail or info
     * @return this assertion
     */
    public IndicatorResultAssert hasStatus(ObjectiveStatus expected) {
        Objects.requireNonNull(expected, "expected");
        isNotNull();
        if (actual.status() != expected) {
            failBecause("to be " + expected.keyword(), "it was " + actual.status().keyword());
        }
        return this;
    }

    /**
     * Checks that the objective passed.
     *
     * @return this assertion
     */
    public IndicatorResultAssert isPass() {
        return hasStatus(ObjectiveStatus.PASS);
    }

    /**
     * Checks that the objective met only its warning criteria.
     *
     * @return this assertion
     */
    public IndicatorResultAssert isWarning() {
        return hasStatus(ObjectiveStatus.WARNING);
    }

    /**
     * Checks that the objective failed.
     *
     * @return this assertion
     */
    public IndicatorResultAssert isFail() {
        return hasStatus(ObjectiveStatus.FAIL);
    }

    /**
     * Checks that the objective is informational (reported, not scored).
     *
     * @return this assertion
     */
    public IndicatorResultAssert isInfo() {
        return hasStatus(ObjectiveStatus.INFO);
    }

    /**
     * Checks the measured value; fails if no value was retrieved.
     *
     * @param expected the expected value
     * @return this assertion
     */
    public IndicatorResultAssert hasValue(double expected) {
        isNotNull();
        if (!actual.success()) {
            failBecause("to have the value " + Describe.number(expected),
                    "no value was retrieved (" + actual.message() + ")");
        } else if (!same(actual.value(), expected)) {
            failBecause("to have the value " + Describe.number(expected),
                    "it was " + Describe.number(actual.value()));
        }
        return this;
    }

    /**
     * Checks that no value was retrieved for the objective's SLI (a failed retrieval, which fails the objective).
     *
     * @return this assertion
     */
    public IndicatorResultAssert hasNoValue() {
        isNotNull();
        if (actual.success()) {
            failBecause("to have no value", "it has the value " + Describe.number(actual.value()));
        }
        return this;
    }

    /**
     * Checks the score the objective earned: its weight for pass, half of it for warning, else 0.
     *
     * @param expected the expected score
     * @return this assertion
     */
    public IndicatorResultAssert hasScore(double expected) {
        isNotNull();
        if (!same(actual.score(), expected)) {
            failBecause("to score " + Describe.number(expected), "it scored " + Describe.number(actual.score())
                    + " of its weight " + actual.weight());
        }
        return this;
    }

    /**
     * Checks that the objective is a key SLI.
     *
     * @return this assertion
     */
    public IndicatorResultAssert isKeySli() {
        isNotNull();
        if (!actual.keySli()) {
            failBecause("to be a key SLI", "it is not");
        }
        return this;
    }

    /**
     * Checks the baseline the objective was compared with ({@link IndicatorResult#comparedValue()}).
     *
     * @param expected the expected baseline
     * @return this assertion
     */
    public IndicatorResultAssert hasBaseline(double expected) {
        isNotNull();
        if (!same(actual.comparedValue(), expected)) {
            failBecause("to have the baseline " + Describe.number(expected), hasNoBaselineNow()
                    ? "it had no baseline" : "the baseline was " + Describe.number(actual.comparedValue()));
        }
        return this;
    }

    /**
     * Checks that no earlier evaluation gave the objective a baseline: its compared value is 0 and no criterion's
     * target was computed from a baseline.
     *
     * @return this assertion
     */
    public IndicatorResultAssert hasNoBaseline() {
        isNotNull();
        if (!hasNoBaselineNow()) {
            failBecause("to have no baseline", "the baseline was " + Describe.number(actual.comparedValue()));
        }
        return this;
    }

    /**
     * Checks the target value of a pass or warning criterion.
     *
     * @param criteria the criterion as written in the SLO, for example {@code <=+10%}
     * @param targetValue the expected target, for example 440 for {@code <=+10%} from a baseline of 400
     * @return this assertion
     */
    public IndicatorResultAssert hasTarget(String criteria, double targetValue) {
        List<Target> found = targets(criteria);
        if (found.stream().noneMatch(t -> same(t.targetValue(), targetValue))) {
            Target t = found.get(0);
            failBecause("to have the target " + Describe.number(targetValue) + " for \"" + criteria + "\"",
                    t.basis() == TargetBasis.NO_BASELINE ? "it had no baseline, so no target"
                            : "its target was " + Describe.number(t.targetValue()));
        }
        return this;
    }

    /**
     * Checks that a pass or warning criterion was violated.
     *
     * @param criteria the criterion as written in the SLO
     * @return this assertion
     */
    public IndicatorResultAssert hasViolated(String criteria) {
        List<Target> found = targets(criteria);
        if (found.stream().noneMatch(Target::violated)) {
            failBecause("to violate \"" + criteria + "\"", "it met it (target "
                    + Describe.number(found.get(0).targetValue()) + ")");
        }
        return this;
    }

    /**
     * Checks that a pass or warning criterion was met.
     *
     * @param criteria the criterion as written in the SLO
     * @return this assertion
     */
    public IndicatorResultAssert hasMet(String criteria) {
        List<Target> found = targets(criteria);
        if (found.stream().allMatch(Target::violated)) {
            failBecause("to meet \"" + criteria + "\"", "it violated it (target "
                    + Describe.number(found.get(0).targetValue()) + ")");
        }
        return this;
    }

    /**
     * Checks that the objective's {@link IndicatorResult#explanation()} contains a text.
     *
     * @param text the expected part of the explanation
     * @return this assertion
     */
    public IndicatorResultAssert explanationContains(String text) {
        Objects.requireNonNull(text, "text");
        isNotNull();
        if (!actual.explanation().contains(text)) {
            failBecause("to have an explanation containing \"" + text + "\"", "it does not");
        }
        return this;
    }

    private List<Target> targets(String criteria) {
        Objects.requireNonNull(criteria, "criteria");
        isNotNull();
        List<Target> found = new ArrayList<>();
        for (Target t : actual.passTargets()) {
            if (t.criteria().equals(criteria)) {
                found.add(t);
            }
        }
        for (Target t : actual.warningTargets()) {
            if (t.criteria().equals(criteria)) {
                found.add(t);
            }
        }
        if (found.isEmpty()) {
            failBecause("to have the criterion \"" + criteria + "\"", "its criteria are " + Describe.targets(actual));
        }
        return found;
    }

    private boolean hasNoBaselineNow() {
        return actual.comparedValue() == 0
                && actual.passTargets().stream().noneMatch(t -> t.basis() == TargetBasis.BASELINE)
                && actual.warningTargets().stream().noneMatch(t -> t.basis() == TargetBasis.BASELINE);
    }

    private static boolean same(double a, double b) {
        return a == b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }

    private void failBecause(String expected, String found) {
        failWithMessage("%s", "Expected objective '" + actual.label() + "' " + expected + ",\nbut " + found
                + ".\nExplanation: " + actual.explanation());
    }
}
