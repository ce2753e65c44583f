package dev.qualitygate.spi;

import java.util.Set;

/**
 * Deploys an artifact of a service to a stage with a strategy, and releases or rolls it back.
 *
 * <p>Strategies are named as in Keptn shipyards ({@code direct}, {@code blue_green_service}, {@code canary},
 * {@code user_managed}); a deployer lists those it implements in {@link #strategies()}, and a delivery refuses a
 * strategy no deployer knows before anything starts. Calls block until the rollout is complete, failed or timed out
 * ({@link DeploymentRequest#timeout()}), and honour interrupts. Implementations are thread-safe.
 *
 * @since 0.1
 */
public interface Deployer extends AutoCloseable {

    /**
     * The strategies this deployer implements.
     *
     * @return strategy names; never empty
     */
    Set<String> strategies();

    /**
     * Deploys the artifact and waits for the rollout.
     *
     * @param request what to deploy, where and how
     * @return the outcome; {@code fail} with the cause when the rollout failed or timed out
     */
    DeploymentResult deploy(DeploymentRequest request);

    /**
     * Deploys the artifact and waits for the rollout, asking {@code evaluator} at each step of a stepped strategy
     * (such as {@code canary}) whether to go on. When a step fails, the deployer rolls the new version back before it
     * returns {@code fail} naming the step and the evaluator's reason. Strategies without steps ignore the evaluator;
     * so does this default, which calls {@link #deploy(DeploymentRequest)}.
     *
     * @param request what to deploy, where and how
     * @param evaluator judges each step
     * @return the outcome
     * @since 0.1
     */
    default DeploymentResult deploy(DeploymentRequest request, StepEvaluator evaluator) {
        return deploy(request);
    }

    /**
     * Makes the deployed version the live one (switches blue/green traffic, promotes a canary, removes the old
     * version). The default has nothing to do and passes.
     *
     * @param request the deployment to release
     * @return the outcome
     */
    default DeploymentResult release(DeploymentRequest request) {
        return DeploymentResult.pass("nothing to release for strategy " + request.strategy());
    }

    /**
     * Restores the previous version and waits for it.
     *
     * @param request the deployment to roll back
     * @return the outcome
     */
    DeploymentResult rollback(DeploymentRequest request);

    /** Releases resources; the default does nothing. Idempotent. */
    @Override
    default void close() {
    }
}
