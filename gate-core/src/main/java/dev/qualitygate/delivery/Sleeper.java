package dev.qualitygate.delivery;

import java.time.Duration;

/**
 * Waits, for a task's {@code triggeredAfter}; tests pass one that records instead of sleeping.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * Waits for the given time.
     *
     * @param duration how long; positive
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * The sleeper that really waits.
     *
     * @return {@link Thread#sleep}
     */
    static Sleeper system() {
        return d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
    }
}
