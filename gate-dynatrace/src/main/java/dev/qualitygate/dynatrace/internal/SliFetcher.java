package dev.qualitygate.dynatrace.internal;

import dev.qualitygate.model.TimeWindow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Turns one parsed SLI query into one number, with the requests and checks of Keptn's dynatrace-service: the
 * metrics query is sent once as written; if a series has several values, the metric's descriptor decides whether it
 * is asked again with {@code resolution=Inf} or with {@code :fold()} appended; the answer must then hold exactly one
 * collection with one series with one non-null value. Thread-safe. Internal; not API.
 */
public final class SliFetcher {
    private static final Logger log = LoggerFactory.getLogger(SliFetcher.class);
    private static final String INF = "Inf";

    private final DynatraceHttp http;
    private final boolean failOnWarnings;

    /**
     * Creates the fetcher.
     *
     * @param http the client
     * @param failOnWarnings whether a value with Dynatrace warnings fails
     */
    public SliFetcher(DynatraceHttp http, boolean failOnWarnings) {
        this.http = http;
        this.failOnWarnings = failOnWarnings;
    }

    /**
     * Fetches the value of a query for a window.
     *
     * @param query the query
     * @param window the window; sent as {@code from}/{@code to} in milliseconds, truncated to whole seconds as Keptn
     *     did
     * @param deadline the end of the time this SLI may take
     * @return the value
     * @throws CallFailed if there is no single value; the message says why
     * @throws InterruptedException if the thread is interrupted
     */
    public double fetch(SliQuery query, TimeWindow window, Deadline deadline) throws CallFailed, InterruptedException {
        if (query instanceof SliQuery.Metrics m) {
            return metrics(m, window, deadline);
        }
        if (query instanceof SliQuery.Slo s) {
            return slo(s, window, deadline);
        }
        if (query instanceof SliQuery.Problems p) {
            Map<String, String> params = window(window, "from", "to");
            putIfPresent(params, "problemSelector", p.problemSelector());
            putIfPresent(params, "entitySelector", p.entitySelector());
            return count(Endpoint.PROBLEMS, "/api/v2/problems", params, deadline);
        }
        if (query instanceof SliQuery.SecurityProblems p) {
            Map<String, String> params = window(window, "from", "to");
            putIfPresent(params, "securityProblemSelector", p.securityProblemSelector());
            return count(Endpoint.SECURITY_PROBLEMS, "/api/v2/securityProblems", params, deadline);
        }
        return usql((SliQuery.Usql) query, window, deadline);
    }

    private double metrics(SliQuery.Metrics query, TimeWindow window, Deadline deadline)
            throws CallFailed, InterruptedException {
        Answer first = queryOnce(query, window, deadline);
        if (first.value() != null) {
            return query.scale().apply(first.value());
        }
        if (INF.equals(query.resolution())) {
            throw new CallFailed(withWarnings("Metrics API v2 returned " + first.valueCount()
                    + " values for one series although the resolution is Inf", first.warnings()));
        }
        Responses.MetricDescriptor descriptor;
        try {
            descriptor = http.get(Endpoint.METRIC_DESCRIPTOR,
                    "/api/v2/metrics/" + DynatraceHttp.escapePathSegment(query.metricSelector()), Map.of(),
                    Responses.MetricDescriptor.class, deadline);
        } catch (CallFailed e) {
            throw new CallFailed("Metrics API v2 returned " + first.valueCount() + " values for one series, and"
                    + " looking up the metric to ask for one value failed: " + e.getMessage());
        }
        SliQuery.Metrics retry;
        String aggregation = descriptor.defaultAggregation() == null ? null : descriptor.defaultAggregation().type();
        if (query.resolution() == null && Boolean.TRUE.equals(descriptor.resolutionInfSupported())) {
            retry = query.withResolution(INF);
        } else if ("value".equals(aggregation)) {
            throw new CallFailed("Metrics API v2 returned " + first.valueCount() + " values for one series, and"
                    + " ':fold()' cannot be applied since the default aggregation of the selector is 'value';"
                    + (query.resolution() == null ? "" : " remove resolution=" + query.resolution() + " or")
                    + " end the selector with an aggregation that folds, such as :fold(avg)");
        } else {
            retry = query.withSelector(query.metricSelector() + ":fold()");
        }
        log.debug("{} values for one series; asking again with {}", first.valueCount(),
                http.redactor().redact(String.valueOf(retry.parameters())));
        Answer second = queryOnce(retry, window, deadline);
        if (second.value() == null) {
            throw new CallFailed(withWarnings("Metrics API v2 returned " + second.valueCount()
                    + " values for one series, also when asked again with " + describe(retry), second.warnings()));
        }
        return query.scale().apply(second.value());
    }

    private static String describe(SliQuery.Metrics retry) {
        return INF.equals(retry.resolution()) ? "resolution=Inf" : "metricSelector=" + retry.metricSelector();
    }

    /** One metrics answer: its single value, or how many values its series have. */
    private record Answer(@Nullable Double value, int valueCount, List<String> warnings) {
    }

    private Answer queryOnce(SliQuery.Metrics query, TimeWindow window, Deadline deadline)
            throws CallFailed, InterruptedException {
        Map<String, String> params = new LinkedHashMap<>(query.parameters());
        params.putAll(window(window, "from", "to"));
        Responses.MetricData data = http.get(Endpoint.METRICS, "/api/v2/metrics/query", params,
                Responses.MetricData.class, deadline);
        List<Responses.MetricSeriesCollection> collections = Responses.orEmpty(data.result());
        Set<String> warnings = new LinkedHashSet<>(Responses.orEmpty(data.warnings()));
        collections.forEach(c -> warnings.addAll(Responses.orEmpty(c.warnings())));
        List<String> w = new ArrayList<>(warnings);
        if (collections.isEmpty()) {
            throw new CallFailed(withWarnings("Metrics API v2 returned zero metric series collections", w));
        }
        if (collections.size() > 1) {
            throw new CallFailed(withWarnings("Metrics API v2 returned " + collections.size() + " metric series"
                    + " collections; the SLI needs a selector of one metric", w));
        }
        List<Responses.MetricSeries> series = Responses.orEmpty(collections.get(0).data());
        if (series.isEmpty()) {
            throw new CallFailed(withWarnings("Metrics API v2 returned zero metric series (no data)", w));
        }
        for (Responses.MetricSeries s : series) {
            List<@Nullable Double> values = Responses.orEmpty(s.values());
            if (values.isEmpty()) {
                throw new CallFailed(withWarnings("Metrics API v2 returned zero values", w));
            }
            if (values.size() > 1) {
                return new Answer(null, values.size(), w);
            }
        }
        if (series.size() > 1) {
            String dimensions = series.stream().limit(3)
                    .map(s -> String.valueOf(Responses.orEmpty(s.dimensions())))
                    .collect(Collectors.joining(", "));
            throw new CallFailed(withWarnings("Metrics API v2 returned " + series.size() + " metric series ("
                    + dimensions + (series.size() > 3 ? ", ..." : "") + "); the SLI needs exactly one: merge the"
                    + " dimensions, for example with :splitBy() or :merge(\"dt.entity.service\")", w));
        }
        Double value = Responses.orEmpty(series.get(0).values()).get(0);
        if (value == null) {
            throw new CallFailed(withWarnings("Metrics API v2 returned 'null' as value (no data in the window)", w));
        }
        if (!Double.isFinite(value)) {
            throw new CallFailed(withWarnings("Metrics API v2 returned the value " + value, w));
        }
        if (!w.isEmpty() && failOnWarnings) {
            throw new CallFailed(withWarnings("Metrics API v2 returned the value " + value + " but warned that part of"
                    + " the query was not applied, so the value may not measure what the query says (the source"
                    + " setting failOnWarnings: false accepts such values)", w));
        }
        if (!w.isEmpty()) {
            log.warn("Accepting the value {} despite Dynatrace's warnings: {}", value,
                    http.redactor().redact(String.join(", ", w)));
        }
        return new Answer(value, 1, w);
    }

    private double slo(SliQuery.Slo query, TimeWindow window, Deadline deadline)
            throws CallFailed, InterruptedException {
        Map<String, String> params = window(window, "from", "to");
        params.put("timeFrame", "GTF");
        Responses.SloResult slo = http.get(Endpoint.SLO, "/api/v2/slo/" + DynatraceHttp.escapePathSegment(query.id()),
                params, Responses.SloResult.class, deadline);
        String name = slo.name() == null ? "" : " ('" + http.redactor().redact(slo.name()) + "')";
        if (slo.error() != null && !slo.error().equals("NONE")) {
            throw new CallFailed("the Service-level objectives API could not evaluate the SLO " + query.id() + name
                    + ": " + http.redactor().redact(slo.error()));
        }
        Double value = slo.evaluatedPercentage();
        if (value == null || !Double.isFinite(value)) {
            throw new CallFailed("the Service-level objectives API answered without evaluatedPercentage for the SLO "
                    + query.id() + name);
        }
        return value;
    }

    private double count(Endpoint endpoint, String path, Map<String, String> params, Deadline deadline)
            throws CallFailed, InterruptedException {
        Long total = http.get(endpoint, path, params, Responses.TotalCount.class, deadline).totalCount();
        if (total == null) {
            throw new CallFailed("the " + endpoint.title() + " answered without totalCount");
        }
        return total;
    }

    private double usql(SliQuery.Usql query, TimeWindow window, Deadline deadline)
            throws CallFailed, InterruptedException {
        Map<String, String> params = window(window, "startTimestamp", "endTimestamp");
        params.put("query", query.query());
        params.put("explain", "false");
        params.put("addDeepLinkFields", "false");
        Responses.UsqlTable table = http.get(Endpoint.USER_SESSIONS, "/api/v1/userSessionQueryLanguage/table", params,
                Responses.UsqlTable.class, deadline);
        List<String> columns = Responses.orEmpty(table.columnNames());
        List<List<JsonNode>> rows = Responses.orEmpty(table.values());
        if (query.resultType().equals("SINGLE_VALUE")) {
            if (columns.size() != 1 || rows.size() != 1 || rows.get(0).size() != 1) {
                throw new CallFailed("a SINGLE_VALUE USQL query must return one column and one row; it returned "
                        + columns.size() + " columns and " + rows.size() + " rows");
            }
            return number(rows.get(0).get(0), "the single value");
        }
        if (columns.size() < 2) {
            throw new CallFailed("a " + query.resultType() + " USQL query must return at least two columns (the"
                    + " dimension and the value); it returned " + columns);
        }
        List<String> names = new ArrayList<>();
        for (List<JsonNode> row : rows) {
            if (row.size() < 2) {
                throw new CallFailed("the USQL result has a row with fewer than two cells: " + row);
            }
            JsonNode name = row.get(0);
            if (!name.isString()) {
                throw new CallFailed("the USQL result's first column must hold the dimension names as strings; it"
                        + " holds " + name);
            }
            if (name.asString().equals(query.dimension())) {
                JsonNode cell = query.resultType().equals("TABLE") ? row.get(row.size() - 1) : row.get(1);
                return number(cell, "the value of the dimension '" + query.dimension() + "'");
            }
            names.add(name.asString());
        }
        throw new CallFailed("could not find the dimension '" + query.dimension() + "' in the USQL result; it has "
                + (names.isEmpty() ? "no rows" : names.stream().limit(10).collect(Collectors.joining(", "))
                        + (names.size() > 10 ? ", ..." : "")));
    }

    private static double number(JsonNode cell, String what) throws CallFailed {
        if (!cell.isNumber() || !Double.isFinite(cell.asDouble())) {
            throw new CallFailed(what + " in the USQL result must be a number; it is " + cell);
        }
        return cell.asDouble();
    }

    private static Map<String, String> window(TimeWindow window, String from, String to) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(from, Long.toString(window.start().getEpochSecond() * 1000));
        p.put(to, Long.toString(window.end().getEpochSecond() * 1000));
        return p;
    }

    private static void putIfPresent(Map<String, String> params, String key, @Nullable String value) {
        if (value != null) {
            params.put(key, value);
        }
    }

    private String withWarnings(String message, List<String> warnings) {
        return warnings.isEmpty() ? message
                : message + ". Warnings: " + http.redactor().redact(String.join(", ", warnings));
    }
}
