package dev.qualitygate.dynatrace.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits; tests replace it with one that only moves their clock. Internal; not API. */
@FunctionalInterface
public interface Sleeper {
    /** Sleeps on the current thread. */
    Sleeper SYSTEM = d -> TimeUnit.NANOSECONDS.sleep(d.toNanos());

    /**
     * Waits for the given time.
     *
     * @param duration how long; not negative
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;
}
