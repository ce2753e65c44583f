package dev.qualitygate.dynatrace.internal;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The end of the time one SLI may take, on a monotonic clock. Internal; not API.
 *
 * @param limit the whole time allowed
 * @param endNanos when it is over, in {@code nanoTime} units
 * @param nanoTime the monotonic clock
 */
public record Deadline(Duration limit, long endNanos, LongSupplier nanoTime) {

    /**
     * A deadline that ends {@code limit} from now.
     *
     * @param limit the time allowed
     * @param nanoTime the monotonic clock
     * @return the deadline
     */
    public static Deadline after(Duration limit, LongSupplier nanoTime) {
        return new Deadline(limit, nanoTime.getAsLong() + limit.toNanos(), nanoTime);
    }

    /**
     * The time left.
     *
     * @return the time until the deadline; negative or zero once it has passed
     */
    public Duration remaining() {
        return Duration.ofNanos(endNanos - nanoTime.getAsLong());
    }
}
