package dev.qualitygate.spi;

/**
 * The answer of an {@link ApprovalHandler}.
 *
 * @since 0.1
 */
public enum ApprovalDecision {
    /** Promote the build. */
    APPROVED,
    /** Stop the delivery here. */
    REJECTED,
    /** No decision yet: the approval waits, durably, for a later one. */
    PENDING
}
