package dev.qualitygate.model;

/**
 * Where the target value of a criterion came from.
 *
 * @since 0.1
 */
public enum TargetBasis {
    /** An absolute threshold: the target is the criterion's number. */
    ABSOLUTE,
    /** A relative criterion computed from the baseline of earlier evaluations. */
    BASELINE,
    /**
     * A relative criterion with no baseline: no earlier evaluation had a usable value. As in Keptn, the criterion
     * counts as met and its target is reported as 0; the objective's explanation says so.
     */
    NO_BASELINE
}
