package dev.qualitygate.prometheus.internal;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The JSON envelope of every Prometheus API answer. Unknown fields (such as {@code infos} of Prometheus 3) are
 * ignored. Internal; not API.
 *
 * @param status {@code success} or {@code error}
 * @param data the result, on success
 * @param errorType the kind of error, such as {@code bad_data}, on error
 * @param error Prometheus' error text, on error
 * @param warnings warnings that came with a result
 */
public record ApiResponse(@Nullable String status, @Nullable Data data, @Nullable String errorType,
        @Nullable String error, @Nullable List<String> warnings) {

    /**
     * The {@code data} of a query answer.
     *
     * @param resultType {@code vector}, {@code scalar}, {@code matrix} or {@code string}
     * @param result the result, whose shape depends on the type
     */
    public record Data(@Nullable String resultType, @Nullable JsonNode result) {
    }

    /**
     * One series of an instant vector.
     *
     * @param metric its labels
     * @param value {@code [time, "value"]}
     */
    public record Sample(@Nullable Map<String, String> metric, @Nullable JsonNode value) {
    }
}
