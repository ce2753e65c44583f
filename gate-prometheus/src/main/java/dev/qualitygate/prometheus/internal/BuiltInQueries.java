package dev.qualitygate.prometheus.internal;

import dev.qualitygate.model.EvaluationContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The queries Keptn's prometheus-service used for {@code throughput}, {@code error_rate} and
 * {@code response_time_p50/p90/p95} when the SLI file had none: RED metrics of the job
 * {@code <service>-<project>-<stage>-canary}, over {@code $DURATION_SECONDS}. The SLO's filters become label
 * matchers: {@code key='value'} (quotes removed from the value), or, when the value starts with {@code =}, {@code !=},
 * {@code =~} or {@code !~}, the key followed by the value as written (double quotes made single); a filter named
 * {@code job} replaces the default job. Internal; not API.
 */
final class BuiltInQueries {
    private static final List<String> OPERATORS = List.of("=", "!=", "=~", "!~");

    private BuiltInQueries() {
    }

    /**
     * The built-in query of an SLI.
     *
     * @return the PromQL template, or {@code null} for an SLI without one
     */
    static @Nullable String of(String indicator, EvaluationContext context, Map<String, String> filters) {
        String selector = selector(context, filters);
        return switch (indicator) {
            case "throughput" -> "sum(rate(http_requests_total{" + selector + "}[$DURATION_SECONDS]))";
            case "error_rate" -> "sum(rate(http_requests_total{" + selector + ",status!~'2..'}[$DURATION_SECONDS]))"
                    + "/sum(rate(http_requests_total{" + selector + "}[$DURATION_SECONDS]))";
            case "response_time_p50" -> latency("50", selector);
            case "response_time_p90" -> latency("90", selector);
            case "response_time_p95" -> latency("95", selector);
            default -> null;
        };
    }

    private static String latency(String percentile, String selector) {
        return "histogram_quantile(0." + percentile + ",sum(rate(http_response_time_milliseconds_bucket{" + selector
                + "}[$DURATION_SECONDS]))by(le))";
    }

    private static String selector(EvaluationContext context, Map<String, String> filters) {
        List<String> matchers = new ArrayList<>();
        filters.forEach((key, value) -> {
            if (OPERATORS.stream().anyMatch(value::startsWith)) {
                matchers.add(key + value.replace('"', '\''));
            } else {
                matchers.add(key + "='" + value.replace("'", "").replace("\"", "") + "'");
            }
        });
        if (!filters.containsKey("job")) {
            matchers.add(0, "job='" + context.service() + "-" + context.project() + "-" + context.stage()
                    + "-canary'");
        }
        return String.join(",", matchers);
    }
}
