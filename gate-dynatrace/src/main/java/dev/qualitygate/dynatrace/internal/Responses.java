package dev.qualitygate.dynatrace.internal;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Dynatrace response bodies this source reads, as records; fields it does not need are ignored, and every field
 * may be missing. Internal; not API.
 */
public final class Responses {
    /** Reads the bodies; unknown fields are ignored, since Dynatrace adds fields over time. */
    static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private Responses() {
    }

    static <T> List<T> orEmpty(@Nullable List<T> list) {
        return list == null ? List.of() : list;
    }

    /**
     * The error envelope of every v2 API: {@code {"error":{"code","message","constraintViolations"}}}.
     *
     * @param error the error
     */
    public record ErrorEnvelope(@Nullable ErrorBody error) {
    }

    /**
     * The error inside the envelope.
     *
     * @param code the HTTP status
     * @param message Dynatrace's message
     * @param constraintViolations which parameters were wrong
     */
    public record ErrorBody(@Nullable Integer code, @Nullable String message,
            @Nullable List<ConstraintViolation> constraintViolations) {
    }

    /**
     * One violated constraint.
     *
     * @param path the parameter
     * @param message what is wrong with it
     * @param parameterLocation {@code QUERY}, {@code PATH} or {@code PAYLOAD_BODY}
     * @param location where inside the parameter
     */
    public record ConstraintViolation(@Nullable String path, @Nullable String message,
            @Nullable String parameterLocation, @Nullable String location) {
    }

    /**
     * The answer of {@code GET /api/v2/metrics/query}.
     *
     * @param totalCount the number of primary entities
     * @param resolution the resolution Dynatrace applied
     * @param warnings warnings about the whole query
     * @param result one collection per metric of the selector
     */
    public record MetricData(@Nullable Long totalCount, @Nullable String resolution, @Nullable List<String> warnings,
            @Nullable List<MetricSeriesCollection> result) {
    }

    /**
     * The series of one metric.
     *
     * @param metricId the selector as Dynatrace applied it
     * @param warnings warnings about this metric
     * @param data one series per dimension tuple
     */
    public record MetricSeriesCollection(@Nullable String metricId, @Nullable List<String> warnings,
            @Nullable List<MetricSeries> data) {
    }

    /**
     * One series.
     *
     * @param dimensions the dimension values
     * @param dimensionMap dimension key to value
     * @param timestamps the timestamps, in milliseconds
     * @param values the values; an element is {@code null} for an empty slot
     */
    public record MetricSeries(@Nullable List<String> dimensions, @Nullable Map<String, String> dimensionMap,
            @Nullable List<Long> timestamps, @Nullable List<@Nullable Double> values) {
    }

    /**
     * The answer of {@code GET /api/v2/metrics/{selector}}.
     *
     * @param metricId the key or selector
     * @param unit the unit, such as {@code MicroSecond}
     * @param resolutionInfSupported whether {@code resolution=Inf} may be used
     * @param defaultAggregation the default aggregation
     * @param warnings warnings about the descriptor
     */
    public record MetricDescriptor(@Nullable String metricId, @Nullable String unit,
            @Nullable Boolean resolutionInfSupported, @Nullable DefaultAggregation defaultAggregation,
            @Nullable List<String> warnings) {
    }

    /**
     * A default aggregation.
     *
     * @param type {@code avg}, {@code value}, ...
     */
    public record DefaultAggregation(@Nullable String type) {
    }

    /**
     * The answer of {@code GET /api/v2/slo/{id}}.
     *
     * @param id the SLO's id
     * @param name its name
     * @param evaluatedPercentage the evaluated percentage
     * @param error {@code NONE}, or why the SLO could not be evaluated
     * @param status {@code SUCCESS}, {@code WARNING}, {@code FAILURE}
     */
    public record SloResult(@Nullable String id, @Nullable String name, @Nullable Double evaluatedPercentage,
            @Nullable String error, @Nullable String status) {
    }

    /**
     * The answer of {@code GET /api/v1/userSessionQueryLanguage/table}.
     *
     * @param extrapolationLevel how much the values were extrapolated (1: not at all)
     * @param columnNames the column names
     * @param values the rows
     */
    public record UsqlTable(@Nullable Integer extrapolationLevel, @Nullable List<String> columnNames,
            @Nullable List<List<JsonNode>> values) {
    }

    /**
     * The count of a problems or security problems query.
     *
     * @param totalCount the number of matching problems
     */
    public record TotalCount(@Nullable Long totalCount) {
    }
}
