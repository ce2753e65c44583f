package dev.qualitygate.prometheus;

import static dev.qualitygate.prometheus.FakePrometheus.Reply.error;
import static dev.qualitygate.prometheus.FakePrometheus.Reply.json;
import static dev.qualitygate.prometheus.FakePrometheus.Reply.text;
import static dev.qualitygate.prometheus.FakePrometheus.Reply.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.model.IndicatorValue;
import dev.qualitygate.model.TimeWindow;
import dev.qualitygate.prometheus.FakePrometheus.Mode;
import dev.qualitygate.prometheus.FakePrometheus.Reply;
import dev.qualitygate.prometheus.FakePrometheus.Request;
import dev.qualitygate.spi.IndicatorQuery;
import dev.qualitygate.spi.MetricSource;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import dev.qualitygate.spi.SecretResolver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Faults a real Prometheus does not produce on demand, against {@link FakePrometheus}: each ends as a failed value with
 * the right reason, within the configured time, retried only where a retry may help.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PrometheusFaultsTest {
    private static final Instant END = Instant.parse("2026-01-01T00:05:00.250Z");
    private static final TimeWindow WINDOW = TimeWindow.ending(END, Duration.ofMinutes(5));
    private static final IndicatorQuery UP = IndicatorQuery.of("availability", "up", WINDOW,
            EvaluationContext.of("shop", "staging", "carts"), Map.of());

    private FakePrometheus fake;
    private MetricSource source;

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    /** A source for the fake with quick retries, and the given settings on top. */
    private MetricSource source(URI url, Object... settings) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("url", url.toString());
        s.put("retryBackoff", "10ms");
        for (int i = 0; i < settings.length; i += 2) {
            s.put((String) settings[i], settings[i + 1]);
        }
        source = new PrometheusMetricSourceProvider().create(ProviderConfig.of("test", s,
                SecretResolver.of(Map.of("PROM_TOKEN", "s3cr3t-token", "PROM_PASSWORD", "pa55word"))),
                ProviderContext.defaults());
        return source;
    }

    private IndicatorValue fetchFrom(Reply... replies) throws IOException {
        fake = FakePrometheus.replying(replies);
        return source(fake.url()).fetch(UP);
    }

    private static String reason(IndicatorValue value) {
        assertThat(value).isInstanceOf(IndicatorValue.Failed.class);
        return ((IndicatorValue.Failed) value).reason();
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    // ---- the request ------------------------------------------------------------------------------------------

    @Test
    void fetch_postsAnInstantQueryAtTheEndOfTheWindowUnderTheUrlPath() throws IOException {
        fake = FakePrometheus.replying(value("0.5"));

        IndicatorValue v = source(fake.url().resolve("/prom"), "timeout", "2500ms").fetch(IndicatorQuery.of("rt",
                "histogram_quantile(0.95, sum by (le) (rate(x_bucket{service=\"$SERVICE\"}[$DURATION_SECONDS])))",
                WINDOW, EvaluationContext.of("shop", "staging", "carts"), Map.of()));

        assertThat(v).isEqualTo(IndicatorValue.of(0.5));
        Request request = fake.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/prom/api/v1/query");
        assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(request.header("Accept")).isEqualTo("application/json");
        assertThat(request.header("Authorization")).isEmpty();
        assertThat(request.form()).containsExactly(
                Map.entry("query", "histogram_quantile(0.95, sum by (le) (rate(x_bucket{service=\"carts\"}[300s])))"),
                Map.entry("time", "1767225900.25"),
                Map.entry("timeout", "2500ms"));
    }

    @Test
    void fetch_token_isSentAsBearerAuthorization() throws IOException {
        fake = FakePrometheus.replying(value("1"));

        source(fake.url(), "token", "${env:PROM_TOKEN}").fetch(UP);

        assertThat(fake.requests().get(0).header("Authorization")).isEqualTo("Bearer s3cr3t-token");
    }

    @Test
    void fetch_usernameAndPassword_areSentAsBasicAuthorization() throws IOException {
        fake = FakePrometheus.replying(value("1"));

        source(fake.url(), "username", "gate", "password", "${env:PROM_PASSWORD}").fetch(UP);

        assertThat(fake.requests().get(0).header("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("gate:pa55word".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void fetch_warningsAndUnknownFields_stillGiveTheValue() throws IOException {
        IndicatorValue v = fetchFrom(json(200, "{\"status\":\"success\",\"warnings\":[\"careful\"],"
                + "\"infos\":[\"PromQL info: metric might not be a counter\"],\"data\":{\"resultType\":\"scalar\","
                + "\"result\":[1767225600,\"42\"],\"extra\":1}}"));

        assertThat(v).isEqualTo(IndicatorValue.of(42));
    }

    // ---- retries ----------------------------------------------------------------------------------------------

    @Test
    void fetch_500ThenAnswer_retriesAndReturnsTheValue() throws IOException {
        IndicatorValue v = fetchFrom(error(500, "internal", "boom"), value("7"));

        assertThat(v).isEqualTo(IndicatorValue.of(7));
        assertThat(fake.requests()).hasSize(2);
    }

    @Test
    void fetch_500Always_failsWithPrometheusTextAfterEveryRetry() throws IOException {
        String reason = reason(fetchFrom(error(500, "internal", "boom")));

        assertThat(reason).matches("SLI 'availability': Prometheus answered HTTP 500 \\(internal\\): boom"
                + " \\(after 3 attempts in \\d+ m?s\\); query: up");
        assertThat(fake.requests()).hasSize(3);
    }

    @Test
    void fetch_503Timeout_isRetriedAndReportedWithItsErrorType() throws IOException {
        String reason = reason(fetchFrom(error(503, "timeout", "query timed out in expression evaluation")));

        assertThat(reason).startsWith("SLI 'availability': Prometheus answered HTTP 503 (timeout): query timed out"
                + " in expression evaluation (after 3 attempts");
        assertThat(fake.requests()).hasSize(3);
    }

    @Test
    void fetch_proxyHtml502_isRetriedAndQuotedFromItsBody() throws IOException {
        String reason = reason(fetchFrom(new Reply(502, "text/html", Map.of(),
                "<html>\n<body>Bad   Gateway</body>\n</html>\n", Duration.ZERO, Mode.NORMAL)));

        assertThat(reason).startsWith("SLI 'availability': Prometheus answered HTTP 502: <html> <body>Bad Gateway"
                + "</body> </html> (after 3 attempts");
    }

    @Test
    void fetch_429WithRetryAfter_waitsAsAskedThenReturnsTheValue() throws IOException {
        long start = System.nanoTime();

        IndicatorValue v = fetchFrom(error(429, "unavailable", "too many requests").header("Retry-After", "1"),
                value("3"));

        assertThat(v).isEqualTo(IndicatorValue.of(3));
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(1000);
        assertThat(fake.requests()).hasSize(2);
    }

    @Test
    void fetch_retryAfterBeyondTheTotalTimeout_givesUpAtOnce() throws IOException {
        fake = FakePrometheus.replying(error(429, "unavailable", "slow down").header("Retry-After", "60"));
        long start = System.nanoTime();

        String reason = reason(source(fake.url(), "totalTimeout", "2s").fetch(UP));

        assertThat(millisSince(start)).isLessThan(1500);
        assertThat(reason).startsWith("SLI 'availability': Prometheus answered HTTP 429 (unavailable): slow down"
                + " (after 1 attempt in ").contains("; no time left for another try within the total timeout of 2 s)");
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void fetch_totalTimeout_boundsTheRetries() throws IOException {
        fake = FakePrometheus.replying(error(500, "internal", "down"));
        long start = System.nanoTime();

        String reason = reason(source(fake.url(), "retries", 10, "retryBackoff", "200ms", "totalTimeout", "1s")
                .fetch(UP));

        assertThat(millisSince(start)).isLessThan(1500);
        assertThat(fake.requests()).hasSizeBetween(2, 5);
        assertThat(reason).contains("no time left for another try within the total timeout of 1 s");
    }

    @ParameterizedTest(name = "HTTP {0}")
    @CsvSource({"400, bad_data", "422, execution"})
    void fetch_clientError_isNotRetried(int status, String errorType) throws IOException {
        String reason = reason(fetchFrom(error(status, errorType, "no")));

        assertThat(reason).isEqualTo("SLI 'availability': Prometheus answered HTTP " + status + " (" + errorType
                + "): no; query: up");
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void fetch_notFoundAsText_failsWithTheBody() throws IOException {
        assertThat(reason(fetchFrom(text(404, "404 page not found\n"))))
                .isEqualTo("SLI 'availability': Prometheus answered HTTP 404: 404 page not found; query: up");
    }

    @Test
    void fetch_redirect_isNotFollowed() throws IOException {
        assertThat(reason(fetchFrom(text(302, "").header("Location", "http://127.0.0.1:1/login"))))
                .isEqualTo("SLI 'availability': Prometheus answered HTTP 302: (empty body); query: up");
    }

    // ---- timeouts and broken connections ----------------------------------------------------------------------

    @Test
    void fetch_slowServer_failsAfterTheTimeoutWithoutRetrying() throws IOException {
        fake = FakePrometheus.replying(value("1").after(Duration.ofSeconds(5)));
        long start = System.nanoTime();

        String reason = reason(source(fake.url(), "timeout", "300ms").fetch(UP));

        assertThat(millisSince(start)).isBetween(250L, 2000L);
        assertThat(reason).isEqualTo("SLI 'availability': no answer from Prometheus at " + fake.url()
                + " within 300 ms; query: up");
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void fetch_bodyStallsHalfway_failsAfterTheTimeout() throws IOException {
        fake = FakePrometheus.replying(value("1").mode(Mode.STALL).after(Duration.ofSeconds(5)));
        long start = System.nanoTime();

        String reason = reason(source(fake.url(), "timeout", "300ms").fetch(UP));

        assertThat(millisSince(start)).isBetween(250L, 2000L);
        assertThat(reason).isEqualTo("SLI 'availability': no answer from Prometheus at " + fake.url()
                + " within 300 ms; query: up");
    }

    @Test
    void fetch_bodyCutOff_isRetriedAsABrokenConnection() throws IOException {
        String reason = reason(fetchFrom(value("1").mode(Mode.CUT_OFF)));

        assertThat(reason).startsWith("SLI 'availability': the connection to Prometheus at " + fake.url()
                + " failed: ").contains("(after 3 attempts in ");
        assertThat(fake.requests()).hasSize(3);
    }

    @Test
    void fetch_bodyCutOffOnce_getsTheValueOnRetry() throws IOException {
        assertThat(fetchFrom(value("1").mode(Mode.CUT_OFF), value("2"))).isEqualTo(IndicatorValue.of(2));
    }

    @Test
    void fetch_nothingListens_failsAfterRetriesWithinTheTotalTimeout() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + port + "/");
        long start = System.nanoTime();

        String reason = reason(source(url, "totalTimeout", "5s").fetch(UP));

        assertThat(millisSince(start)).isLessThan(5000);
        assertThat(reason).startsWith("SLI 'availability': the connection to Prometheus at " + url + " failed: ")
                .contains("ConnectException").contains("(after 3 attempts in ").endsWith("; query: up");
    }

    @Test
    void fetch_interrupted_returnsAFailureAtOnce() throws Exception {
        fake = FakePrometheus.replying(value("1").after(Duration.ofSeconds(20)));
        MetricSource s = source(fake.url(), "timeout", "30s", "totalTimeout", "30s");
        Thread[] worker = new Thread[1];
        CompletableFuture<IndicatorValue> result = new CompletableFuture<>();
        worker[0] = new Thread(() -> result.complete(s.fetch(UP)));
        worker[0].start();
        while (fake.requests().isEmpty()) {
            Thread.sleep(10);
        }
        long start = System.nanoTime();

        worker[0].interrupt();

        IndicatorValue v = result.get(5, TimeUnit.SECONDS);
        assertThat(millisSince(start)).isLessThan(2000);
        assertThat(reason(v)).isEqualTo("SLI 'availability': interrupted while waiting for Prometheus at "
                + fake.url() + "; query: up");
    }

    // ---- answers that are not one value -----------------------------------------------------------------------

    @Test
    void fetch_truncatedJson_failsAsMalformedWithoutRetry() throws IOException {
        String reason = reason(fetchFrom(json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\","
                + "\"result\":[")));

        assertThat(reason).startsWith("SLI 'availability': malformed answer from Prometheus (HTTP 200): Unexpected"
                + " end-of-input").endsWith("; query: up");
        assertThat(fake.requests()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},"
                + "\"value\":[1,\"abc\"]}]}} | the value \"abc\" is not a number",
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},"
                + "\"value\":[1,2]}]}} | a value must be [time, \"number\"], was [1,2]",
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{}}]}}"
                + " | a sample without a value",
        "{\"status\":\"success\",\"data\":{\"resultType\":\"histogram\",\"result\":[]}}"
                + " | unknown resultType \"histogram\"",
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\"}} | no result in data",
        "{\"status\":\"success\"} | no status \"success\" with data, but: {\"status\":\"success\"}",
        "null | null",
        "`[1,2]` | Cannot deserialize"})
    void fetch_unexpectedShape_failsAsMalformed(String body, String problem) throws IOException {
        assertThat(reason(fetchFrom(json(200, body))))
                .startsWith("SLI 'availability': malformed answer from Prometheus (HTTP 200): " + problem);
    }

    @Test
    void fetch_afterClose_failsWithoutAsking() throws IOException {
        fake = FakePrometheus.replying(value("1"));
        MetricSource s = source(fake.url());
        s.close();

        assertThat(reason(s.fetch(UP))).isEqualTo("SLI 'availability': the Prometheus metric source for "
                + fake.url() + " is closed; query: up");
        assertThat(fake.requests()).isEmpty();
    }
}
