package dev.qualitygate.dynatrace.fake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Response bodies in the shapes Dynatrace answers with (API documentation and recorded responses): metric data,
 * error envelopes, SLOs, USQL tables, problem counts. Fixed documented cases live as JSON files under
 * {@code src/test/resources/dynatrace/}, read with {@link #resource(String)}.
 */
public final class Bodies {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Bodies() {
    }

    /**
     * One series of a metrics query answer.
     *
     * @param dimensionMap dimension key to value; empty for a merged series
     * @param timestamps timestamps in milliseconds
     * @param values values; {@code null} for an empty slot
     */
    public record Series(Map<String, String> dimensionMap, List<Long> timestamps, List<@Nullable Double> values) {

        /**
         * A merged series (no dimensions).
         *
         * @param timestamps timestamps
         * @param values values
         * @return the series
         */
        public static Series merged(List<Long> timestamps, List<@Nullable Double> values) {
            return new Series(Map.of(), timestamps, values);
        }
    }

    /**
     * A metrics query answer with one collection.
     *
     * @param metricId the selector as Dynatrace echoes it
     * @param resolution the applied resolution
     * @param series the series
     * @return the JSON body
     */
    public static String metricData(String metricId, String resolution, List<Series> series) {
        ObjectNode root = JSON.createObjectNode();
        root.put("totalCount", series.size());
        root.putNull("nextPageKey");
        root.put("resolution", resolution);
        ObjectNode collection = root.putArray("result").addObject();
        collection.put("metricId", metricId);
        collection.put("dataPointCountRatio", series.isEmpty() ? 0.0 : 1.2E-6);
        collection.put("dimensionCountRatio", series.isEmpty() ? 0.0 : 4.0E-5);
        ArrayNode data = collection.putArray("data");
        for (Series s : series) {
            ObjectNode node = data.addObject();
            ArrayNode dimensions = node.putArray("dimensions");
            ObjectNode map = node.putObject("dimensionMap");
            s.dimensionMap().forEach((k, v) -> {
                dimensions.add(v);
                map.put(k, v);
            });
            ArrayNode ts = node.putArray("timestamps");
            s.timestamps().forEach(ts::add);
            ArrayNode vs = node.putArray("values");
            s.values().forEach(v -> {
                if (v == null) {
                    vs.addNull();
                } else {
                    vs.add(v);
                }
            });
        }
        return JSON.writeValueAsString(root);
    }

    /**
     * The answer to a {@code resolution=Inf} query with one merged series holding one value.
     *
     * @param metricId the selector
     * @param timestamp the timestamp (Dynatrace answers the window's end)
     * @param value the value
     * @return the JSON body
     */
    public static String single(String metricId, long timestamp, double value) {
        return metricData(metricId, "Inf", List.of(Series.merged(List.of(timestamp), List.of(value))));
    }

    /**
     * The v2 error envelope.
     *
     * @param code the HTTP status
     * @param message the message
     * @return the JSON body
     */
    public static String error(int code, String message) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return JSON.writeValueAsString(root);
    }

    /**
     * The v2 error envelope for violated constraints.
     *
     * @param location {@code QUERY} or {@code PATH}
     * @param pathAndMessage parameter name, message, parameter name, message, ...
     * @return the JSON body
     */
    public static String constraintsViolated(String location, String... pathAndMessage) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", 400);
        error.put("message", "Constraints violated.");
        ArrayNode violations = error.putArray("constraintViolations");
        for (int i = 0; i + 1 < pathAndMessage.length; i += 2) {
            ObjectNode v = violations.addObject();
            v.put("path", pathAndMessage[i]);
            v.put("message", pathAndMessage[i + 1]);
            v.put("parameterLocation", location);
            v.putNull("location");
        }
        return JSON.writeValueAsString(root);
    }

    /**
     * A problems or security problems answer with a total count and no listed problems.
     *
     * @param listName {@code problems} or {@code securityProblems}
     * @param totalCount the count
     * @return the JSON body
     */
    public static String count(String listName, long totalCount) {
        ObjectNode root = JSON.createObjectNode();
        root.put("totalCount", totalCount);
        root.put("pageSize", 50);
        root.putArray(listName);
        return JSON.writeValueAsString(root);
    }

    /**
     * A documented response body kept as a test resource.
     *
     * @param name the file under {@code src/test/resources/dynatrace/}
     * @return its content
     */
    public static String resource(String name) {
        try (InputStream in = Bodies.class.getResourceAsStream("/dynatrace/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource dynatrace/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
