package dev.qualitygate.spi;

/**
 * Decides a manual approval: an interactive prompt, a chat bot, a ticket system. Returning
 * {@link ApprovalDecision#PENDING} leaves the approval waiting, to be decided later (for example by
 * {@code gate approve ID} from another process).
 *
 * @since 0.1
 */
public interface ApprovalHandler extends AutoCloseable {

    /**
     * Decides, or leaves the approval pending.
     *
     * @param request what is to be approved
     * @return the decision
     */
    ApprovalDecision decide(ApprovalRequest request);

    /** Releases resources; the default does nothing. Idempotent. */
    @Override
    default void close() {
    }
}
