package dev.qualitygate.jmeter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.qualitygate.Gate;
import dev.qualitygate.Plugins;
import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.IndicatorResult;
import dev.qualitygate.model.ObjectiveStatus;
import dev.qualitygate.model.Verdict;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import dev.qualitygate.spi.TestProgress;
import dev.qualitygate.spi.TestRunRequest;
import dev.qualitygate.spi.TestRunResult;
import dev.qualitygate.spi.Tester;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs real JMeter 5.6.3 (assembled from the Maven Central jars on the test class path) against a JDK HTTP server on
 * 127.0.0.1, then evaluates an SLO on the SLIs the jmeter metric source computes from the run's results.
 */
@Timeout(180)
class JMeterTesterTest {
    private static final EvaluationContext CONTEXT = EvaluationContext.of("shop", "staging", "carts");
    /** Small and quick JVM options for JMeter in tests. */
    private static final List<String> JVM_ARGS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xss512k");

    @TempDir
    Path dir;

    private Path service() throws IOException {
        Path service = dir.resolve("carts");
        Files.createDirectories(service.resolve("jmeter"));
        for (String f : List.of("basiccheck.jmx", "load.jmx", "jmeter.conf.yaml")) {
            try (InputStream in = JMeterTesterTest.class.getResourceAsStream("/service/jmeter/" + f)) {
                Files.copy(in, service.resolve("jmeter").resolve(f));
            }
        }
        return service;
    }

    private Tester tester(Path service) {
        return new JMeterTesterProvider().create(ProviderConfig.of("test", Map.of(
                "directory", service.toString(),
                "jvmArgs", JVM_ARGS,
                "resultsDirectory", dir.resolve("results").toString(),
                "progressInterval", "500ms")), ProviderContext.defaults());
    }

    private static TestRunRequest request(String strategy, TestServer server, Duration timeout) {
        return new TestRunRequest(CONTEXT, strategy, server.healthUrl(), Map.of(), timeout);
    }

    private EvaluationResult evaluate(TestRunResult run) throws IOException {
        Path slo = Files.writeString(dir.resolve("slo.yaml"), String.join("\n",
                "objectives:",
                "  - sli: error_rate",
                "    key_sli: true",
                "    pass: [{criteria: [\"<=1\"]}]",
                "  - sli: response_time_p95",
                "    pass: [{criteria: [\"<=1000\"]}]",
                "  - sli: throughput",
                "total_score: {pass: \"90%\", warning: \"75%\"}",
                ""));
        Path sli = Files.writeString(dir.resolve("sli.yaml"), String.join("\n",
                "indicators:",
                "  error_rate: error_rate()",
                "  response_time_p95: p95(elapsed) where label ~ \"GET /api/.*\"",
                "  throughput: throughput()",
                ""));
        try (Gate gate = Gate.builder().slo(slo).sli(sli).plugins(Plugins.discover())
                .source("jmeter", Map.of("file", run.resultsFile().toString())).build()) {
            return gate.evaluate(CONTEXT, run.window());
        }
    }

    @Test
    void performance_healthyServer_passesAndTheSloPasses() throws IOException {
        List<TestProgress> progress = new CopyOnWriteArrayList<>();
        TestRunResult run;
        try (TestServer server = new TestServer(0, 200); Tester tester = tester(service())) {
            run = tester.run(request("performance", server, Duration.ofMinutes(2)), progress::add);

            assertThat(server.healthRequests()).as("health check plan ran first").isEqualTo(1);
            assertThat(server.itemRequests()).isEqualTo(100);
        }

        assertThat(run.result()).as(run.message()).isEqualTo(Verdict.PASS);
        assertThat(run.samples()).isEqualTo(101);
        assertThat(run.failedSamples()).isZero();
        assertThat(run.resultsFile()).hasFileName("performance.jtl").exists();
        assertThat(run.window().duration()).isPositive();
        assertThat(progress).as("progress reports").isNotEmpty()
                .allSatisfy(p -> assertThat(p.phase()).isIn("healthcheck", "performance"));
        assertThat(progress.get(progress.size() - 1)).as("the last report, when JMeter has finished")
                .satisfies(p -> {
                    assertThat(p.phase()).isEqualTo("performance");
                    assertThat(p.samples()).isEqualTo(100);
                    assertThat(p.failedSamples()).isZero();
                });
        EvaluationResult result = evaluate(run);
        assertThat(result.result()).as(result.message()).isEqualTo(Verdict.PASS);
        assertThat(result.objective("error_rate").orElseThrow().value()).isZero();
        assertThat(result.objective("throughput").orElseThrow().value()).isPositive();
    }

    @Test
    void performance_serverWithFivePercentErrors_testPassesButTheSloFailsOnTheErrorRate() throws IOException {
        TestRunResult run;
        try (TestServer server = new TestServer(20, 200); Tester tester = tester(service())) {
            run = tester.run(request("performance", server, Duration.ofMinutes(2)));
        }

        assertThat(run.result()).as("5 %% is within the workload's accepted 10 %%: %s", run.message())
                .isEqualTo(Verdict.PASS);
        assertThat(run.failedSamples()).isEqualTo(5);
        assertThat(run.failures()).hasSize(5).allSatisfy(f -> assertThat(f).contains("500"));
        EvaluationResult result = evaluate(run);
        IndicatorResult errorRate = result.objective("error_rate").orElseThrow();
        assertThat(result.result()).isEqualTo(Verdict.FAIL);
        assertThat(errorRate.status()).isEqualTo(ObjectiveStatus.FAIL);
        assertThat(errorRate.value()).isCloseTo(5.0, within(1e-9));
        assertThat(errorRate.explanation()).contains("error_rate = 5").contains("<=1 violated");
        assertThat(result.message()).contains("error_rate");
    }

    @Test
    void performance_failingHealthCheck_failsWithoutGeneratingLoad() throws IOException {
        TestRunResult run;
        try (TestServer server = new TestServer(0, 503); Tester tester = tester(service())) {
            run = tester.run(request("performance", server, Duration.ofMinutes(2)));

            assertThat(server.healthRequests()).isEqualTo(1);
            assertThat(server.itemRequests()).as("no load after a failed health check").isZero();
        }

        assertThat(run.result()).isEqualTo(Verdict.FAIL);
        assertThat(run.message()).contains("the health check failed, so no load was generated")
                .contains("1 of 1 samples failed");
        assertThat(run.failures()).singleElement().asString().contains("503");
        assertThat(run.resultsFile()).hasFileName("healthcheck.jtl");
    }

    @Test
    void run_pastItsTimeLimit_isStoppedAndFails() throws IOException {
        long started = System.nanoTime();
        TestRunResult run;
        try (TestServer server = new TestServer(0, 200); Tester tester = tester(service())) {
            run = tester.run(request("slow", server, Duration.ofSeconds(12)));
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(40));
        assertThat(run.result()).isEqualTo(Verdict.FAIL);
        assertThat(run.message()).contains("slow (jmeter/load.jmx) was stopped at the time limit of PT12S");
    }
}
