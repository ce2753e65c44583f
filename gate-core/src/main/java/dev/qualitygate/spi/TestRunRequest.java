package dev.qualitygate.spi;

import dev.qualitygate.model.EvaluationContext;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What to test.
 *
 * @param context project, stage, service and labels
 * @param strategy the test strategy, for example {@code performance}
 * @param target the URL of the service under test, or {@code null} when the tester knows it from its settings
 * @param properties the task's properties from the shipyard
 * @param timeout how long the run may take
 * @since 0.1
 */
public record TestRunRequest(
        EvaluationContext context, String strategy, @Nullable URI target, Map<String, Object> properties,
        Duration timeout) {

    /** Checks and copies the components. */
    public TestRunRequest {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(strategy, "strategy");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        Objects.requireNonNull(timeout, "timeout");
    }
}
