package dev.qualitygate.test.assertj;

import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.IndicatorResult;
import dev.qualitygate.model.KeySliFailure;
import dev.qualitygate.model.Verdict;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on an {@link EvaluationResult}; obtain them from {@link GateAssertions#assertThat(EvaluationResult)}.
 *
 * <p>Every failure message states what was expected and what was found, then explains the whole evaluation: its
 * result, score and message, the key SLI that failed it, and one line per objective (see
 * {@link IndicatorResult#explanation()}).
 *
 * <p>Not thread-safe, like every AssertJ assertion object.
 *
 * @since 0.1
 */
public final class EvaluationResultAssert extends AbstractAssert<EvaluationResultAssert, EvaluationResult> {
    /** The tolerance of {@link #hasScore(double)}, in score points. */
    public static final double SCORE_TOLERANCE = 0.01;

    EvaluationResultAssert(EvaluationResult actual) {
        super(actual, EvaluationResultAssert.class);
    }

    /**
     * Checks that the evaluation passed.
     *
     * @return this assertion
     */
    public EvaluationResultAssert isPass() {
        return hasResult(Verdict.PASS);
    }

    /**
     * Checks that the evaluation ended with a warning.
     *
     * @return this assertion
     */
    public EvaluationResultAssert isWarning() {
        return hasResult(Verdict.WARNING);
    }

    /**
     * Checks that the evaluation failed.
     *
     * @return this assertion
     */
    public EvaluationResultAssert isFail() {
        return hasResult(Verdict.FAIL);
    }

    /**
     * Checks the overall result ({@link EvaluationResult#result()}).
     *
     * @param expected the expected result
     * @return this assertion
     */
    public EvaluationResultAssert hasResult(Verdict expected) {
        Objects.requireNonNull(expected, "expected");
        isNotNull();
        if (actual.result() != expected) {
            failBecause("the evaluation to be " + expected.keyword(), "it was " + actual.result().keyword());
        }
        return this;
    }

    /**
     * Checks the total score, within {@value #SCORE_TOLERANCE} points, so that {@code hasScore(66.67)} accepts a
     * score of two thirds.
     *
     * @param expected the expected score in percent
     * @return this assertion
     */
    public EvaluationResultAssert hasScore(double expected) {
        return hasScoreCloseTo(expected, SCORE_TOLERANCE);
    }

    /**
     * Checks the total score within a tolerance.
     *
     * @param expected the expected score in percent
     * @param tolerance the largest accepted difference, in score points; not negative
     * @return this assertion
     * @throws IllegalArgumentException if {@code tolerance} is negative or not a number
     */
    public EvaluationResultAssert hasScoreCloseTo(double expected, double tolerance) {
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance must be >= 0, was " + tolerance);
        }
        isNotNull();
        if (!(Math.abs(actual.score() - expected) <= tolerance)) {
            failBecause("the score to be " + Describe.number(expected) + " (±" + Describe.number(tolerance) + ")",
                    "it was " + Describe.number(actual.score()));
        }
        return this;
    }

    /**
     * Checks that the given key SLI failed the evaluation ({@link EvaluationResult#keySliFailure()}).
     *
     * @param sli the name of the SLI
     * @return this assertion
     */
    public EvaluationResultAssert hasKeySliFailure(String sli) {
        Objects.requireNonNull(sli, "sli");
        isNotNull();
        KeySliFailure failure = actual.keySliFailure();
        if (failure == null) {
            failBecause("the key SLI '" + sli + "' to have failed the evaluation", "no key SLI failed it");
        } else if (!failure.sli().equals(sli)) {
            failBecause("the key SLI '" + sli + "' to have failed the evaluation",
                    "the key SLI '" + failure.sli() + "' failed it");
        }
        return this;
    }

    /**
     * Checks that no key SLI failed the evaluation.
     *
     * @return this assertion
     */
    public EvaluationResultAssert hasNoKeySliFailure() {
        isNotNull();
        KeySliFailure failure = actual.keySliFailure();
        if (failure != null) {
            failBecause("no key SLI to have failed the evaluation",
                    "the key SLI '" + failure.sli() + "' failed it: " + failure.reason());
        }
        return this;
    }

    /**
     * Checks which earlier evaluations served as the baseline ({@link EvaluationResult#comparedEvents()}): exactly
     * these ids, in any order. With no ids, checks that the evaluation was compared with nothing.
     *
     * @param ids the expected ids of the compared evaluations
     * @return this assertion
     */
    public EvaluationResultAssert comparedWith(String... ids) {
        Objects.requireNonNull(ids, "ids");
        isNotNull();
        List<String> expected = Arrays.asList(ids);
        List<String> found = actual.comparedEvents();
        if (found.size() != expected.size() || !new HashSet<>(found).equals(new HashSet<>(expected))) {
            failBecause(expected.isEmpty() ? "the evaluation to be compared with no earlier evaluation"
                    : "the evaluation to be compared with " + expected,
                    found.isEmpty() ? "it was compared with none" : "it was compared with " + found);
        }
        return this;
    }

    /**
     * Checks that the evaluation's message contains a text.
     *
     * @param text the expected part of {@link EvaluationResult#message()}
     * @return this assertion
     */
    public EvaluationResultAssert hasMessageContaining(String text) {
        Objects.requireNonNull(text, "text");
        isNotNull();
        if (!actual.message().contains(text)) {
            failBecause("the message to contain \"" + text + "\"", actual.message().isEmpty()
                    ? "the message is empty" : "the message is \"" + actual.message() + "\"");
        }
        return this;
    }

    /**
     * Switches to the result of the (first) objective on an SLI; {@link IndicatorResultAssert#and()} comes back.
     *
     * @param sli the name of the SLI
     * @return assertions on that objective
     */
    public IndicatorResultAssert objective(String sli) {
        Objects.requireNonNull(sli, "sli");
        isNotNull();
        Optional<IndicatorResult> objective = actual.objective(sli);
        if (objective.isEmpty()) {
            Set<String> known = new java.util.LinkedHashSet<>();
            actual.indicatorResults().forEach(r -> known.add(r.sli()));
            failBecause("the evaluation to have an objective on the SLI '" + sli + "'",
                    known.isEmpty() ? "it has no objectives" : "its objectives are on " + known);
        }
        return new IndicatorResultAssert(objective.orElseThrow(), this);
    }

    private void failBecause(String expected, String found) {
        failWithMessage("%s", "Expected " + expected + ",\nbut " + found + ".\n" + Describe.evaluation(actual));
    }
}
