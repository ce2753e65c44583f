package dev.qualitygate.model;

import java.util.Optional;

/**
 * The {@code comparison.aggregate_function} setting: how the values of several earlier evaluations become one
 * baseline.
 *
 * <p>Percentiles use Keptn's definition: sort ascending, {@code pos = q × (n + 1)}; below 1 the smallest value, at or
 * above {@code n} the largest, otherwise linear interpolation between the neighbours. Keptn knew {@code avg},
 * {@code p50}, {@code p90} and {@code p95}; the others are QualityGate's additions.
 *
 * @since 0.1
 */
public enum AggregateFunction {
    /** Arithmetic mean. */
    AVG("avg", Double.NaN),
    /** 50th percentile. */
    P50("p50", 0.5),
    /** 75th percentile. */
    P75("p75", 0.75),
    /** 90th percentile. */
    P90("p90", 0.9),
    /** 95th percentile. */
    P95("p95", 0.95),
    /** 99th percentile. */
    P99("p99", 0.99),
    /** Median: the same as {@code p50}. */
    MEDIAN("median", 0.5),
    /** Smallest value. */
    MIN("min", 0.0),
    /** Largest value. */
    MAX("max", 1.0);

    private final String keyword;
    private final double quantile;

    AggregateFunction(String keyword, double quantile) {
        this.keyword = keyword;
        this.quantile = quantile;
    }

    /**
     * The keyword used in {@code slo.yaml}.
     *
     * @return for example {@code avg} or {@code p95}
     */
    public String keyword() {
        return keyword;
    }

    /**
     * The quantile for percentile functions.
     *
     * @return a fraction in [0, 1]; {@code NaN} for {@link #AVG}
     */
    public double quantile() {
        return quantile;
    }

    /**
     * Looks a function up by keyword, ignoring case.
     *
     * @param keyword the keyword
     * @return the function, or empty for any other text
     */
    public static Optional<AggregateFunction> fromKeyword(String keyword) {
        for (AggregateFunction f : values()) {
            if (f.keyword.equalsIgnoreCase(keyword)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
