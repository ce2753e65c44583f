package dev.qualitygate.dynatrace.internal;

import dev.qualitygate.spi.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * GET requests to one Dynatrace environment with the API token, a timeout per request, retries with exponential
 * backoff after 429, 5xx, timeouts and dropped connections (honouring {@code Retry-After}), all within the deadline
 * of the SLI. Redirects are not followed, so the token never goes to another host. Thread-safe. Internal; not API.
 */
public final class DynatraceHttp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DynatraceHttp.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(8);
    private static final int EXCERPT = 300;
    private static final int TRACE_BODY = 20_000;

    private final URI base;
    private final Secret token;
    private final Redactor redactor;
    private final Duration timeout;
    private final int retries;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ExecutorService executor;
    private final HttpClient client;

    /**
     * Creates the client.
     *
     * @param base the environment's address, without trailing slash
     * @param token the API token
     * @param timeout the longest one request may take
     * @param retries how often a failed request is repeated
     * @param clock the clock for {@code Retry-After} dates
     * @param sleeper waits between attempts
     */
    public DynatraceHttp(URI base, Secret token, Duration timeout, int retries, Clock clock, Sleeper sleeper) {
        this.base = base;
        this.token = token;
        this.redactor = new Redactor(token);
        this.timeout = timeout;
        this.retries = retries;
        this.clock = clock;
        this.sleeper = sleeper;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "qualitygate-dynatrace-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    /**
     * The redactor for the token of this client.
     *
     * @return the redactor
     */
    public Redactor redactor() {
        return redactor;
    }

    /**
     * Escapes one path segment, such as a metric selector or an SLO id, leaving only unreserved characters bare.
     *
     * @param segment the segment
     * @return the escaped segment
     */
    public static String escapePathSegment(String segment) {
        StringBuilder sb = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                sb.append(c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    /**
     * Sends a GET request and reads the JSON answer, retrying where that may help.
     *
     * @param endpoint the API, for messages and the token scope
     * @param path the path below the environment's address, already escaped
     * @param params the query parameters, unencoded; sent sorted by name, as Keptn's Go client did
     * @param type the record the answer is read into
     * @param deadline the end of the time this SLI may take
     * @param <T> the answer type
     * @return the answer
     * @throws CallFailed if there is no usable answer; the message says why, without the token
     * @throws InterruptedException if the thread is interrupted
     */
    public <T> T get(Endpoint endpoint, String path, Map<String, String> params, Class<T> type, Deadline deadline)
            throws CallFailed, InterruptedException {
        URI uri = URI.create(base + path + query(params));
        String shown = redactor.redact(path + query(params));
        int attempts = retries + 1;
        String problem = "no attempt was made";
        for (int attempt = 1; ; attempt++) {
            Duration left = deadline.remaining();
            if (left.isNegative() || left.isZero()) {
                throw new CallFailed(problem + "; the time limit of " + seconds(deadline.limit())
                        + " for the SLI is used up (" + (attempt - 1) + " attempts)");
            }
            Duration perRequest = left.compareTo(timeout) < 0 ? left : timeout;
            Duration retryAfter = null;
            long started = System.nanoTime();
            try {
                HttpResponse<String> response = send(uri, perRequest);
                int status = response.statusCode();
                log.debug("GET {} answered {} in {} ms (attempt {} of {})", shown, status,
                        (System.nanoTime() - started) / 1_000_000, attempt, attempts);
                if (log.isTraceEnabled()) {
                    log.trace("Body of GET {}: {}", shown, cut(redactor.redact(response.body()), TRACE_BODY));
                }
                if (status >= 200 && status < 300) {
                    return read(endpoint, response.body(), type);
                }
                if (status == 401 || status == 403) {
                    throw new CallFailed("Dynatrace rejected the token (HTTP " + status + errorMessage(response.body())
                            + "): token rejected or lacks scope " + endpoint.scope() + " for the " + endpoint.title());
                }
                if (status == 429 || status >= 500) {
                    problem = describe(endpoint, response);
                    retryAfter = retryAfter(response).orElse(null);
                } else if (status >= 300 && status < 400) {
                    throw new CallFailed("the " + endpoint.title() + " answered with a redirect (HTTP " + status + ") to "
                            + redactor.redact(response.headers().firstValue("Location").orElse("an unnamed place"))
                            + "; set url to the environment's address itself");
                } else {
                    throw new CallFailed(describe(endpoint, response));
                }
            } catch (HttpTimeoutException | TimeoutException e) {
                problem = "the " + endpoint.title() + " did not answer within " + perRequest.toMillis() + " ms";
                log.debug("GET {}: {} (attempt {} of {})", shown, problem, attempt, attempts);
            } catch (IOException e) {
                problem = "the request to the " + endpoint.title() + " at " + base.getHost() + " failed: "
                        + redactor.redact(describe(e));
                log.debug("GET {}: {} (attempt {} of {})", shown, problem, attempt, attempts);
            }
            if (attempt >= attempts) {
                throw new CallFailed(problem + "; gave up after " + attempts + (attempts == 1 ? " attempt" : " attempts"));
            }
            Duration pause = retryAfter != null ? retryAfter : backoff(attempt);
            if (pause.compareTo(deadline.remaining()) >= 0) {
                throw new CallFailed(problem + "; " + (retryAfter != null ? "Dynatrace asked to retry after "
                        + seconds(retryAfter) : "the next attempt in " + seconds(pause)) + ", beyond the time limit of "
                        + seconds(deadline.limit()) + " for the SLI (" + attempt + (attempt == 1 ? " attempt)"
                        : " attempts)"));
            }
            log.debug("GET {}: retrying in {} ms ({}{})", shown, pause.toMillis(), problem,
                    retryAfter != null ? ", as Retry-After asked" : "");
            sleeper.sleep(pause);
        }
    }

    private HttpResponse<String> send(URI uri, Duration perRequest)
            throws IOException, TimeoutException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(perRequest)
                .header("Authorization", "Api-Token " + token.reveal())
                .header("Accept", "application/json")
                .header("User-Agent", "QualityGate gate-dynatrace")
                .GET()
                .build();
        CompletableFuture<HttpResponse<String>> future = client.sendAsync(request,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            return future.get(perRequest.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause == null ? "unknown failure" : cause.getClass().getSimpleName(), cause);
        } catch (TimeoutException | InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }

    /** The exception and its causes, as class names with messages, since a connection error often has no message. */
    private static String describe(IOException e) {
        StringBuilder sb = new StringBuilder();
        Throwable t = e;
        for (int depth = 0; t != null && depth < 4; depth++, t = t.getCause()) {
            if (depth > 0) {
                sb.append(", caused by ");
            }
            sb.append(t.getClass().getSimpleName());
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                sb.append(": ").append(t.getMessage());
            }
        }
        return sb.toString();
    }

    private <T> T read(Endpoint endpoint, String body, Class<T> type) throws CallFailed {
        try {
            T value = Responses.JSON.readValue(body, type);
            if (value == null) {
                throw new CallFailed("the " + endpoint.title() + " answered HTTP 200 with an empty body");
            }
            return value;
        } catch (JacksonException e) {
            throw new CallFailed("the " + endpoint.title() + " answered HTTP 200 with a body that is not the expected"
                    + " JSON: " + excerpt(body));
        }
    }

    private String describe(Endpoint endpoint, HttpResponse<String> response) {
        int status = response.statusCode();
        Responses.ErrorBody error = errorBody(response.body());
        if (error == null) {
            String body = response.body().isBlank() ? "an empty body" : excerpt(response.body());
            return "the " + endpoint.title() + " answered HTTP " + status + " with " + body;
        }
        StringBuilder sb = new StringBuilder("Dynatrace API error (")
                .append(error.code() != null ? error.code() : status).append("): ")
                .append(error.message() == null ? "no message" : redactor.redact(error.message()));
        List<Responses.ConstraintViolation> violations = Responses.orEmpty(error.constraintViolations());
        if (!violations.isEmpty()) {
            StringJoiner joiner = new StringJoiner("; ", " [", "]");
            for (Responses.ConstraintViolation v : violations) {
                joiner.add((v.path() == null ? "" : redactor.redact(v.path()) + ": ")
                        + (v.message() == null ? "" : redactor.redact(v.message())));
            }
            sb.append(joiner);
        }
        return sb.toString();
    }

    private String errorMessage(String body) {
        Responses.ErrorBody error = errorBody(body);
        return error == null || error.message() == null ? "" : ": " + redactor.redact(error.message());
    }

    private static Responses.@Nullable ErrorBody errorBody(String body) {
        try {
            Responses.ErrorEnvelope envelope = Responses.JSON.readValue(body, Responses.ErrorEnvelope.class);
            return envelope == null ? null : envelope.error();
        } catch (JacksonException e) {
            return null;
        }
    }

    private Optional<Duration> retryAfter(HttpResponse<String> response) {
        Optional<String> header = response.headers().firstValue("Retry-After").map(String::strip);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get();
        if (value.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(clock.instant(), at.toInstant());
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            log.debug("Ignoring the Retry-After header '{}': neither seconds nor an HTTP date", redactor.redact(value));
            return Optional.empty();
        }
    }

    private static Duration backoff(int attempt) {
        Duration pause = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempt - 1, 10));
        return pause.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : pause;
    }

    private static String query(Map<String, String> params) {
        if (params.isEmpty()) {
            return "";
        }
        StringJoiner joiner = new StringJoiner("&", "?", "");
        new TreeMap<>(params).forEach((k, v) -> joiner.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return joiner.toString();
    }

    private String excerpt(String body) {
        return "\"" + cut(redactor.redact(body).strip().replaceAll("\\s+", " "), EXCERPT) + "\"";
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }

    private static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s",
                millis / 1000.0);
    }

    /** Stops the client's threads. Idempotent. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
