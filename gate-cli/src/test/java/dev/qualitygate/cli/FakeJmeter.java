package dev.qualitygate.cli;

import dev.qualitygate.model.IndicatorValue;
import dev.qualitygate.model.TimeWindow;
import dev.qualitygate.model.Verdict;
import dev.qualitygate.spi.IndicatorQuery;
import dev.qualitygate.spi.MetricSource;
import dev.qualitygate.spi.MetricSourceProvider;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import dev.qualitygate.spi.TestRunRequest;
import dev.qualitygate.spi.TestRunResult;
import dev.qualitygate.spi.Tester;
import dev.qualitygate.spi.TesterProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A stand-in for gate-jmeter in the demo's tests, until that module is on gate-cli's class path: a tester (id
 * {@code jmeter}) that sends the demo plans' requests with the JDK HTTP client (the health check, then the
 * strategy's plan, as gate-jmeter's tester does) and writes the plan's samples to a CSV JTL, and a metric
 * source (id {@code jmeter}) that answers the demo's three SLI queries from the JTL of the test run it is bound to.
 * It is no JMeter; it only lets the tests drive the demo's story end to end.
 */
final class FakeJmeter {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private FakeJmeter() {
    }

    /** One sample, as a JTL row. */
    private record Sample(long timeStamp, long elapsed, String label, int code, boolean success) {
    }

    /** Creates the tester. */
    static final class Testers implements TesterProvider {
        @Override
        public String id() {
            return "jmeter";
        }

        @Override
        public Tester create(ProviderConfig config, ProviderContext context) {
            return new Tester() {
                @Override
                public Set<String> strategies() {
                    return Set.of("functional", "performance");
                }

                @Override
                public TestRunResult run(TestRunRequest request) {
                    return FakeJmeter.run(request);
                }
            };
        }
    }

    /** Creates the metric source. */
    static final class Sources implements MetricSourceProvider {
        @Override
        public String id() {
            return "jmeter";
        }

        @Override
        public MetricSource create(ProviderConfig config, ProviderContext context) {
            return new MetricSource() {
                @Override
                public IndicatorValue fetch(IndicatorQuery query) {
                    return IndicatorValue.failed("no test run to measure");
                }

                @Override
                public MetricSource measuring(TestRunResult run) {
                    return query -> FakeJmeter.fetch(run, query);
                }
            };
        }
    }

    static TestRunResult run(TestRunRequest request) {
        URI target = java.util.Objects.requireNonNull(request.target(), "target");
        Instant start = Instant.now();
        for (String path : List.of("/health", "/", "/api/cart")) {
            if (!get(target, path).success()) {
                return new TestRunResult(Verdict.FAIL, new TimeWindow(start, Instant.now().plusMillis(1)), 0, 0,
                        List.of(), null, "the health check failed, so no load was generated");
            }
        }
        List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
        boolean functional = request.strategy().equals("functional");
        if (functional) {
            for (int loop = 0; loop < 5; loop++) {
                for (String path : List.of("/health", "/", "/api/cart")) {
                    samples.add(get(target, path));
                }
            }
        } else {
            ExecutorService users = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int u = 0; u < 4; u++) {
                    running.add(users.submit(() -> {
                        for (int i = 0; i < 100; i++) {
                            samples.add(get(target, "/api/cart"));
                        }
                    }));
                }
                for (Future<?> f : running) {
                    f.get();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                users.shutdownNow();
            }
        }
        Instant end = Instant.now().plusMillis(1);
        long failed = samples.stream().filter(s -> !s.success()).count();
        Path jtl;
        try {
            jtl = Files.createTempFile("fake-jmeter-", ".jtl");
            jtl.toFile().deleteOnExit();
            StringBuilder csv = new StringBuilder("timeStamp,elapsed,label,responseCode,success\n");
            for (Sample s : samples) {
                csv.append(s.timeStamp()).append(',').append(s.elapsed()).append(',').append(s.label()).append(',')
                        .append(s.code()).append(',').append(s.success()).append('\n');
            }
            Files.writeString(jtl, csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Verdict result = functional && failed > 0 ? Verdict.FAIL : Verdict.PASS;
        return new TestRunResult(result, new TimeWindow(start, end), samples.size(), failed,
                samples.stream().filter(s -> !s.success()).limit(3).map(s -> s.label() + " " + s.code()).toList(),
                jtl, samples.size() + " samples, " + failed + " failed");
    }

    private static Sample get(URI target, String path) {
        long start = System.currentTimeMillis();
        long t0 = System.nanoTime();
        int code;
        try {
            code = HTTP.send(HttpRequest.newBuilder(target.resolve(path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            code = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = 0;
        }
        return new Sample(start, (System.nanoTime() - t0) / 1_000_000, "GET " + path, code, code == 200);
    }

    static IndicatorValue fetch(TestRunResult run, IndicatorQuery query) {
        List<long[]> rows = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(java.util.Objects.requireNonNull(run.resultsFile()))) {
                if (line.startsWith("timeStamp")) {
                    continue;
                }
                String[] f = line.split(",");
                rows.add(new long[] {Long.parseLong(f[1]), Boolean.parseBoolean(f[4]) ? 0 : 1});
            }
        } catch (IOException e) {
            return IndicatorValue.failed("cannot read " + run.resultsFile() + ": " + e);
        }
        switch (query.query()) {
            case "error_rate()":
                return IndicatorValue.of(100.0 * rows.stream().mapToLong(r -> r[1]).sum() / rows.size());
            case "p95(elapsed)":
                long[] sorted = rows.stream().mapToLong(r -> r[0]).sorted().toArray();
                return IndicatorValue.of(sorted[(int) Math.ceil(0.95 * sorted.length) - 1]);
            case "throughput()":
                return IndicatorValue.of(rows.size() / Math.max(0.001, run.window().duration().toMillis() / 1000.0));
            default:
                return IndicatorValue.failed("unknown query " + query.query());
        }
    }
}
