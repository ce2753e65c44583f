package dev.qualitygate.yaml;

import java.util.Locale;

/**
 * The three kinds of file QualityGate reads.
 *
 * @since 0.1
 */
public enum DocumentKind {
    /** {@code slo.yaml}: objectives and total-score thresholds. */
    SLO,
    /** {@code sli.yaml}: one query per indicator. */
    SLI,
    /** {@code shipyard.yaml}: stages and what happens in each. */
    SHIPYARD;

    /**
     * The lower-case name used on the command line and in messages.
     *
     * @return {@code slo}, {@code sli} or {@code shipyard}
     */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
