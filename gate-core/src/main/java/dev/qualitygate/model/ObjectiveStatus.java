package dev.qualitygate.model;

import java.util.Optional;

/**
 * The status of one objective in an evaluation.
 *
 * @since 0.1
 */
public enum ObjectiveStatus {
    /** A pass criteria block was met: the objective scores its full weight. */
    PASS,
    /** No pass block was met, but a warning block was: the objective scores half its weight. */
    WARNING,
    /** Neither was met, or the value is missing: the objective scores 0. */
    FAIL,
    /** The objective has no pass criteria: its value is reported but not scored. */
    INFO;

    /**
     * The keyword used in Keptn events.
     *
     * @return {@code pass}, {@code warning}, {@code fail} or {@code info}
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
    public static Optional<ObjectiveStatus> fromKeyword(String keyword) {
        return Keywords.find(ObjectiveStatus.class, keyword);
    }
}
