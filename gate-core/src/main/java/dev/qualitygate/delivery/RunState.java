package dev.qualitygate.delivery;

/**
 * Where a delivery run stands.
 *
 * @since 0.1
 */
public enum RunState {
    /** A task is running, or the process running it ended before the task finished. */
    RUNNING,
    /** A manual approval waits for {@code approve} or {@code reject}. */
    WAITING,
    /** Every sequence of the run has finished. */
    FINISHED
}
