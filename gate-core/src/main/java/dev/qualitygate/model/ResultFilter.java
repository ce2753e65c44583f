package dev.qualitygate.model;

import java.util.Optional;

/**
 * The {@code comparison.include_result_with_score} setting: which earlier evaluations may serve as a baseline,
 * judged by their overall result.
 *
 * @since 0.1
 */
public enum ResultFilter {
    /** Only evaluations whose result was {@code pass}. */
    PASS,
    /** Evaluations whose result was {@code pass} or {@code warning}. */
    PASS_OR_WARN,
    /** Every evaluation, whatever its result. */
    ALL;

    /**
     * The keyword used in {@code slo.yaml}.
     *
     * @return {@code pass}, {@code pass_or_warn} or {@code all}
     */
    public String keyword() {
        return Keywords.of(this);
    }

    /**
     * Looks a filter up by keyword, ignoring case.
     *
     * @param keyword the keyword
     * @return the filter, or empty for any other text
     */
    public static Optional<ResultFilter> fromKeyword(String keyword) {
        return Keywords.find(ResultFilter.class, keyword);
    }

    /**
     * Whether an evaluation with the given overall result may serve as a baseline.
     *
     * @param result the earlier evaluation's overall result
     * @return {@code true} if it is eligible
     */
    public boolean accepts(Verdict result) {
        switch (this) {
            case PASS:
                return result == Verdict.PASS;
            case PASS_OR_WARN:
                return result != Verdict.FAIL;
            default:
                return true;
        }
    }
}
