package dev.qualitygate.engine;

import dev.qualitygate.model.AggregateFunction;
import java.util.Arrays;

/** Aggregates the earlier values of an SLI into one baseline, exactly as Keptn's lighthouse computed it. */
final class Aggregation {
    private Aggregation() {
    }

    /**
     * Aggregates {@code values[0..n)}, given newest first; the array is reordered for percentiles.
     *
     * @param n at least 1
     */
    static double apply(AggregateFunction function, double[] values, int n) {
        if (function == AggregateFunction.AVG) {
            double sum = 0.0;
            for (int i = 0; i < n; i++) {
                sum += values[i];
            }
            return sum / n;
        }
        Arrays.sort(values, 0, n);
        return percentile(values, n, function.quantile());
    }

    /** Keptn's percentile: pos = q(n+1); below 1 the minimum, at or above n the maximum, else interpolated. */
    static double percentile(double[] sorted, int n, double q) {
        double pos = q * (n + 1);
        if (pos < 1.0) {
            return sorted[0];
        }
        if (pos >= n) {
            return sorted[n - 1];
        }
        int k = (int) pos;
        double lower = sorted[k - 1];
        double upper = sorted[k];
        return lower + (pos - Math.floor(pos)) * (upper - lower);
    }
}
