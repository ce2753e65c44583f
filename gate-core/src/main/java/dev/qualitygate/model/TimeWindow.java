package dev.qualitygate.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The time window an evaluation judges: usually the start and end of a test run.
 *
 * @param start the first instant, inclusive
 * @param end the last instant; after {@code start}
 * @since 0.1
 */
public record TimeWindow(Instant start, Instant end) {

    /**
     * Checks the window.
     *
     * @throws IllegalArgumentException if {@code end} is not after {@code start}
     */
    public TimeWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("end (" + end + ") must be after start (" + start + ")");
        }
    }

    /**
     * A window of the given length that ends at {@code end}.
     *
     * @param end the end of the window
     * @param length its length; positive
     * @return the window
     */
    public static TimeWindow ending(Instant end, Duration length) {
        return new TimeWindow(end.minus(length), end);
    }

    /**
     * The length of the window.
     *
     * @return {@code end - start}
     */
    public Duration duration() {
        return Duration.between(start, end);
    }
}
