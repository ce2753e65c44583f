package dev.qualitygate.history;

import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.model.EvaluationResult;
import java.util.Objects;

/**
 * What a history is kept per: project, stage and service, as Keptn compared evaluations of the same three.
 *
 * @param project the project; may be empty
 * @param stage the stage; may be empty
 * @param service the service; may be empty
 * @since 0.1
 */
public record HistoryKey(String project, String stage, String service) {

    /** Checks the components. */
    public HistoryKey {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(service, "service");
    }

    /**
     * The key of a result.
     *
     * @param result the result
     * @return its project, stage and service
     */
    public static HistoryKey of(EvaluationResult result) {
        return new HistoryKey(result.project(), result.stage(), result.service());
    }

    /**
     * The key of a context.
     *
     * @param context the context
     * @return its project, stage and service
     */
    public static HistoryKey of(EvaluationContext context) {
        return new HistoryKey(context.project(), context.stage(), context.service());
    }

    @Override
    public String toString() {
        return project + "/" + stage + "/" + service;
    }
}
