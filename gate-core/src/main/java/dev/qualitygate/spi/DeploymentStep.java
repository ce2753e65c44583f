package dev.qualitygate.spi;

import dev.qualitygate.model.EvaluationContext;
import java.time.Instant;
import java.util.Objects;

/**
 * One step of a stepped rollout, such as a canary share, at which the deployer asks a {@link StepEvaluator} whether
 * the new version may take more traffic.
 *
 * @param request the deployment being rolled out
 * @param number the step's number, from 1
 * @param count how many steps the rollout has
 * @param percent the share of the service's replicas, and so of its traffic, the new version has at this step;
 *     1 to 100
 * @param context the context to evaluate the step with: the request's, with the deployment name of the new version
 *     (for {@code $DEPLOYMENT}, for example {@code canary})
 * @param since when the new version reached this share; the window to evaluate starts here
 * @since 0.1
 */
public record DeploymentStep(
        DeploymentRequest request, int number, int count, int percent, EvaluationContext context, Instant since) {

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException unless {@code 1 <= number <= count} and {@code 1 <= percent <= 100}
     */
    public DeploymentStep {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(since, "since");
        if (number < 1 || number > count) {
            throw new IllegalArgumentException("need 1 <= number <= count, were " + number + " and " + count);
        }
        if (percent < 1 || percent > 100) {
            throw new IllegalArgumentException("percent must be between 1 and 100, was " + percent);
        }
    }

    /**
     * A short label for messages, such as {@code step 2 of 3 (50%)}.
     *
     * @return the label
     */
    public String label() {
        return "step " + number + " of " + count + " (" + percent + "%)";
    }
}
