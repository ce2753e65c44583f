package dev.qualitygate.model.shipyard;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The per-stage strategies of a 0.1.x shipyard. Strategy names stay free-form: the plugin that runs the task
 * refuses names it does not know before anything starts.
 *
 * @param deployment the {@code deployment_strategy}, for example {@code direct} or {@code blue_green_service};
 *     empty when the stage deploys nothing
 * @param test the {@code test_strategy}, for example {@code functional} or {@code performance}; empty if none
 * @param approval the {@code approval_strategy}, or {@code null} when the stage has none (automatic)
 * @param remediation the {@code remediation_strategy}; empty if none
 * @since 0.1
 */
public record StageStrategies(
        String deployment, String test, @Nullable ApprovalStrategy approval, String remediation) {

    /** Checks the components. */
    public StageStrategies {
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(remediation, "remediation");
    }
}
