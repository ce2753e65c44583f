package dev.qualitygate.spi;

import java.util.Objects;

/**
 * A mistake in an SLI query as written, found by {@link MetricSource#check(String, String)} before anything is
 * fetched.
 *
 * @param column the 1-based position in the query of the character where the mistake is, or 0 when it concerns
 *     the whole query
 * @param message what is wrong and, where it helps, what would be right; never blank
 * @since 0.1
 */
public record QueryProblem(int column, String message) {

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if the column is negative or the message blank
     */
    public QueryProblem {
        Objects.requireNonNull(message, "message");
        if (column < 0) {
            throw new IllegalArgumentException("column must be >= 0, was " + column);
        }
        if (message.isBlank()) {
            throw new IllegalArgumentException("a query problem needs a message");
        }
    }
}
