package dev.qualitygate.prometheus.internal;

import dev.qualitygate.prometheus.PrometheusConfig;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends instant queries to one Prometheus server, on the JDK's HTTP client, with a time limit per request, retries
 * with backoff for HTTP 5xx, HTTP 429 and connection failures, and a total time limit per query. Thread-safe.
 * Internal; not API.
 */
public final class PrometheusClient {
    private static final Logger log = LoggerFactory.getLogger(PrometheusClient.class);
    private static final String USER_AGENT = "qualitygate-prometheus";

    /** What a query came to: an HTTP answer, or no answer at all. */
    public sealed interface Exchange permits Answer, NoAnswer {
    }

    /**
     * An HTTP answer: the last one, if earlier tries were retried.
     *
     * @param status the HTTP status
     * @param body the body as text
     * @param retries what happened before, such as {@code " (after 3 attempts)"}; empty after one attempt
     */
    public record Answer(int status, String body, String retries) implements Exchange {
    }

    /**
     * No HTTP answer: a timeout or a connection failure.
     *
     * @param reason what happened, naming the server and the time limit or the error
     */
    public record NoAnswer(String reason) implements Exchange {
    }

    /** The outcome of one attempt, and whether another attempt may help. */
    private record Attempt(Exchange exchange, boolean retryable, long retryAfterNanos) {
    }

    private final HttpClient http;
    private final URI server;
    private final URI endpoint;
    private final @Nullable String authorization;
    private final Duration timeout;
    private final int retries;
    private final Duration retryBackoff;
    private final Duration totalTimeout;

    /**
     * Creates a client; opens no connection yet.
     *
     * @param config the settings
     */
    public PrometheusClient(PrometheusConfig config) {
        this.server = config.url();
        String base = server.toString();
        this.endpoint = URI.create(base.endsWith("/") ? base : base + "/").resolve("api/v1/query");
        this.authorization = authorization(config);
        this.timeout = config.timeout();
        this.retries = config.retries();
        this.retryBackoff = config.retryBackoff();
        this.totalTimeout = config.totalTimeout();
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private static @Nullable String authorization(PrometheusConfig config) {
        if (config.token() != null) {
            return "Bearer " + config.token().reveal();
        }
        if (config.username() != null && config.password() != null) {
            String pair = config.username() + ":" + config.password().reveal();
            return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }

    /**
     * The server's base URL, as configured.
     *
     * @return the URL
     */
    public URI server() {
        return server;
    }

    /**
     * Runs an instant query, retrying as configured, within the total time limit.
     *
     * @param promql the query
     * @param time the evaluation time
     * @return the last HTTP answer, or why there was none
     * @throws InterruptedException if interrupted while waiting; the request in flight is cancelled
     */
    public Exchange instantQuery(String promql, Instant time) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + totalTimeout.toNanos();
        String form = "query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&time=" + unixSeconds(time);
        for (int attempt = 1; ; attempt++) {
            long left = deadline - System.nanoTime();
            Duration limit = Duration.ofNanos(Math.min(timeout.toNanos(), left));
            Attempt a = send(form, limit);
            if (!a.retryable() || attempt > retries) {
                return withRetries(a.exchange(), attempt, "", start);
            }
            long delay = Math.max(backoffNanos(attempt), a.retryAfterNanos());
            if (System.nanoTime() + delay >= deadline) {
                return withRetries(a.exchange(), attempt, "; no time left for another try within the total timeout"
                        + " of " + millis(totalTimeout), start);
            }
            log.debug("Retrying the query at {} in {} ms: {}", server, TimeUnit.NANOSECONDS.toMillis(delay),
                    a.exchange());
            TimeUnit.NANOSECONDS.sleep(delay);
        }
    }

    private Attempt send(String form, Duration limit) throws InterruptedException {
        if (limit.isZero() || limit.isNegative()) {
            return new Attempt(new NoAnswer("no answer from Prometheus at " + server + " within the total timeout of "
                    + millis(totalTimeout)), false, 0);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(limit)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofString(form + "&timeout=" + Math.max(1, limit.toMillis()) + "ms"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        CompletableFuture<HttpResponse<String>> pending = http.sendAsync(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = pending.get(limit.toNanos(), TimeUnit.NANOSECONDS);
            int status = response.statusCode();
            boolean retryable = status == 429 || status >= 500;
            long retryAfter = retryable ? retryAfterNanos(response.headers().firstValue("Retry-After")) : 0;
            return new Attempt(new Answer(status, response.body(), ""), retryable, retryAfter);
        } catch (TimeoutException e) {
            pending.cancel(true);
            return noAnswerWithin(limit);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpConnectTimeoutException) {
                return new Attempt(new NoAnswer("cannot connect to Prometheus at " + server + " within "
                        + millis(limit)), true, 0);
            }
            if (cause instanceof HttpTimeoutException) {
                return noAnswerWithin(limit);
            }
            if (cause instanceof IOException) {
                return new Attempt(new NoAnswer("the connection to Prometheus at " + server + " failed: "
                        + describe(cause)), true, 0);
            }
            return new Attempt(new NoAnswer("the request to Prometheus at " + server + " failed: "
                    + describe(cause)), false, 0);
        } catch (InterruptedException e) {
            pending.cancel(true);
            throw e;
        }
    }

    private Attempt noAnswerWithin(Duration limit) {
        return new Attempt(new NoAnswer("no answer from Prometheus at " + server + " within " + millis(limit)),
                false, 0);
    }

    private static Exchange withRetries(Exchange exchange, int attempts, String note, long start) {
        if (attempts == 1 && note.isEmpty()) {
            return exchange;
        }
        String retried = " (after " + attempts + (attempts == 1 ? " attempt" : " attempts") + " in "
                + millis(Duration.ofNanos(System.nanoTime() - start)) + note + ")";
        if (exchange instanceof Answer a) {
            return new Answer(a.status(), a.body(), retried);
        }
        return new NoAnswer(((NoAnswer) exchange).reason() + retried);
    }

    /** The delay before retry number {@code attempt}: the backoff doubled per earlier retry, less up to half. */
    private long backoffNanos(int attempt) {
        long full = retryBackoff.toNanos() << Math.min(attempt - 1, 20);
        if (full <= 1) {
            return full;
        }
        return full / 2 + ThreadLocalRandom.current().nextLong(full / 2 + 1);
    }

    /** {@code Retry-After} in seconds; a date or anything else counts as absent. */
    private static long retryAfterNanos(Optional<String> header) {
        if (header.isEmpty() || !header.get().strip().matches("\\d{1,6}")) {
            return 0;
        }
        return TimeUnit.SECONDS.toNanos(Long.parseLong(header.get().strip()));
    }

    /** An instant as Unix seconds with up to nanosecond decimals, the form Prometheus reads. */
    static String unixSeconds(Instant time) {
        return BigDecimal.valueOf(time.getEpochSecond()).add(BigDecimal.valueOf(time.getNano(), 9))
                .stripTrailingZeros().toPlainString();
    }

    private static String millis(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 && ms > 0 ? ms / 1000 + " s" : ms + " ms";
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    /** The server URL only; never the credentials. */
    @Override
    public String toString() {
        return "PrometheusClient[" + server + "]";
    }
}
