package dev.qualitygate.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A service-level objective file ({@code slo.yaml}), with Keptn's defaults applied.
 *
 * @param specVersion the {@code spec_version} as written; informational
 * @param filter the {@code filter} map, in file order; its entries fill {@code $key} placeholders of SLI queries
 * @param comparison how earlier evaluations are used ({@code comparison}), defaults applied
 * @param objectives the objectives in file order ({@code objectives}); possibly empty, which evaluates to
 *     {@code fail} as in Keptn
 * @param totalScore the thresholds ({@code total_score}), or {@code null} when the file has none, which makes an
 *     evaluation with scored objectives end {@code errored}, as in Keptn
 * @since 0.1
 */
public record Slo(
        String specVersion,
        Map<String, String> filter,
        Comparison comparison,
        List<Objective> objectives,
        @Nullable TotalScore totalScore) {

    /** Copies the collections, keeping the order of {@code filter}. */
    public Slo {
        Objects.requireNonNull(specVersion, "specVersion");
        Objects.requireNonNull(comparison, "comparison");
        filter = Collections.unmodifiableMap(new LinkedHashMap<>(filter));
        objectives = List.copyOf(objectives);
    }

    /**
     * Starts a builder: spec version {@code 1.0}, Keptn's default comparison, no objectives, thresholds 90%/75%.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link Slo}; not thread-safe. */
    public static final class Builder {
        private String specVersion = "1.0";
        private final Map<String, String> filter = new LinkedHashMap<>();
        private Comparison comparison = Comparison.DEFAULT;
        private final List<Objective> objectives = new ArrayList<>();
        private @Nullable TotalScore totalScore = TotalScore.of(90, 75);

        private Builder() {
        }

        /**
         * Sets the spec version.
         *
         * @param specVersion for example {@code 1.0}
         * @return this builder
         */
        public Builder specVersion(String specVersion) {
            this.specVersion = Objects.requireNonNull(specVersion, "specVersion");
            return this;
        }

        /**
         * Adds a filter entry.
         *
         * @param key the placeholder name
         * @param value its value
         * @return this builder
         */
        public Builder filter(String key, String value) {
            filter.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Sets the comparison.
         *
         * @param comparison how earlier evaluations are used
         * @return this builder
         */
        public Builder comparison(Comparison comparison) {
            this.comparison = Objects.requireNonNull(comparison, "comparison");
            return this;
        }

        /**
         * Adds an objective.
         *
         * @param objective the objective
         * @return this builder
         */
        public Builder objective(Objective objective) {
            objectives.add(Objects.requireNonNull(objective, "objective"));
            return this;
        }

        /**
         * Sets the total-score thresholds.
         *
         * @param totalScore the thresholds, or {@code null} for none
         * @return this builder
         */
        public Builder totalScore(@Nullable TotalScore totalScore) {
            this.totalScore = totalScore;
            return this;
        }

        /**
         * Builds the SLO.
         *
         * @return the SLO
         */
        public Slo build() {
            return new Slo(specVersion, filter, comparison, objectives, totalScore);
        }
    }
}
