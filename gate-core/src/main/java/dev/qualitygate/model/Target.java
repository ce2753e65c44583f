package dev.qualitygate.model;

import java.util.Objects;

/**
 * One criterion of an objective as it was evaluated ({@code passTargets[]} / {@code warningTargets[]} in Keptn's
 * event).
 *
 * @param criteria the criterion as written in the SLO ({@code criteria})
 * @param targetValue the value the measurement was compared with ({@code targetValue}); 0 when there was no baseline
 * @param violated whether the measurement did not meet the criterion ({@code violated})
 * @param basis whether the target is absolute, computed from a baseline, or had no baseline
 * @param comparedValue the baseline the target was computed from; 0 unless {@code basis} is
 *     {@link TargetBasis#BASELINE}
 * @since 0.1
 */
public record Target(String criteria, double targetValue, boolean violated, TargetBasis basis, double comparedValue) {

    /** Checks the components. */
    public Target {
        Objects.requireNonNull(criteria, "criteria");
        Objects.requireNonNull(basis, "basis");
    }
}
