package dev.qualitygate.model.shipyard;

import java.util.Objects;

/**
 * The approval rules of a stage: what happens after an evaluation that passed, and after one with a warning. A
 * failed evaluation is never approved.
 *
 * @param pass the mode for a {@code pass} result ({@code pass})
 * @param warning the mode for a {@code warning} result ({@code warning})
 * @since 0.1
 */
public record ApprovalStrategy(ApprovalMode pass, ApprovalMode warning) {

    /** Both automatic: what a 0.1.x stage without {@code approval_strategy} meant. */
    public static final ApprovalStrategy AUTOMATIC = new ApprovalStrategy(ApprovalMode.AUTOMATIC, ApprovalMode.AUTOMATIC);

    /** Checks the components. */
    public ApprovalStrategy {
        Objects.requireNonNull(pass, "pass");
        Objects.requireNonNull(warning, "warning");
    }
}
