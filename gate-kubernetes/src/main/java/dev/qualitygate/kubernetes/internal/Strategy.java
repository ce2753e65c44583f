package dev.qualitygate.kubernetes.internal;

import dev.qualitygate.spi.DeploymentResult;
import dev.qualitygate.spi.StepEvaluator;
import org.jspecify.annotations.Nullable;

/** One deployment strategy. Internal; not API. */
interface Strategy {

    /**
     * Deploys and follows the rollout.
     *
     * @param evaluator judges the steps of a stepped strategy; {@code null} when the caller gave none
     */
    DeploymentResult deploy(Operation op, @Nullable StepEvaluator evaluator) throws InterruptedException;

    DeploymentResult release(Operation op) throws InterruptedException;

    DeploymentResult rollback(Operation op) throws InterruptedException;
}
