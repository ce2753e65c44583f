package dev.qualitygate.model;

import org.jspecify.annotations.Nullable;

/**
 * The {@code total_score} thresholds of an SLO, in percent of the achievable score. Both are compared with
 * {@code >=} against the unrounded score.
 *
 * @param pass the score at or above which the result is {@code pass} ({@code total_score.pass}); 0–100
 * @param warning the score at or above which a non-passing result is {@code warning} ({@code total_score.warning}),
 *     or {@code null} when there is no warning outcome; 0–100 and not above {@code pass}
 * @since 0.1
 */
public record TotalScore(double pass, @Nullable Double warning) {

    /**
     * Checks the thresholds.
     *
     * @throws IllegalArgumentException if a threshold is outside 0–100 or warning is above pass
     */
    public TotalScore {
        checkPercent("pass", pass);
        if (warning != null) {
            checkPercent("warning", warning);
            if (warning > pass) {
                throw new IllegalArgumentException(
                        "warning (" + warning + ") must not be above pass (" + pass + ")");
            }
        }
    }

    private static void checkPercent(String name, double value) {
        if (!(value >= 0 && value <= 100)) {
            throw new IllegalArgumentException(name + " must be within 0-100, was " + value);
        }
    }

    /**
     * Thresholds with a warning band.
     *
     * @param pass the pass threshold in percent
     * @param warning the warning threshold in percent
     * @return the thresholds
     */
    public static TotalScore of(double pass, double warning) {
        return new TotalScore(pass, warning);
    }

    /**
     * Thresholds without a warning outcome.
     *
     * @param pass the pass threshold in percent
     * @return the thresholds
     */
    public static TotalScore passOnly(double pass) {
        return new TotalScore(pass, null);
    }
}
