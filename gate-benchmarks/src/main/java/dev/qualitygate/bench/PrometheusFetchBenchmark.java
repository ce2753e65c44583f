package dev.qualitygate.bench;

import com.sun.net.httpserver.HttpServer;
import dev.qualitygate.Gate;
import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.model.IndicatorValue;
import dev.qualitygate.model.IndicatorValues;
import dev.qualitygate.model.Objective;
import dev.qualitygate.model.SliConfig;
import dev.qualitygate.model.Slo;
import dev.qualitygate.model.TimeWindow;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fetching every SLI of an SLO through a {@link Gate} with the {@code prometheus} source (found by ServiceLoader)
 * from a loopback server that answers each query after 100 ms. Target: 20 SLIs in no more than 1.5 times the time of
 * one, with the gate's default concurrency.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
// Go's HTTP server, and so Prometheus, sends with TCP_NODELAY; the JDK's HttpServer does so only when asked, and
// otherwise adds a delayed-ACK wait of about 40 ms to every answer.
@Fork(value = 1, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PrometheusFetchBenchmark {
    private static final String ANSWER = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
            + "[{\"metric\":{},\"value\":[1767225600,\"0.25\"]}]}}";
    private static final Instant END = Instant.parse("2026-01-01T00:05:00Z");

    /** How many SLIs the SLO has. */
    @Param({"1", "20"})
    public int slis;

    /** How long the server waits before answering a query, in milliseconds. */
    @Param("100")
    public long delayMillis;

    private HttpServer server;
    private ExecutorService serverThreads;
    private Gate gate;

    /**
     * Starts the server and builds the gate; checks that one fetch gives every value.
     *
     * @throws IOException if the server cannot start
     */
    @Setup
    public void setUp() throws IOException {
        serverThreads = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.setExecutor(serverThreads);
        server.createContext("/api/v1/query", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                Thread.sleep(delayMillis);
                byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();

        Slo.Builder slo = Slo.builder();
        Map<String, String> queries = new LinkedHashMap<>();
        for (int i = 0; i < slis; i++) {
            slo.objective(Objective.builder("sli_" + i).pass("<1").build());
            queries.put("sli_" + i, "histogram_quantile(0.95, sum by (le) (rate(http_duration_seconds_bucket{sli=\""
                    + i + "\"}[$DURATION_SECONDS])))");
        }
        gate = Gate.builder().slo(slo.build()).sli(new SliConfig("1.0", queries, null), "prometheus")
                .source("prometheus", "prometheus",
                        Map.of("url", "http://127.0.0.1:" + server.getAddress().getPort()))
                .build();
        IndicatorValues values = fetch();
        for (Map.Entry<String, IndicatorValue> e : values.values().entrySet()) {
            if (!e.getValue().equals(IndicatorValue.of(0.25))) {
                throw new IllegalStateException("the benchmark's fetch is broken: " + e);
            }
        }
    }

    /**
     * Fetches every SLI of the SLO once.
     *
     * @return the values, consumed by JMH
     */
    @Benchmark
    public IndicatorValues fetch() {
        return gate.fetch(EvaluationContext.of("shop", "staging", "carts"),
                TimeWindow.ending(END, Duration.ofMinutes(5)));
    }

    /** Closes the gate and stops the server. */
    @TearDown
    public void tearDown() {
        gate.close();
        server.stop(0);
        serverThreads.shutdownNow();
    }
}
