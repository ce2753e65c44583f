package dev.qualitygate.model;

import java.util.Optional;

/**
 * Whether an evaluation ran to its end ({@code succeeded}) or was stopped by an error in its input
 * ({@code errored}), as in the {@code status} of Keptn's {@code evaluation.finished} event.
 *
 * @since 0.1
 */
public enum EvaluationStatus {
    /** The evaluation ran; its result may still be {@code fail}. */
    SUCCEEDED,
    /** The evaluation could not be performed (for example the SLO has no total score); the result is fail. */
    ERRORED;

    /**
     * The keyword used in Keptn events.
     *
     * @return {@code succeeded} or {@code errored}
     */
    public String keyword() {
        return Keywords.of(this);
    }

    /**
     * Looks a status up by keyword, ignoring case.
     *
     * @param keyword the keyword
     * @return the status, or empty for any other text
     */
    public static Optional<EvaluationStatus> fromKeyword(String keyword) {
        return Keywords.find(EvaluationStatus.class, keyword);
    }
}
