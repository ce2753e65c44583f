package dev.qualitygate.spi;

import dev.qualitygate.model.IndicatorValue;

/**
 * Answers SLI queries for a time window: Prometheus, Dynatrace, a JMeter results file, or anything else a plugin
 * wraps.
 *
 * <p>A query whose value cannot be had (no data, an HTTP error, a timeout, a malformed answer) returns
 * {@link IndicatorValue.Failed} with a reason that names the SLI and the query; it never throws for such data
 * problems, since a failed value is scored. {@link dev.qualitygate.Gate} calls {@link #fetch} for several queries at
 * once from several threads, under an overall time limit, so implementations must be thread-safe and honour
 * interrupts.
 *
 * @since 0.1
 */
public interface MetricSource extends AutoCloseable {

    /**
     * Fetches one indicator value.
     *
     * @param query the SLI name, its query with placeholders filled, and the window
     * @return the measured value, or a failure with its reason
     */
    IndicatorValue fetch(IndicatorQuery query);

    /** Releases resources; the default does nothing. Idempotent. */
    @Override
    default void close() {
    }
}
