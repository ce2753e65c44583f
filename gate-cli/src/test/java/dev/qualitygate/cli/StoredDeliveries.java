package dev.qualitygate.cli;

import dev.qualitygate.Gate;
import dev.qualitygate.delivery.DeliveryRequest;
import dev.qualitygate.delivery.DeliveryRunner;
import dev.qualitygate.delivery.RunState;
import dev.qualitygate.delivery.RunSummary;
import dev.qualitygate.history.EvaluationStore;
import dev.qualitygate.history.EventLog;
import dev.qualitygate.model.IndicatorValues;
import dev.qualitygate.model.TimeWindow;
import dev.qualitygate.model.Verdict;
import dev.qualitygate.spi.DeploymentResult;
import dev.qualitygate.spi.TestRunResult;
import dev.qualitygate.test.fake.RecordingDeployer;
import dev.qualitygate.test.fake.RecordingTester;
import dev.qualitygate.yaml.GateYaml;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * A file store holding three delivery runs of carts (project shop) made by the real delivery runner with gate-test's
 * fake deployer and tester, and the staging evaluations they made with the real engine (over {@link StoredHistory#SLO}
 * through {@link Gate#score}): v1 delivered (alice approves production 22 minutes after it asked), v2 stopped at the
 * staging gate by its error rate and rolled back, v3 waiting for approval in production. A clock that the fakes move
 * on as their work would take gives the events realistic times.
 */
final class StoredDeliveries {
    static final String SHIPYARD = String.join("\n",
            "apiVersion: spec.keptn.sh/0.2.3",
            "kind: Shipyard",
            "metadata: {name: shop}",
            "spec:",
            "  stages:",
            "    - name: dev",
            "      sequences:",
            "        - name: delivery",
            "          tasks:",
            "            - {name: deployment, properties: {deploymentstrategy: direct}}",
            "            - {name: test, properties: {teststrategy: functional}}",
            "    - name: staging",
            "      sequences:",
            "        - name: delivery",
            "          triggeredOn: [{event: dev.delivery.finished}]",
            "          tasks:",
            "            - {name: deployment, properties: {deploymentstrategy: blue_green_service}}",
            "            - {name: test, properties: {teststrategy: performance}}",
            "            - name: evaluation",
            "            - name: release",
            "        - name: rollback",
            "          triggeredOn: [{event: staging.delivery.finished, selector: {match: {result: fail}}}]",
            "          tasks:",
            "            - name: rollback",
            "    - name: production",
            "      sequences:",
            "        - name: delivery",
            "          triggeredOn: [{event: staging.delivery.finished}]",
            "          tasks:",
            "            - {name: approval, properties: {pass: manual, warning: manual}}",
            "            - {name: deployment, properties: {deploymentstrategy: direct}}",
            "            - name: release",
            "");

    static final Instant START = Instant.parse("2026-11-03T09:00:00Z");

    /** The run ids, oldest first: v1 delivered, v2 stopped, v3 waiting. */
    final List<String> runIds;
    /** The store directory. */
    final Path store;

    private StoredDeliveries(Path store, List<String> runIds) {
        this.store = store;
        this.runIds = runIds;
    }

    /** Runs the three deliveries into the store {@code dir/store}. */
    static StoredDeliveries create(Path dir) throws IOException {
        Path slo = Files.writeString(dir.resolve("slo.yaml"), StoredHistory.SLO);
        Path store = dir.resolve("store");
        MovingClock clock = new MovingClock(START);
        double[] errorRate = {0.31};
        RecordingDeployer deployer = RecordingDeployer.answering(r -> {
            clock.advance(Duration.ofSeconds(r.strategy().equals("direct") ? 35 : 48));
            return new DeploymentResult(Verdict.PASS, "deployed " + r.artifact() + " to " + r.context().stage(),
                    List.of(URI.create("http://127.0.0.1:9/" + r.context().stage())), Map.of());
        }, "direct", "blue_green_service");
        RecordingTester tester = RecordingTester.answering(r -> {
            Instant start = clock.instant();
            boolean performance = r.strategy().equals("performance");
            clock.advance(performance ? Duration.ofMinutes(3) : Duration.ofSeconds(20));
            long samples = performance ? 5400 : 120;
            return new TestRunResult(Verdict.PASS, new TimeWindow(start, clock.instant()), samples, 0, List.of(),
                    null, samples + " samples, none failed");
        }, "functional", "performance");
        try (EvaluationStore evaluations = EvaluationStore.files(store);
                EventLog log = EventLog.files(store);
                Gate gate = Gate.builder().slo(slo).store(evaluations).clock(clock).build();
                DeliveryRunner runner = DeliveryRunner.builder(GateYaml.readShipyard(
                                SHIPYARD.getBytes(StandardCharsets.UTF_8), "shipyard.yaml"))
                        .deployer(deployer)
                        .tester(tester)
                        .evaluator("staging", (context, window, run) -> {
                            clock.advance(Duration.ofSeconds(2));
                            return gate.score(context, window, IndicatorValues.builder()
                                    .put("response_time_p95", 421).put("error_rate", errorRate[0])
                                    .put("throughput", 1204).put("cpu_usage", 44).build());
                        })
                        .eventLog(log)
                        .clock(clock)
                        .build()) {
            RunSummary v1 = expect(runner.start(DeliveryRequest.of("shop", "carts", "carts-1.jar")
                    .withLabel("buildId", "1")), RunState.WAITING);
            clock.advance(Duration.ofMinutes(22));
            expect(runner.approve(v1.runId(), "by alice with gate approve"), RunState.FINISHED);
            clock.advance(Duration.ofMinutes(41));
            errorRate[0] = 2.37;
            RunSummary v2 = expect(runner.start(DeliveryRequest.of("shop", "carts", "carts-2.jar")
                    .withLabel("buildId", "2")), RunState.FINISHED);
            clock.advance(Duration.ofMinutes(55));
            errorRate[0] = 0.28;
            RunSummary v3 = expect(runner.start(DeliveryRequest.of("shop", "carts", "carts-3.jar")
                    .withLabel("buildId", "3")), RunState.WAITING);
            return new StoredDeliveries(store, List.of(v1.runId(), v2.runId(), v3.runId()));
        }
    }

    private static RunSummary expect(RunSummary run, RunState state) {
        if (run.state() != state) {
            throw new IllegalStateException(run.artifact() + " is " + run.state() + ", not " + state + ": " + run);
        }
        return run;
    }

    /** A clock that moves on a little with every reading, and as much as a fake plugin's work takes. */
    private static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant start) {
            now = start;
        }

        synchronized void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public synchronized Instant instant() {
            now = now.plusMillis(120);
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("UTC only");
        }
    }
}
