package dev.qualitygate.test.fake;

import dev.qualitygate.model.IndicatorValue;
import dev.qualitygate.spi.IndicatorQuery;
import dev.qualitygate.spi.MetricSource;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link MetricSource} that answers from a map of SLI name to value and records every {@link IndicatorQuery} it
 * receives, so a test can check the queries a {@link dev.qualitygate.Gate} sent (placeholders filled, window,
 * context).
 *
 * <pre>{@code
 * InMemoryMetricSource source = InMemoryMetricSource.builder()
 *         .value("response_time_p95", 420)
 *         .failed("error_rate", "Prometheus answered 503")
 *         .delay("throughput", Duration.ofMillis(200))
 *         .build();
 * try (Gate gate = Gate.builder().slo(slo).sli(sli, "prometheus").source("prometheus", source).build()) {
 *     gate.evaluate(context, window);
 * }
 * assertThat(source.lastQuery("response_time_p95").orElseThrow().query()).contains("carts");
 * }</pre>
 *
 * <p>An SLI it has no value for is answered with a {@link IndicatorValue.Failed} that names it; it never throws. A
 * delay is slept before answering and is cut short by an interrupt (then the answer is a failed value and the
 * thread's interrupt flag stays set). After {@link #close()} every answer is a failed value. Thread-safe.
 *
 * @since 0.1
 */
public final class InMemoryMetricSource implements MetricSource {
    private final Map<String, IndicatorValue> values;
    private final Map<String, Duration> delays;
    private final List<IndicatorQuery> queries = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private InMemoryMetricSource(Map<String, IndicatorValue> values, Map<String, Duration> delays) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.delays = Collections.unmodifiableMap(new LinkedHashMap<>(delays));
    }

    /**
     * A source with measured values and no delays.
     *
     * @param values SLI name to number; each finite
     * @return the source
     * @throws IllegalArgumentException if a number is NaN or infinite
     */
    public static InMemoryMetricSource of(Map<String, ? extends Number> values) {
        return new InMemoryMetricSource(IndicatorValue.measured(values), Map.of());
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Answers from the map, after the SLI's delay if it has one, and records the query.
     *
     * @param query the query
     * @return the SLI's value, or a failed value naming the SLI when the source has none, was interrupted or is
     *     closed
     */
    @Override
    public IndicatorValue fetch(IndicatorQuery query) {
        Objects.requireNonNull(query, "query");
        queries.add(query);
        String sli = query.indicator();
        Duration delay = delays.get(sli);
        if (delay != null) {
            try {
                Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return IndicatorValue.failed("interrupted while the in-memory metric source waited "
                        + delay.toMillis() + " ms for SLI '" + sli + "'");
            }
        }
        if (closed) {
            return IndicatorValue.failed("the in-memory metric source is closed; SLI '" + sli + "' not answered");
        }
        IndicatorValue value = values.get(sli);
        return value != null ? value : IndicatorValue.failed("the in-memory metric source has no value for SLI '"
                + sli + "'; it has values for " + values.keySet());
    }

    /**
     * Every query received so far, in the order they arrived.
     *
     * @return a snapshot; possibly empty
     */
    public List<IndicatorQuery> queries() {
        return List.copyOf(queries);
    }

    /**
     * The queries received for one SLI, in the order they arrived.
     *
     * @param sli the SLI name
     * @return a snapshot; possibly empty
     */
    public List<IndicatorQuery> queries(String sli) {
        Objects.requireNonNull(sli, "sli");
        return queries.stream().filter(q -> q.indicator().equals(sli)).toList();
    }

    /**
     * The last query received for one SLI.
     *
     * @param sli the SLI name
     * @return the query, or empty if none was received
     */
    public Optional<IndicatorQuery> lastQuery(String sli) {
        List<IndicatorQuery> forSli = queries(sli);
        return forSli.isEmpty() ? Optional.empty() : Optional.of(forSli.get(forSli.size() - 1));
    }

    /**
     * The values this source answers with.
     *
     * @return SLI name to value, in insertion order; unmodifiable
     */
    public Map<String, IndicatorValue> values() {
        return values;
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return {@code true} once closed
     */
    public boolean isClosed() {
        return closed;
    }

    /** Marks the source closed; later answers are failed values. Idempotent. */
    @Override
    public void close() {
        closed = true;
    }

    /** Names the SLIs the source has values for. */
    @Override
    public String toString() {
        return "InMemoryMetricSource" + values.keySet();
    }

    /**
     * Builds an {@link InMemoryMetricSource}; not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final Map<String, IndicatorValue> values = new LinkedHashMap<>();
        private final Map<String, Duration> delays = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds a measured value.
         *
         * @param sli the SLI name
         * @param value a finite number
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is NaN or infinite
         */
        public Builder value(String sli, double value) {
            return value(sli, IndicatorValue.of(value));
        }

        /**
         * Adds a value, measured or failed.
         *
         * @param sli the SLI name
         * @param value the value
         * @return this builder
         */
        public Builder value(String sli, IndicatorValue value) {
            values.put(Objects.requireNonNull(sli, "sli"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Adds a failed retrieval, as a metric source reports an HTTP error or missing data.
         *
         * @param sli the SLI name
         * @param reason why there is no value; not blank
         * @return this builder
         */
        public Builder failed(String sli, String reason) {
            return value(sli, IndicatorValue.failed(reason));
        }

        /**
         * Makes the answer for an SLI take a while, to test time limits and concurrency.
         *
         * @param sli the SLI name
         * @param delay how long to sleep before answering; not negative
         * @return this builder
         * @throws IllegalArgumentException if {@code delay} is negative
         */
        public Builder delay(String sli, Duration delay) {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative, was " + delay);
            }
            delays.put(Objects.requireNonNull(sli, "sli"), delay);
            return this;
        }

        /**
         * Builds the source.
         *
         * @return a new source with no recorded queries
         */
        public InMemoryMetricSource build() {
            return new InMemoryMetricSource(values, delays);
        }
    }
}
