package dev.qualitygate.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The values of the indicators of one time window, by SLI name, in insertion order: measured numbers and failed
 * retrievals with their reasons.
 *
 * <pre>{@code
 * IndicatorValues values = IndicatorValues.builder()
 *         .put("response_time_p95", 420)
 *         .failed("error_rate", "Prometheus answered 503")
 *         .build();
 * }</pre>
 *
 * @param values SLI name to value; unmodifiable
 * @since 0.1
 */
public record IndicatorValues(Map<String, IndicatorValue> values) {

    /** Copies the map, keeping its order. */
    public IndicatorValues {
        Map<String, IndicatorValue> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "name"), Objects.requireNonNull(v, k)));
        values = Collections.unmodifiableMap(copy);
    }

    /**
     * Measured values from numbers.
     *
     * @param numbers SLI name to number; each must be finite
     * @return the values
     * @throws IllegalArgumentException if a number is NaN or infinite
     */
    public static IndicatorValues of(Map<String, ? extends Number> numbers) {
        return new IndicatorValues(IndicatorValue.measured(numbers));
    }

    /**
     * A new, empty builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link IndicatorValues}; not thread-safe. */
    public static final class Builder {
        private final Map<String, IndicatorValue> values = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds a measured value.
         *
         * @param sli the SLI name
         * @param value a finite number
         * @return this builder
         */
        public Builder put(String sli, double value) {
            values.put(Objects.requireNonNull(sli, "sli"), IndicatorValue.of(value));
            return this;
        }

        /**
         * Adds a failed retrieval.
         *
         * @param sli the SLI name
         * @param reason why there is no value
         * @return this builder
         */
        public Builder failed(String sli, String reason) {
            values.put(Objects.requireNonNull(sli, "sli"), IndicatorValue.failed(reason));
            return this;
        }

        /**
         * Adds a value.
         *
         * @param sli the SLI name
         * @param value the value
         * @return this builder
         */
        public Builder put(String sli, IndicatorValue value) {
            values.put(Objects.requireNonNull(sli, "sli"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Builds the values.
         *
         * @return the values
         */
        public IndicatorValues build() {
            return new IndicatorValues(values);
        }
    }
}
