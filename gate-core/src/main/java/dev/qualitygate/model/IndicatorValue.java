package dev.qualitygate.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The value of one indicator for the evaluated time window: a measurement, or a failed retrieval with its reason.
 *
 * <p>A failed retrieval is scored, never ignored: the objective fails, and if it is a key SLI the evaluation fails.
 *
 * @since 0.1
 */
public sealed interface IndicatorValue permits IndicatorValue.Measured, IndicatorValue.Failed {

    /**
     * A measured value.
     *
     * @param value a finite number
     * @return the value
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     */
    static Measured of(double value) {
        return new Measured(value);
    }

    /**
     * A measured value with a note from the metric source, for example that some input lines could not be read.
     *
     * @param value a finite number
     * @param note what the reader of the result should know about the value; empty for none
     * @return the value
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     * @since 0.1
     */
    static Measured of(double value, String note) {
        return new Measured(value, note);
    }

    /**
     * A failed retrieval.
     *
     * @param reason why there is no value, for example {@code "no data for query ..."}
     * @return the failure
     */
    static Failed failed(String reason) {
        return new Failed(reason);
    }

    /**
     * Converts a map of numbers into measured values, keeping its order.
     *
     * @param values SLI name to number
     * @return SLI name to measured value
     * @throws IllegalArgumentException if a number is NaN or infinite
     */
    static Map<String, IndicatorValue> measured(Map<String, ? extends Number> values) {
        Map<String, IndicatorValue> result = new LinkedHashMap<>();
        values.forEach((name, number) -> result.put(
                Objects.requireNonNull(name, "name"), of(Objects.requireNonNull(number, name).doubleValue())));
        return result;
    }

    /**
     * A successfully measured value.
     *
     * @param value the value; finite
     * @param note the metric source's note on the value, shown as the indicator result's {@code message}; empty
     *     for none
     */
    record Measured(double value, String note) implements IndicatorValue {
        /**
         * Checks the value.
         *
         * @throws IllegalArgumentException if {@code value} is NaN or infinite
         */
        public Measured {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException(
                        "a measured value must be finite, was " + value + "; report it as a failed value instead");
            }
            Objects.requireNonNull(note, "note");
        }

        /**
         * A measured value without a note.
         *
         * @param value the value; finite
         * @throws IllegalArgumentException if {@code value} is NaN or infinite
         */
        public Measured(double value) {
            this(value, "");
        }
    }

    /**
     * A retrieval that failed.
     *
     * @param reason why there is no value; never blank
     */
    record Failed(String reason) implements IndicatorValue {
        /**
         * Checks the reason.
         *
         * @throws IllegalArgumentException if {@code reason} is blank
         */
        public Failed {
            Objects.requireNonNull(reason, "reason");
            if (reason.isBlank()) {
                throw new IllegalArgumentException("a failed value needs a reason");
            }
        }
    }
}
