package dev.qualitygate.spi;

import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.model.Verdict;
import java.util.Objects;

/**
 * An approval to decide.
 *
 * @param id the approval's id, by which it can be decided later
 * @param context project, stage, service and labels of the build
 * @param result the result of the evaluation that preceded the approval
 * @param summary the evaluation's explanation, for the person who decides
 * @since 0.1
 */
public record ApprovalRequest(String id, EvaluationContext context, Verdict result, String summary) {

    /** Checks the components. */
    public ApprovalRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(summary, "summary");
    }
}
