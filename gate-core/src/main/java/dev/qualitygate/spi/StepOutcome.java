package dev.qualitygate.spi;

import dev.qualitygate.model.Verdict;
import java.util.Objects;

/**
 * The answer of a {@link StepEvaluator} for one {@link DeploymentStep}: {@code pass} or {@code warning} lets the
 * rollout go on, {@code fail} stops it and makes the deployer roll back.
 *
 * @param result pass, warning or fail
 * @param reason why, for the deployment's result message (for example the objectives that failed)
 * @since 0.1
 */
public record StepOutcome(Verdict result, String reason) {

    /** Checks the components. */
    public StepOutcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * A passed step.
     *
     * @param reason why it passed
     * @return the outcome
     */
    public static StepOutcome pass(String reason) {
        return new StepOutcome(Verdict.PASS, reason);
    }

    /**
     * A failed step.
     *
     * @param reason why it failed
     * @return the outcome
     */
    public static StepOutcome fail(String reason) {
        return new StepOutcome(Verdict.FAIL, reason);
    }
}
