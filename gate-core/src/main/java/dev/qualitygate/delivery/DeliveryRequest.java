package dev.qualitygate.delivery;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What to deliver: an artifact of a service, starting with a sequence of a stage.
 *
 * @param project the project; keys the evaluation history together with stage and service
 * @param service the service
 * @param artifact the artifact: a jar, a command, an image reference, whatever the deployers take
 * @param labels labels of the build (for example {@code buildId}); they reach every plugin and evaluation
 * @param stage the stage to start in, or {@code null} for the shipyard's first stage
 * @param sequence the sequence to start, for example {@code delivery}
 * @param origin where the run's inputs come from (for example the paths of the shipyard and configuration files),
 *     recorded in the run's first event under {@code data.origin} so that a later process can resume the run with
 *     the same inputs; may be empty
 * @since 0.1
 */
public record DeliveryRequest(String project, String service, String artifact, Map<String, String> labels,
        @Nullable String stage, String sequence, Map<String, String> origin) {

    /** Checks and copies the components. */
    public DeliveryRequest {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(artifact, "artifact");
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        Objects.requireNonNull(sequence, "sequence");
        origin = Collections.unmodifiableMap(new LinkedHashMap<>(origin));
    }

    /**
     * The {@code delivery} sequence of the first stage, without labels.
     *
     * @param project the project
     * @param service the service
     * @param artifact the artifact
     * @return the request
     */
    public static DeliveryRequest of(String project, String service, String artifact) {
        return new DeliveryRequest(project, service, artifact, Map.of(), null, "delivery", Map.of());
    }

    /**
     * A copy with one more label.
     *
     * @param name the label
     * @param value its value
     * @return the new request
     */
    public DeliveryRequest withLabel(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(labels);
        copy.put(name, value);
        return new DeliveryRequest(project, service, artifact, copy, stage, sequence, origin);
    }
}
