package dev.qualitygate.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One objective of an SLO: the SLI it judges, its pass and warning criteria, its weight and whether it is a key SLI.
 *
 * <p>An objective without pass criteria is <em>informational</em>: its value is reported but not scored.
 *
 * @param sli the indicator name ({@code sli}); must match the name the metric source reports
 * @param displayName the name shown to people ({@code displayName}); empty if not set
 * @param pass the pass criteria blocks ({@code pass}), alternatives of each other; empty for informational
 * @param warning the warning criteria blocks ({@code warning}); possibly empty
 * @param weight the weight in the total score ({@code weight}); at least 1 (Keptn's 0 or missing means 1)
 * @param keySli whether failing this objective fails the whole evaluation ({@code key_sli})
 * @since 0.1
 */
public record Objective(
        String sli, String displayName, List<CriteriaBlock> pass, List<CriteriaBlock> warning, int weight,
        boolean keySli) {

    /**
     * Checks and copies the components.
     *
     * @throws IllegalArgumentException if {@code sli} is blank or {@code weight} is below 1
     */
    public Objective {
        Objects.requireNonNull(sli, "sli");
        Objects.requireNonNull(displayName, "displayName");
        pass = List.copyOf(pass);
        warning = List.copyOf(warning);
        if (sli.isBlank()) {
            throw new IllegalArgumentException("sli must not be blank");
        }
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be >= 1, was " + weight);
        }
    }

    /**
     * Whether the objective is informational (no pass criteria), so it is reported but not scored.
     *
     * @return {@code true} if {@link #pass()} is empty
     */
    public boolean informational() {
        return pass.isEmpty();
    }

    /**
     * The display name if set, else the SLI name.
     *
     * @return never empty
     */
    public String label() {
        return displayName.isEmpty() ? sli : displayName;
    }

    /**
     * Starts a builder for an objective on the given SLI, with weight 1, no criteria and no key flag.
     *
     * @param sli the indicator name
     * @return a new builder
     */
    public static Builder builder(String sli) {
        return new Builder(sli);
    }

    /** Builds an {@link Objective}; not thread-safe. */
    public static final class Builder {
        private final String sli;
        private String displayName = "";
        private final List<CriteriaBlock> pass = new ArrayList<>();
        private final List<CriteriaBlock> warning = new ArrayList<>();
        private int weight = 1;
        private boolean keySli;

        private Builder(String sli) {
            this.sli = Objects.requireNonNull(sli, "sli");
        }

        /**
         * Sets the display name.
         *
         * @param displayName the name shown to people
         * @return this builder
         */
        public Builder displayName(String displayName) {
            this.displayName = Objects.requireNonNull(displayName, "displayName");
            return this;
        }

        /**
         * Adds a pass block whose criteria must all hold.
         *
         * @param criteria criteria texts such as {@code "<600"}
         * @return this builder
         */
        public Builder pass(String... criteria) {
            pass.add(CriteriaBlock.of(criteria));
            return this;
        }

        /**
         * Adds a warning block whose criteria must all hold.
         *
         * @param criteria criteria texts such as {@code "<=800"}
         * @return this builder
         */
        public Builder warning(String... criteria) {
            warning.add(CriteriaBlock.of(criteria));
            return this;
        }

        /**
         * Sets the weight.
         *
         * @param weight at least 1
         * @return this builder
         */
        public Builder weight(int weight) {
            this.weight = weight;
            return this;
        }

        /**
         * Marks the objective as a key SLI.
         *
         * @param keySli whether failing it fails the evaluation
         * @return this builder
         */
        public Builder keySli(boolean keySli) {
            this.keySli = keySli;
            return this;
        }

        /**
         * Builds the objective.
         *
         * @return the objective
         */
        public Objective build() {
            return new Objective(sli, displayName, pass, warning, weight, keySli);
        }
    }
}
