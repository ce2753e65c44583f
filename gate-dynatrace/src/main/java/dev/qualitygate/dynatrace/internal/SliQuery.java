package dev.qualitygate.dynatrace.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** One SLI query of an {@code sli.yaml}, read by {@link SliQueryParser}. Internal; not API. */
public sealed interface SliQuery {

    /** How an {@code MV2;<unit>;} query scales the value, as Keptn's dynatrace-service did. */
    enum Scale {
        /** No prefix: the value as Dynatrace answers it. */
        NONE(1),
        /** {@code MV2;MicroSecond;}: microseconds to milliseconds. */
        MICROSECONDS_TO_MILLISECONDS(1000),
        /** {@code MV2;Byte;}: bytes to kilobytes (1024). */
        BYTES_TO_KILOBYTES(1024);

        private final double divisor;

        Scale(double divisor) {
            this.divisor = divisor;
        }

        /**
         * Scales a value.
         *
         * @param value the value in the metric's unit
         * @return the scaled value
         */
        public double apply(double value) {
            return value / divisor;
        }
    }

    /**
     * A Metrics API v2 query.
     *
     * @param metricSelector the metric selector
     * @param entitySelector the entity selector, or {@code null}
     * @param resolution the resolution, or {@code null} for Dynatrace's default
     * @param mzSelector the management zone selector, or {@code null}
     * @param scale the {@code MV2} scaling
     * @param legacy whether it was written in the old {@code selector?scope=...} form or as a bare selector
     */
    record Metrics(String metricSelector, @Nullable String entitySelector, @Nullable String resolution,
            @Nullable String mzSelector, Scale scale, boolean legacy) implements SliQuery {

        /** Checks the components. */
        public Metrics {
            Objects.requireNonNull(metricSelector, "metricSelector");
            Objects.requireNonNull(scale, "scale");
        }

        /**
         * The query parameters of {@code GET /api/v2/metrics/query}, without the time window.
         *
         * @return parameter name to unencoded value
         */
        public Map<String, String> parameters() {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("metricSelector", metricSelector);
            if (entitySelector != null) {
                p.put("entitySelector", entitySelector);
            }
            if (mzSelector != null) {
                p.put("mzSelector", mzSelector);
            }
            if (resolution != null) {
                p.put("resolution", resolution);
            }
            return p;
        }

        /**
         * The same query with another resolution.
         *
         * @param newResolution the resolution
         * @return the query
         */
        public Metrics withResolution(String newResolution) {
            return new Metrics(metricSelector, entitySelector, newResolution, mzSelector, scale, legacy);
        }

        /**
         * The same query with another metric selector.
         *
         * @param selector the selector
         * @return the query
         */
        public Metrics withSelector(String selector) {
            return new Metrics(selector, entitySelector, resolution, mzSelector, scale, legacy);
        }
    }

    /**
     * {@code SLO;<id>}: the evaluated percentage of a Dynatrace SLO.
     *
     * @param id the SLO's id
     */
    record Slo(String id) implements SliQuery {
        /** Checks the id. */
        public Slo {
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * {@code PV2;problemSelector=...&entitySelector=...}: the number of problems.
     *
     * @param problemSelector the problem selector, or {@code null}
     * @param entitySelector the entity selector, or {@code null}
     */
    record Problems(@Nullable String problemSelector, @Nullable String entitySelector) implements SliQuery {
    }

    /**
     * {@code SECPV2;securityProblemSelector=...}: the number of security problems.
     *
     * @param securityProblemSelector the selector, or {@code null}
     */
    record SecurityProblems(@Nullable String securityProblemSelector) implements SliQuery {
    }

    /**
     * {@code USQL;<result type>;<dimension>;<query>}: a value from a user session query.
     *
     * @param resultType {@code SINGLE_VALUE}, {@code PIE_CHART}, {@code COLUMN_CHART} or {@code TABLE}
     * @param dimension the row whose value is taken; empty for {@code SINGLE_VALUE}
     * @param query the USQL query
     */
    record Usql(String resultType, String dimension, String query) implements SliQuery {
        /** Checks the components. */
        public Usql {
            Objects.requireNonNull(resultType, "resultType");
            Objects.requireNonNull(dimension, "dimension");
            Objects.requireNonNull(query, "query");
        }
    }
}
