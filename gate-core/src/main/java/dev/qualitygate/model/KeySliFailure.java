package dev.qualitygate.model;

import java.util.Objects;

/**
 * The key SLI that failed an evaluation regardless of its score.
 *
 * @param sli the indicator name
 * @param displayName its display name; empty if not set
 * @param reason why it failed: the retrieval failure, or that it met neither pass nor warning criteria
 * @since 0.1
 */
public record KeySliFailure(String sli, String displayName, String reason) {

    /** Checks the components. */
    public KeySliFailure {
        Objects.requireNonNull(sli, "sli");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(reason, "reason");
    }
}
