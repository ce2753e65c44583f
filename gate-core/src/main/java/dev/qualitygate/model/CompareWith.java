package dev.qualitygate.model;

import java.util.Optional;

/**
 * The {@code comparison.compare_with} setting of an SLO: compare with one earlier evaluation or with several.
 *
 * @since 0.1
 */
public enum CompareWith {
    /** Compare with the newest eligible earlier evaluation only. */
    SINGLE_RESULT,
    /** Compare with the newest {@code number_of_comparison_results} eligible earlier evaluations. */
    SEVERAL_RESULTS;

    /**
     * The keyword used in {@code slo.yaml}.
     *
     * @return {@code single_result} or {@code several_results}
     */
    public String keyword() {
        return Keywords.of(this);
    }

    /**
     * Looks a setting up by keyword, ignoring case.
     *
     * @param keyword the keyword
     * @return the setting, or empty for any other text
     */
    public static Optional<CompareWith> fromKeyword(String keyword) {
        return Keywords.find(CompareWith.class, keyword);
    }
}
