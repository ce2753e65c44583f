package dev.qualitygate.model.shipyard;

import java.util.Locale;
import java.util.Optional;

/**
 * How an approval decides for one evaluation result.
 *
 * @since 0.1
 */
public enum ApprovalMode {
    /** Approved at once. */
    AUTOMATIC,
    /** Waits for a person (or an approval handler) to approve or reject. */
    MANUAL;

    /**
     * The keyword used in shipyard files.
     *
     * @return {@code automatic} or {@code manual}
     */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Looks a mode up by keyword, ignoring case.
     *
     * @param keyword {@code automatic} or {@code manual}
     * @return the mode, or empty for any other text
     */
    public static Optional<ApprovalMode> fromKeyword(String keyword) {
        for (ApprovalMode m : values()) {
            if (m.keyword().equalsIgnoreCase(keyword)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
