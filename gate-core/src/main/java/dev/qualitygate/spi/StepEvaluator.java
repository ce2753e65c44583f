package dev.qualitygate.spi;

/**
 * Judges each step of a stepped rollout (a canary share), so that a deployer can promote the new version step by step
 * or roll it back. A delivery runner passes one to {@link Deployer#deploy(DeploymentRequest, StepEvaluator)}; it
 * typically waits for or runs traffic, then evaluates the stage's SLOs over the window from
 * {@link DeploymentStep#since()} with {@link DeploymentStep#context()}.
 *
 * <p>Called on the deploying thread, once per step, in order. An exception thrown here counts as a failed step.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface StepEvaluator {

    /**
     * Judges one step.
     *
     * @param step the step the rollout has reached
     * @return pass or warning to go on, fail to stop and roll back
     */
    StepOutcome evaluate(DeploymentStep step);
}
