package dev.qualitygate.dynatrace.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fake Dynatrace environment: the JDK's {@link HttpServer} on {@code 127.0.0.1} answering the APIs the
 * {@code dynatrace} metric source calls, with the behaviour Dynatrace documents and Keptn's recorded responses show.
 * It is not Dynatrace: it knows only the metrics it is told about and answers only what tests script, but every
 * request goes through the checks the real API makes.
 *
 * <ul>
 *   <li>{@code Authorization: Api-Token <token>} is required: otherwise 401 {@code Token Authentication failed};
 *       a scope taken away with {@link #withoutScope(String)} gives 403 {@code Token is missing required scope}.</li>
 *   <li>An {@code Accept} header other than JSON, CSV or any gives 406.</li>
 *   <li>Query parameters are decoded before they are checked or matched, never compared as raw text.
 *       {@code /api/v2/metrics/query} needs {@code metricSelector}; {@code from}/{@code to} must be milliseconds,
 *       ISO times or {@code now-...}; {@code resolution} {@code Inf} or a timespan such as {@code 1m}; an
 *       {@code entitySelector} must name a {@code type(...)} or {@code entityId(...)}. Violations answer 400 with
 *       the envelope and {@code constraintViolations}.</li>
 *   <li>A selector of an unknown metric gives 404; a known metric without scripted answer gives no data
 *       ({@code totalCount} 0, a collection with empty {@code data}), as a selector that matches no entity does.</li>
 *   <li>{@code /api/v2/metrics/{selector}} answers the descriptor of a known metric; for a transformed selector,
 *       with default aggregation {@code value} and the recorded {@code dimensionCardinalities} warning.</li>
 *   <li>{@code /api/v2/slo/{id}} needs {@code from} and {@code to} with {@code timeFrame=GTF}; unknown ids give
 *       404.</li>
 *   <li>Faults queued with {@link #failNext(Fault, int)}: 429 with the envelope and no headers, 429 with
 *       {@code Retry-After: 1}, 500, 502 with an HTML page, slow answers, dropped connections.</li>
 * </ul>
 *
 * <p>The 404 and 406 message texts are this fake's own; Dynatrace does not document them. Thread-safe.
 */
public final class FakeDynatrace implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern MILLIS = Pattern.compile("\\d{1,15}");
    private static final Pattern RELATIVE = Pattern.compile("now(-\\d+[smhdwMqy])*(/[smhdwMqy])?");
    private static final Pattern RESOLUTION = Pattern.compile("Inf|\\d+[mhdwMqy]");
    private static final Map<String, String> SCOPE_NAMES = Map.of(
            "metrics.read", "Read metrics", "slo.read", "Read SLO", "problems.read", "Read problems",
            "securityProblems.read", "Read security problems", "DTAQLAccess", "User sessions");

    /** A fault answered instead of the next request's normal answer. */
    public enum Fault {
        /** 429 with the error envelope and no rate-limit headers (Dynatrace since API 1.210). */
        TOO_MANY_REQUESTS,
        /** 429 with {@code Retry-After: 1}. */
        TOO_MANY_REQUESTS_RETRY_AFTER,
        /** 500 with the error envelope. */
        SERVER_ERROR,
        /** 502 with an HTML page, as a proxy in front of Dynatrace answers. */
        BAD_GATEWAY_HTML,
        /** The normal answer, after {@link #slowDelay(Duration)}. */
        SLOW,
        /** The connection is closed without an answer. */
        DROP_CONNECTION
    }

    /**
     * One request as the fake received it.
     *
     * @param method the HTTP method
     * @param path the decoded path, without the environment prefix
     * @param params the decoded query parameters, in request order
     * @param authorization the {@code Authorization} header, or {@code null}
     * @param accept the {@code Accept} header, or {@code null}
     */
    public record Request(String method, String path, Map<String, String> params, @Nullable String authorization,
            @Nullable String accept) {
    }

    /**
     * A scripted answer.
     *
     * @param status the HTTP status
     * @param body the body
     * @param headers extra headers
     */
    public record Reply(int status, String body, Map<String, String> headers) {
        /**
         * A 200 JSON answer.
         *
         * @param body the body
         * @return the reply
         */
        public static Reply json(String body) {
            return new Reply(200, body, Map.of());
        }
    }

    private record Metric(String key, String unit, boolean resolutionInfSupported, String defaultAggregation) {
    }

    private record Script(String path, Predicate<Request> when, Reply reply) {
    }

    private final String token;
    private final String basePath;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Metric> metrics = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<Script> scripts = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final Set<String> missingScopes = Collections.synchronizedSet(new HashSet<>());
    private volatile Duration slowDelay = Duration.ofSeconds(2);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    private FakeDynatrace(String token, String basePath) throws IOException {
        this.token = token;
        this.basePath = basePath;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-dynatrace");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Starts a fake SaaS environment ({@code https://{env-id}.live.dynatrace.com}, here plain HTTP on loopback).
     *
     * @param token the only token it accepts
     * @return the running fake
     * @throws IOException if the server cannot start
     */
    public static FakeDynatrace start(String token) throws IOException {
        return new FakeDynatrace(token, "");
    }

    /**
     * Starts a fake Managed or ActiveGate environment, whose APIs sit below {@code /e/{env-id}}.
     *
     * @param token the only token it accepts
     * @param environmentId the environment id
     * @return the running fake
     * @throws IOException if the server cannot start
     */
    public static FakeDynatrace startManaged(String token, String environmentId) throws IOException {
        return new FakeDynatrace(token, "/e/" + environmentId);
    }

    /**
     * The environment's address, as the {@code url} setting takes it.
     *
     * @return {@code http://127.0.0.1:<port>} plus {@code /e/<env-id>} for a Managed environment
     */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + basePath;
    }

    /**
     * Makes a metric known.
     *
     * @param key the metric key, such as {@code builtin:service.response.time}
     * @param unit its unit, such as {@code MicroSecond}
     * @param resolutionInfSupported whether {@code resolution=Inf} is supported
     * @param defaultAggregation its default aggregation, such as {@code avg}
     * @return this fake
     */
    public FakeDynatrace metric(String key, String unit, boolean resolutionInfSupported, String defaultAggregation) {
        metrics.put(key, new Metric(key, unit, resolutionInfSupported, defaultAggregation));
        return this;
    }

    /**
     * Scripts the answer to metrics queries with this decoded selector and resolution.
     *
     * @param metricSelector the decoded {@code metricSelector}
     * @param resolution the decoded {@code resolution}, or {@code null} for none
     * @param reply the answer
     * @return this fake
     */
    public FakeDynatrace onMetricsQuery(String metricSelector, @Nullable String resolution, Reply reply) {
        return onMetricsQuery(r -> metricSelector.equals(r.params().get("metricSelector"))
                && Objects.equals(resolution, r.params().get("resolution")), reply);
    }

    /**
     * Scripts the answer to metrics queries that match; the first matching script answers.
     *
     * @param when which requests, by their decoded parameters
     * @param reply the answer
     * @return this fake
     */
    public FakeDynatrace onMetricsQuery(Predicate<Request> when, Reply reply) {
        scripts.add(new Script("/api/v2/metrics/query", when, reply));
        return this;
    }

    /**
     * Scripts an SLO.
     *
     * @param id the SLO id
     * @param body its JSON body
     * @return this fake
     */
    public FakeDynatrace slo(String id, String body) {
        scripts.add(new Script("/api/v2/slo/" + id, r -> true, Reply.json(body)));
        return this;
    }

    /**
     * Scripts the problem count for a decoded problem selector.
     *
     * @param problemSelector the decoded {@code problemSelector}
     * @param count the number of problems
     * @return this fake
     */
    public FakeDynatrace problems(String problemSelector, long count) {
        scripts.add(new Script("/api/v2/problems", r -> problemSelector.equals(r.params().get("problemSelector")),
                Reply.json(Bodies.count("problems", count))));
        return this;
    }

    /**
     * Scripts the security problem count for a decoded selector.
     *
     * @param securityProblemSelector the decoded {@code securityProblemSelector}
     * @param count the number of security problems
     * @return this fake
     */
    public FakeDynatrace securityProblems(String securityProblemSelector, long count) {
        scripts.add(new Script("/api/v2/securityProblems",
                r -> securityProblemSelector.equals(r.params().get("securityProblemSelector")),
                Reply.json(Bodies.count("securityProblems", count))));
        return this;
    }

    /**
     * Scripts the table of a decoded USQL query.
     *
     * @param query the decoded {@code query}
     * @param body the JSON table
     * @return this fake
     */
    public FakeDynatrace usql(String query, String body) {
        scripts.add(new Script("/api/v1/userSessionQueryLanguage/table", r -> query.equals(r.params().get("query")),
                Reply.json(body)));
        return this;
    }

    /**
     * Queues a fault for the next requests, after the token check.
     *
     * @param fault the fault
     * @param times for how many requests
     * @return this fake
     */
    public FakeDynatrace failNext(Fault fault, int times) {
        for (int i = 0; i < times; i++) {
            faults.add(fault);
        }
        return this;
    }

    /**
     * How long a {@link Fault#SLOW} answer takes; default 2 s.
     *
     * @param delay the delay
     * @return this fake
     */
    public FakeDynatrace slowDelay(Duration delay) {
        this.slowDelay = delay;
        return this;
    }

    /**
     * Takes a scope away from the token: requests to APIs that need it answer 403.
     *
     * @param scope such as {@code metrics.read}
     * @return this fake
     */
    public FakeDynatrace withoutScope(String scope) {
        missingScopes.add(scope);
        return this;
    }

    /**
     * Every request received so far, in order of arrival.
     *
     * @return the requests
     */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /**
     * The most requests that were being answered at the same time so far.
     *
     * @return the highest number of concurrent requests
     */
    public int maxConcurrentRequests() {
        return maxInFlight.get();
    }

    /** Stops the server at once. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try (exchange) {
            respond(exchange);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void respond(HttpExchange exchange) throws IOException {
        String fullPath = exchange.getRequestURI().getPath();
        Map<String, String> params = decode(exchange.getRequestURI().getRawQuery());
        Request request = new Request(exchange.getRequestMethod(),
                fullPath.startsWith(basePath) ? fullPath.substring(basePath.length()) : fullPath, params,
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Accept"));
        requests.add(request);
        if (!fullPath.startsWith(basePath + "/api/")) {
            send(exchange, 404, Bodies.error(404, "Not found: " + fullPath), Map.of());
            return;
        }
        if (!("Api-Token " + token).equals(request.authorization())) {
            send(exchange, 401, Bodies.error(401, "Token Authentication failed"), Map.of());
            return;
        }
        String scope = scopeOf(request.path());
        if (scope != null && missingScopes.contains(scope)) {
            send(exchange, 403, Bodies.error(403, "Token is missing required scope. Use one of: " + scope + " ("
                    + SCOPE_NAMES.get(scope) + ")"), Map.of());
            return;
        }
        if (!acceptable(request.accept())) {
            send(exchange, 406, Bodies.error(406, "Not acceptable: " + request.accept()), Map.of());
            return;
        }
        Fault fault = faults.poll();
        if (fault != null && fault(exchange, fault)) {
            return;
        }
        Reply reply = answer(request);
        send(exchange, reply.status(), reply.body(), reply.headers());
    }

    /** Answers a fault; {@code false} if the normal answer follows (after a delay). */
    private boolean fault(HttpExchange exchange, Fault fault) throws IOException {
        switch (fault) {
            case TOO_MANY_REQUESTS:
                send(exchange, 429, Bodies.error(429, "Too many requests."), Map.of());
                return true;
            case TOO_MANY_REQUESTS_RETRY_AFTER:
                send(exchange, 429, Bodies.error(429, "Too many requests."), Map.of("Retry-After", "1"));
                return true;
            case SERVER_ERROR:
                send(exchange, 500, Bodies.error(500, "Internal Server Error"), Map.of());
                return true;
            case BAD_GATEWAY_HTML:
                byte[] html = "<html><body><h1>502 Bad Gateway</h1></body></html>".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html");
                exchange.sendResponseHeaders(502, html.length);
                exchange.getResponseBody().write(html);
                return true;
            case SLOW:
                try {
                    TimeUnit.NANOSECONDS.sleep(slowDelay.toNanos());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return true;
                }
                return false;
            default:
                return true;
        }
    }

    private Reply answer(Request request) {
        String path = request.path();
        if (!request.method().equals("GET")) {
            return new Reply(405, Bodies.error(405, "Method not allowed"), Map.of());
        }
        if (path.equals("/api/v2/metrics/query")) {
            return metricsQuery(request);
        }
        if (path.startsWith("/api/v2/metrics/")) {
            return descriptor(path.substring("/api/v2/metrics/".length()));
        }
        if (path.startsWith("/api/v2/slo/")) {
            return slo(request, path.substring("/api/v2/slo/".length()));
        }
        if (path.equals("/api/v2/problems") || path.equals("/api/v2/securityProblems")) {
            Reply invalid = checkWindow(request, "from", "to", false);
            if (invalid != null) {
                return invalid;
            }
            return scripted(request).orElse(Reply.json(Bodies.count(
                    path.endsWith("problems") ? "problems" : "securityProblems", 0)));
        }
        if (path.equals("/api/v1/userSessionQueryLanguage/table")) {
            if (request.params().get("query") == null || request.params().get("query").isBlank()) {
                return new Reply(400, Bodies.constraintsViolated("QUERY", "query", "must not be null"), Map.of());
            }
            Reply invalid = checkWindow(request, "startTimestamp", "endTimestamp", false);
            if (invalid != null) {
                return invalid;
            }
            return scripted(request).orElse(Reply.json(
                    "{\"extrapolationLevel\":1,\"columnNames\":[],\"values\":[]}"));
        }
        return new Reply(404, Bodies.error(404, "Not found: " + path), Map.of());
    }

    private Reply metricsQuery(Request request) {
        Map<String, String> p = request.params();
        String selector = p.get("metricSelector");
        if ((selector == null || selector.isBlank()) && p.get("nextPageKey") == null) {
            return new Reply(400, Bodies.constraintsViolated("QUERY", "nextPageKey",
                    "expected one of nextPageKey or metricSelector to be specified"), Map.of());
        }
        Reply invalid = checkWindow(request, "from", "to", false);
        if (invalid != null) {
            return invalid;
        }
        String resolution = p.get("resolution");
        if (resolution != null && !RESOLUTION.matcher(resolution).matches()) {
            return new Reply(400, Bodies.constraintsViolated("QUERY", "resolution",
                    "The resolution '" + resolution + "' is invalid"), Map.of());
        }
        String entitySelector = p.get("entitySelector");
        if (entitySelector != null && !entitySelector.contains("type(") && !entitySelector.contains("entityId(")) {
            return new Reply(400, Bodies.constraintsViolated("QUERY", "entitySelector",
                    "The entity selector must contain a type(...) or entityId(...) predicate"), Map.of());
        }
        String mz = p.get("mzSelector");
        if (mz != null && !mz.startsWith("mzId(") && !mz.startsWith("mzName(")) {
            return new Reply(400, Bodies.constraintsViolated("QUERY", "mzSelector",
                    "The management zone selector must be mzId(...) or mzName(...)"), Map.of());
        }
        Metric metric = metricOf(Objects.requireNonNull(selector));
        if (metric == null) {
            return new Reply(404, Bodies.error(404, "The metric selector references an unknown metric: " + selector),
                    Map.of());
        }
        return scripted(request).orElse(Reply.json(Bodies.metricData(selector,
                resolution == null ? "1m" : resolution, List.of())));
    }

    private Reply descriptor(String selector) {
        Metric metric = metricOf(selector);
        if (metric == null) {
            return new Reply(404, Bodies.error(404, "The metric selector references an unknown metric: " + selector),
                    Map.of());
        }
        boolean transformed = !selector.equals(metric.key());
        ObjectNode root = JSON.createObjectNode();
        root.put("metricId", selector);
        root.put("displayName", metric.key());
        root.put("unit", metric.unit());
        ArrayNode aggregations = root.putArray("aggregationTypes");
        if (transformed) {
            aggregations.add("auto").add("value");
        } else {
            aggregations.add("auto").add("avg").add("count").add("max").add("min").add("percentile").add("sum");
        }
        ArrayNode transformations = root.putArray("transformations");
        for (String t : List.of("filter", "fold", "limit", "merge", "names", "parents", "timeshift", "sort", "last",
                "splitBy", "lastReal", "setUnit", "toUnit")) {
            transformations.add(t);
        }
        root.putObject("defaultAggregation").put("type", transformed ? "value" : metric.defaultAggregation());
        root.putArray("dimensionDefinitions");
        root.putArray("entityType").add("SERVICE");
        root.put("resolutionInfSupported", metric.resolutionInfSupported());
        root.put("scalar", false);
        if (transformed) {
            root.putArray("warnings").add("The field dimensionCardinalities is only supported for untransformed single"
                    + " metric keys and was ignored.");
        }
        return Reply.json(JSON.writeValueAsString(root));
    }

    private Reply slo(Request request, String id) {
        String timeFrame = request.params().getOrDefault("timeFrame", "CURRENT");
        if (!timeFrame.equals("GTF") && !timeFrame.equals("CURRENT")) {
            return new Reply(400, Bodies.constraintsViolated("QUERY", "timeFrame",
                    "must be one of CURRENT, GTF"), Map.of());
        }
        Reply invalid = checkWindow(request, "from", "to", timeFrame.equals("GTF"));
        if (invalid != null) {
            return invalid;
        }
        return scripted(request).orElse(new Reply(404, Bodies.error(404, "SLO " + id + " not found"), Map.of()));
    }

    private Optional<Reply> scripted(Request request) {
        for (Script s : scripts) {
            if (s.path().equals(request.path()) && s.when().test(request)) {
                return Optional.of(s.reply());
            }
        }
        return Optional.empty();
    }

    private static @Nullable Reply checkWindow(Request request, String from, String to, boolean required) {
        List<String> violations = new ArrayList<>();
        for (String key : List.of(from, to)) {
            String value = request.params().get(key);
            if (value == null) {
                if (required) {
                    violations.add(key);
                    violations.add("must not be null when timeFrame is GTF");
                }
            } else if (!isTime(value)) {
                violations.add(key);
                violations.add("The timestamp '" + value + "' is invalid");
            }
        }
        return violations.isEmpty() ? null : new Reply(400, Bodies.constraintsViolated("QUERY",
                violations.toArray(new String[0])), Map.of());
    }

    private static boolean isTime(String value) {
        if (MILLIS.matcher(value).matches() || RELATIVE.matcher(value).matches()) {
            return true;
        }
        String iso = value.replace(' ', 'T');
        try {
            OffsetDateTime.parse(iso);
            return true;
        } catch (DateTimeParseException e) {
            try {
                LocalDateTime.parse(iso);
                return true;
            } catch (DateTimeParseException e2) {
                return false;
            }
        }
    }

    private @Nullable Metric metricOf(String selector) {
        String s = selector.strip();
        while (s.startsWith("(")) {
            s = s.substring(1);
        }
        Metric best = null;
        synchronized (metrics) {
            for (Metric m : metrics.values()) {
                if (s.startsWith(m.key()) && (s.length() == m.key().length()
                        || ":),".indexOf(s.charAt(m.key().length())) >= 0)
                        && (best == null || m.key().length() > best.key().length())) {
                    best = m;
                }
            }
        }
        return best;
    }

    private static @Nullable String scopeOf(String path) {
        if (path.startsWith("/api/v2/metrics")) {
            return "metrics.read";
        }
        if (path.startsWith("/api/v2/slo")) {
            return "slo.read";
        }
        if (path.startsWith("/api/v2/problems")) {
            return "problems.read";
        }
        if (path.startsWith("/api/v2/securityProblems")) {
            return "securityProblems.read";
        }
        if (path.startsWith("/api/v1/userSessionQueryLanguage")) {
            return "DTAQLAccess";
        }
        return null;
    }

    private static boolean acceptable(@Nullable String accept) {
        if (accept == null) {
            return true;
        }
        for (String part : accept.split(",")) {
            String type = part.split(";")[0].strip();
            if (type.equals("application/json") || type.equals("text/csv") || type.equals("*/*")
                    || type.equals("application/*")) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> decode(@Nullable String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(key, value);
        }
        return params;
    }

    private static void send(HttpExchange exchange, int status, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
