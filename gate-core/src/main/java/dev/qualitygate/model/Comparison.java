package dev.qualitygate.model;

import java.util.Objects;

/**
 * How an SLO compares the current values with earlier evaluations (the {@code comparison} block of
 * {@code slo.yaml}), with Keptn's defaults already applied.
 *
 * <p>Keptn's defaults: with no {@code comparison} block at all, {@link #DEFAULT} (one earlier result of any
 * result, averaged). With a block that leaves out {@code compare_with}, the three newest eligible results are used
 * whatever {@code number_of_comparison_results} says; the loader represents that as {@code several_results} with 3.
 *
 * @param compareWith one or several earlier evaluations
 * @param includeResultWithScore which earlier evaluations are eligible
 * @param numberOfComparisonResults how many eligible evaluations {@code several_results} uses; at least 1
 * @param aggregateFunction how their values are combined into the baseline
 * @since 0.1
 */
public record Comparison(
        CompareWith compareWith,
        ResultFilter includeResultWithScore,
        int numberOfComparisonResults,
        AggregateFunction aggregateFunction) {

    /** What Keptn uses when an SLO has no {@code comparison} block: single_result, all, 1, avg. */
    public static final Comparison DEFAULT =
            new Comparison(CompareWith.SINGLE_RESULT, ResultFilter.ALL, 1, AggregateFunction.AVG);

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if {@code numberOfComparisonResults} is below 1
     */
    public Comparison {
        Objects.requireNonNull(compareWith, "compareWith");
        Objects.requireNonNull(includeResultWithScore, "includeResultWithScore");
        Objects.requireNonNull(aggregateFunction, "aggregateFunction");
        if (numberOfComparisonResults < 1) {
            throw new IllegalArgumentException(
                    "numberOfComparisonResults must be >= 1, was " + numberOfComparisonResults);
        }
    }

    /**
     * How many eligible earlier evaluations are compared with.
     *
     * @return 1 for {@code single_result}, otherwise {@link #numberOfComparisonResults()}
     */
    public int resultsToCompare() {
        return compareWith == CompareWith.SINGLE_RESULT ? 1 : numberOfComparisonResults;
    }
}
