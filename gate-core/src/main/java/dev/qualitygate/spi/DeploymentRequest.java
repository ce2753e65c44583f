package dev.qualitygate.spi;

import dev.qualitygate.model.EvaluationContext;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What to deploy: a service's artifact to a stage with a strategy.
 *
 * @param context project, stage, service and labels
 * @param artifact the artifact, for example an image reference, a jar path or a command
 * @param strategy the deployment strategy, for example {@code direct}
 * @param properties the task's properties from the shipyard
 * @param timeout how long the rollout may take
 * @since 0.1
 */
public record DeploymentRequest(
        EvaluationContext context, String artifact, String strategy, Map<String, Object> properties,
        Duration timeout) {

    /** Checks and copies the components. */
    public DeploymentRequest {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(strategy, "strategy");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        Objects.requireNonNull(timeout, "timeout");
    }
}
