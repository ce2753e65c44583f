package dev.qualitygate.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What is being evaluated: the project, stage and service (which also key the history), the deployment, and free
 * labels such as the build id. These fill the placeholders of SLI queries ({@code $PROJECT}, {@code $STAGE},
 * {@code $SERVICE}, {@code $DEPLOYMENT}, {@code $LABEL.name}).
 *
 * @param project the project name; empty if unknown
 * @param stage the stage name; empty if unknown
 * @param service the service name; empty if unknown
 * @param deployment the deployment name ({@code $DEPLOYMENT}); Keptn's default is {@code primary}
 * @param labels free labels, in insertion order
 * @since 0.1
 */
public record EvaluationContext(
        String project, String stage, String service, String deployment, Map<String, String> labels) {

    /** Copies the labels, keeping their order. */
    public EvaluationContext {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(deployment, "deployment");
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** A context with empty names, deployment {@code primary} and no labels. */
    public static final EvaluationContext NONE = new EvaluationContext("", "", "", "primary", Map.of());

    /**
     * A context for a project, stage and service, with deployment {@code primary} and no labels.
     *
     * @param project the project
     * @param stage the stage
     * @param service the service
     * @return the context
     */
    public static EvaluationContext of(String project, String stage, String service) {
        return new EvaluationContext(project, stage, service, "primary", Map.of());
    }

    /**
     * A copy with one more label.
     *
     * @param name the label name
     * @param value its value
     * @return the new context
     */
    public EvaluationContext withLabel(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(labels);
        copy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new EvaluationContext(project, stage, service, deployment, copy);
    }

    /**
     * A copy with another deployment name.
     *
     * @param deployment the deployment, for example {@code canary}
     * @return the new context
     */
    public EvaluationContext withDeployment(String deployment) {
        return new EvaluationContext(project, stage, service, deployment, labels);
    }
}
