package dev.qualitygate.model;

import java.util.Optional;

/**
 * The answer of a quality gate, in order from best to worst.
 *
 * @since 0.1
 */
public enum Verdict {
    /** The build may move on. */
    PASS,
    /** The build may move on, but the score is only at or above the warning threshold. */
    WARNING,
    /** The build must not move on. */
    FAIL;

    /**
     * The keyword used in Keptn files and events.
     *
     * @return {@code pass}, {@code warning} or {@code fail}
     */
    public String keyword() {
        return Keywords.of(this);
    }

    /**
     * Looks a verdict up by keyword, ignoring case.
     *
     * @param keyword {@code pass}, {@code warning} or {@code fail}
     * @return the verdict, or empty for any other text
     */
    public static Optional<Verdict> fromKeyword(String keyword) {
        return Keywords.find(Verdict.class, keyword);
    }

    /**
     * Whether this verdict is worse than another one ({@code FAIL} is worse than {@code WARNING}, which is worse than
     * {@code PASS}).
     *
     * @param other the verdict to compare with
     * @return {@code true} if this one is strictly worse
     */
    public boolean isWorseThan(Verdict other) {
        return compareTo(other) > 0;
    }
}
