package dev.qualitygate.dynatrace;

import static dev.qualitygate.dynatrace.Fixtures.TOKEN;
import static dev.qualitygate.dynatrace.Fixtures.query;
import static dev.qualitygate.dynatrace.Fixtures.settledTime;
import static dev.qualitygate.dynatrace.Fixtures.source;
import static dev.qualitygate.dynatrace.MetricsQueryTest.reason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qualitygate.dynatrace.fake.Bodies;
import dev.qualitygate.dynatrace.fake.FakeDynatrace;
import dev.qualitygate.dynatrace.fake.FakeDynatrace.Fault;
import dev.qualitygate.dynatrace.fake.FakeDynatrace.Reply;
import dev.qualitygate.dynatrace.internal.Sleeper;
import dev.qualitygate.model.IndicatorValue;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.SecretResolver;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Token rejection, throttling, server errors, timeouts and dropped connections, against the fake. */
@Timeout(60)
class ResilienceTest {
    private static final String SELECTOR = "builtin:service.response.time:merge(0):percentile(95)";
    private static final String SLI = "metricSelector=" + SELECTOR + "&resolution=Inf";

    private FakeDynatrace dt;
    private final FakeTime time = settledTime();

    @BeforeEach
    void start() throws IOException {
        dt = FakeDynatrace.start(TOKEN)
                .metric("builtin:service.response.time", "MicroSecond", true, "avg")
                .onMetricsQuery(SELECTOR, "Inf", Reply.json(Bodies.single(SELECTOR, 1767263400000L, 250000.0)));
    }

    @AfterEach
    void stop() {
        dt.close();
    }

    private IndicatorValue fetch(Map<String, ?> settings) {
        try (DynatraceMetricSource source = source(dt, time, settings)) {
            return source.fetch(query("response_time_p95", SLI));
        }
    }

    @Test
    void fetch_wrongToken_failsSayingTokenRejectedOrLacksScope() throws IOException {
        try (FakeDynatrace other = FakeDynatrace.start("dt0c01.SOMEOTHERTOKEN").metric(
                "builtin:service.response.time", "MicroSecond", true, "avg");
                DynatraceMetricSource source = source(other, time)) {
            String reason = reason(source.fetch(query("response_time_p95", SLI)));

            assertThat(reason).contains("SLI 'response_time_p95'", "Dynatrace rejected the token (HTTP 401: Token"
                    + " Authentication failed): token rejected or lacks scope metrics.read");
            assertThat(other.requests()).hasSize(1);
        }
    }

    @Test
    void fetch_tokenWithoutScope_failsNamingTheScope() {
        dt.withoutScope("metrics.read");

        assertThat(reason(fetch(Map.of()))).contains("HTTP 403: Token is missing required scope. Use one of:"
                + " metrics.read (Read metrics)", "lacks scope metrics.read");
        assertThat(dt.requests()).hasSize(1);
    }

    @Test
    void fetch_throttledTwice_retriesWithExponentialBackoff() {
        dt.failNext(Fault.TOO_MANY_REQUESTS, 2);

        assertThat(fetch(Map.of())).isEqualTo(IndicatorValue.of(250000.0));
        assertThat(dt.requests()).hasSize(3);
        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void fetch_throttledWithRetryAfter_waitsAsAsked() {
        dt.failNext(Fault.TOO_MANY_REQUESTS_RETRY_AFTER, 1);

        assertThat(fetch(Map.of())).isEqualTo(IndicatorValue.of(250000.0));
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void fetch_retryAfterBeyondTimeLimit_failsWithoutWaiting() {
        dt.failNext(Fault.TOO_MANY_REQUESTS_RETRY_AFTER, 1);

        assertThat(reason(fetch(Map.of("totalTimeout", "800ms")))).contains("Dynatrace API error (429): Too many"
                + " requests.; Dynatrace asked to retry after 1 s, beyond the time limit of 0.8 s for the SLI");
        assertThat(time.sleeps()).isEmpty();
        assertThat(dt.requests()).hasSize(1);
    }

    @Test
    void fetch_serverErrorsBeyondRetries_failsAfterEveryAttempt() {
        dt.failNext(Fault.SERVER_ERROR, 5);

        assertThat(reason(fetch(Map.of("retries", 2))))
                .contains("Dynatrace API error (500): Internal Server Error; gave up after 3 attempts");
        assertThat(dt.requests()).hasSize(3);
        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void fetch_noRetries_failsAtFirstServerError() {
        dt.failNext(Fault.SERVER_ERROR, 1);

        assertThat(reason(fetch(Map.of("retries", 0)))).contains("gave up after 1 attempt");
        assertThat(dt.requests()).hasSize(1);
    }

    @Test
    void fetch_proxyAnswersHtml_retriesAndReportsRawBodyWhenGivingUp() {
        dt.failNext(Fault.BAD_GATEWAY_HTML, 1);
        assertThat(fetch(Map.of())).isEqualTo(IndicatorValue.of(250000.0));

        dt.failNext(Fault.BAD_GATEWAY_HTML, 4);
        assertThat(reason(fetch(Map.of()))).contains("answered HTTP 502 with \"<html><body><h1>502 Bad Gateway</h1>"
                + "</body></html>\"; gave up after 4 attempts");
    }

    @Test
    void fetch_droppedConnections_retries() {
        dt.failNext(Fault.DROP_CONNECTION, 3);

        assertThat(fetch(Map.of())).isEqualTo(IndicatorValue.of(250000.0));
        // The JDK client repeats a GET once by itself when the connection closes without an answer: two requests
        // for the first attempt, two for the second, the last of which is answered.
        assertThat(dt.requests()).hasSize(4);
        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void fetch_slowAnswer_timesOutAndRetries() {
        dt.slowDelay(Duration.ofSeconds(3)).failNext(Fault.SLOW, 1);

        assertThat(fetch(Map.of("timeout", "300ms"))).isEqualTo(IndicatorValue.of(250000.0));
        assertThat(dt.requests()).hasSize(2);
    }

    @Test
    void fetch_slowAnswers_stopAtTheTotalTimeLimitOnTheRealClock() {
        dt.slowDelay(Duration.ofSeconds(5)).failNext(Fault.SLOW, 3);
        DynatraceConfig config = ProviderConfig.of("test", Map.of("url", dt.url(), "token", TOKEN, "timeout", "10s",
                "totalTimeout", "1s"), SecretResolver.of(Map.of())).bind(DynatraceConfig.class);
        long started = System.nanoTime();
        try (DynatraceMetricSource source = new DynatraceMetricSource(config, time, name -> Optional.empty(),
                Sleeper.SYSTEM, System::nanoTime)) {
            String reason = reason(source.fetch(query("response_time_p95", SLI)));

            assertThat(reason).contains("did not answer within");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void fetch_nothingListening_failsWithConnectionError() throws IOException {
        FakeDynatrace gone = FakeDynatrace.start(TOKEN);
        gone.close();
        try (DynatraceMetricSource source = source(gone, time, Map.of("retries", 1))) {
            assertThat(reason(source.fetch(query("rt", SLI)))).contains("the request to the Metrics API v2 at 127.0.0.1 failed:",
                    "ConnectException", "gave up after 2 attempts");
        }
    }

    @Test
    void fetch_afterClose_failsWithoutRequest() {
        DynatraceMetricSource source = source(dt, time);
        source.close();
        source.close();

        assertThat(reason(source.fetch(query("rt", SLI)))).contains("is closed");
        assertThat(dt.requests()).isEmpty();
    }

    @Test
    void fetch_interrupted_failsAndKeepsTheInterruptFlag() {
        dt.slowDelay(Duration.ofSeconds(5)).failNext(Fault.SLOW, 1);
        try (DynatraceMetricSource source = source(dt, time)) {
            Thread.currentThread().interrupt();
            IndicatorValue value = source.fetch(query("rt", SLI));

            assertThat(Thread.interrupted()).isTrue();
            assertThat(reason(value)).contains("interrupted");
        }
    }
}
