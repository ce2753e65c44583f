package dev.qualitygate.kubernetes.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The moment an operation must end by, and the budget it came from (for messages). Internal; not API.
 *
 * @param end when the time is up
 * @param budget the whole time allowed
 * @param clock the clock the end is measured on
 */
record Deadline(Instant end, Duration budget, Clock clock) {

    static Deadline after(Duration budget, Clock clock) {
        return new Deadline(clock.instant().plus(budget), budget, clock);
    }

    boolean expired() {
        return !clock.instant().isBefore(end);
    }

    Duration remaining() {
        Duration left = Duration.between(clock.instant(), end);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Sleeps for {@code interval} or until the deadline, whichever comes first. */
    void sleep(Duration interval) throws InterruptedException {
        Duration left = remaining();
        long millis = Math.max(1, Math.min(interval.toMillis(), left.toMillis()));
        Thread.sleep(millis);
    }

    String describe() {
        return Texts.duration(budget);
    }
}
