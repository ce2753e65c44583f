package dev.qualitygate.model.shipyard;

/**
 * The two shipyard formats Keptn users have.
 *
 * @since 0.1
 */
public enum ShipyardFormat {
    /** Keptn 0.6–0.7: {@code stages} with {@code deployment_strategy}, {@code test_strategy}, ... at the root. */
    V0_1,
    /** Keptn 0.8–1.x: {@code apiVersion: spec.keptn.sh/0.2.x}, stages with sequences of tasks. */
    V0_2
}
