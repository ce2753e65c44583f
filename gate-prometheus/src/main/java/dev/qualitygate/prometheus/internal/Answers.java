package dev.qualitygate.prometheus.internal;

import dev.qualitygate.model.IndicatorValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns Prometheus' answer to an instant query into an indicator value: a vector with one sample or a scalar gives
 * its value; everything else gives a failed value whose reason reads {@code SLI 'name': problem; query: text}.
 * Internal; not API.
 */
final class Answers {
    private static final Logger log = LoggerFactory.getLogger(Answers.class);
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    /** Series shown when a query returns several. */
    private static final int SHOWN_SERIES = 3;
    /** Longest piece of a non-JSON body quoted in a reason. */
    private static final int MAX_BODY = 300;

    private final String sli;
    private final String query;
    private final Instant time;

    private Answers(String sli, String query, Instant time) {
        this.sli = sli;
        this.query = query;
        this.time = time;
    }

    /**
     * Reads an exchange.
     *
     * @param exchange the answer, or why there was none
     * @param sli the SLI name, for the reason
     * @param query the query as sent, for the reason
     * @param time the evaluation time
     * @return the value, or a failure with its reason
     */
    static IndicatorValue read(PrometheusClient.Exchange exchange, String sli, String query, Instant time) {
        Answers a = new Answers(sli, query, time);
        if (exchange instanceof PrometheusClient.NoAnswer none) {
            return a.failed(none.reason());
        }
        return a.read((PrometheusClient.Answer) exchange);
    }

    private IndicatorValue read(PrometheusClient.Answer answer) {
        ApiResponse response;
        try {
            response = JSON.readValue(answer.body(), ApiResponse.class);
        } catch (JacksonException e) {
            if (answer.status() >= 300) {
                return failed("Prometheus answered HTTP " + answer.status() + ": " + excerpt(answer.body())
                        + answer.retries());
            }
            return failed("malformed answer from Prometheus (HTTP " + answer.status() + "): "
                    + firstLine(e.getOriginalMessage()) + answer.retries());
        }
        if (response == null) {
            return failed("malformed answer from Prometheus (HTTP " + answer.status() + "): " + excerpt(answer.body()));
        }
        if ("error".equals(response.status()) || answer.status() >= 300) {
            String kind = response.errorType() == null ? "" : " (" + response.errorType() + ")";
            String text = response.error() == null ? excerpt(answer.body()) : response.error();
            return failed("Prometheus answered HTTP " + answer.status() + kind + ": " + text + answer.retries());
        }
        if (!"success".equals(response.status()) || response.data() == null) {
            return failed("malformed answer from Prometheus (HTTP " + answer.status() + "): no status \"success\""
                    + " with data, but: " + excerpt(answer.body()));
        }
        if (response.warnings() != null && !response.warnings().isEmpty()) {
            log.warn("Prometheus warns about the query of SLI '{}': {}", sli, String.join("; ", response.warnings()));
        }
        try {
            return result(response.data());
        } catch (JacksonException | IllegalArgumentException e) {
            String message = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
            return failed("malformed answer from Prometheus (HTTP " + answer.status() + "): " + firstLine(message));
        }
    }

    private IndicatorValue result(ApiResponse.Data data) {
        String type = String.valueOf(data.resultType());
        JsonNode result = data.result();
        if (result == null) {
            throw new IllegalArgumentException("no result in data");
        }
        switch (type) {
            case "scalar":
                return value(result);
            case "vector":
                List<ApiResponse.Sample> samples = List.of(JSON.treeToValue(result, ApiResponse.Sample[].class));
                if (samples.isEmpty()) {
                    return failed("no data: the query returned an empty vector at " + time);
                }
                if (samples.size() > 1) {
                    return failed("the query returned " + samples.size() + " series, expected one: "
                            + series(samples) + "; aggregate them to one, for example with sum(...) or max(...)");
                }
                JsonNode value = samples.get(0).value();
                if (value == null) {
                    throw new IllegalArgumentException("a sample without a value");
                }
                return value(value);
            case "matrix":
                return failed("the query returned a range vector (matrix) of " + result.size() + " series; an SLI"
                        + " query must give an instant vector or a scalar, for example avg_over_time(x[$DURATION_SECONDS])"
                        + " instead of x[$DURATION_SECONDS]");
            case "string":
                return failed("the query returned a string, not a number");
            default:
                throw new IllegalArgumentException("unknown resultType \"" + type + "\"");
        }
    }

    /** Reads {@code [time, "value"]}; NaN and infinities are failures. */
    private IndicatorValue value(JsonNode pair) {
        if (!pair.isArray() || pair.size() != 2 || !pair.get(1).isString()) {
            throw new IllegalArgumentException("a value must be [time, \"number\"], was " + pair);
        }
        String text = pair.get(1).stringValue();
        double value;
        switch (text) {
            case "NaN":
                return failed("the query returned NaN at " + time + " (for example 0/0, when nothing happened in the window)");
            case "+Inf":
            case "-Inf":
                return failed("the query returned " + text + " at " + time + " (for example x/0)");
            default:
                try {
                    value = Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("the value \"" + text + "\" is not a number", e);
                }
        }
        if (!Double.isFinite(value)) {
            return failed("the query returned " + text + " at " + time);
        }
        return IndicatorValue.of(value);
    }

    private static String series(List<ApiResponse.Sample> samples) {
        String shown = samples.stream().limit(SHOWN_SERIES).map(s -> labels(s.metric()))
                .collect(Collectors.joining(", "));
        return samples.size() > SHOWN_SERIES ? shown + ", …" : shown;
    }

    private static String labels(@Nullable Map<String, String> metric) {
        if (metric == null) {
            return "{}";
        }
        String name = metric.getOrDefault("__name__", "");
        return name + metric.entrySet().stream().filter(e -> !e.getKey().equals("__name__"))
                .map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    private IndicatorValue failed(String problem) {
        return IndicatorValue.failed("SLI '" + sli + "': " + problem + "; query: " + query);
    }

    private static String excerpt(String body) {
        String oneLine = body.strip().replaceAll("\\s+", " ");
        if (oneLine.isEmpty()) {
            return "(empty body)";
        }
        return oneLine.length() <= MAX_BODY ? oneLine : oneLine.substring(0, MAX_BODY) + "…";
    }

    private static String firstLine(@Nullable String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
