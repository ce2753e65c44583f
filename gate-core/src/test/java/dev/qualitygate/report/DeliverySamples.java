package dev.qualitygate.report;

import dev.qualitygate.QualityGate;
import dev.qualitygate.delivery.DeliveryRequest;
import dev.qualitygate.delivery.DeliveryRunner;
import dev.qualitygate.delivery.RunState;
import dev.qualitygate.delivery.RunSummary;
import dev.qualitygate.history.EventLog;
import dev.qualitygate.history.LoggedEvent;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.IndicatorValues;
import dev.qualitygate.model.TimeWindow;
import dev.qualitygate.model.Verdict;
import dev.qualitygate.model.shipyard.Shipyard;
import dev.qualitygate.spi.Deployer;
import dev.qualitygate.spi.DeploymentRequest;
import dev.qualitygate.spi.DeploymentResult;
import dev.qualitygate.spi.TestRunRequest;
import dev.qualitygate.spi.TestRunResult;
import dev.qualitygate.spi.Tester;
import dev.qualitygate.yaml.GateYaml;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Three delivery runs made by the real runner with fake plugins and a clock that the plugins move on as their work
 * would take: v1 delivered (its production approval given 22 minutes later by alice), v2 stopped at the staging
 * gate on its error rate and rolled back, v3 waiting for approval in production. The staging gate is the real engine
 * over {@link ReportSamples#SLO}. Public, and in gate-core's test jar, for gate-cli's report tests.
 */
public final class DeliverySamples {
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

    /** The runs' CloudEvents, newest first: v3 waiting, v2 stopped, v1 delivered. */
    public final List<List<String>> runs = new ArrayList<>();
    /** The run ids, in the same order. */
    public final List<String> ids = new ArrayList<>();
    /** The staging evaluations the runs made, oldest first, as a store would keep them. */
    public final List<EvaluationResult> evaluations = new ArrayList<>();

    private final MovingClock clock = new MovingClock(START);

    /** Makes the runs in an event log in memory. */
    public DeliverySamples() {
        this(EventLog.inMemory());
    }

    /**
     * Makes the runs in the given event log.
     *
     * @param log where the runner appends the runs' events; not closed here
     */
    public DeliverySamples(EventLog log) {
        Shipyard shipyard = GateYaml.readShipyard(SHIPYARD.getBytes(StandardCharsets.UTF_8), "shipyard.yaml");
        QualityGate gate = QualityGate.fromSloYaml(ReportSamples.SLO);
        double[] errorRate = {0.31};
        try (DeliveryRunner runner = DeliveryRunner.builder(shipyard)
                .deployer(new SlowDeployer(clock))
                .tester(new SlowTester(clock))
                .evaluator("staging", (context, window, run) -> {
                    clock.advance(Duration.ofSeconds(2));
                    EvaluationResult r = gate.evaluate(IndicatorValues.builder().put("response_time_p95", 421)
                            .put("error_rate", errorRate[0]).put("throughput", 1204).put("cpu_usage", 44).build(),
                            evaluations).toBuilder()
                            .id("eval-" + (evaluations.size() + 1)).context(context).timeframe(window)
                            .time(clock.instant()).build();
                    evaluations.add(r);
                    return r;
                })
                .eventLog(log)
                .clock(clock)
                .build()) {
            RunSummary v1 = runner.start(DeliveryRequest.of("shop", "carts", "carts-1.jar").withLabel("buildId", "1"));
            check(v1, RunState.WAITING);
            clock.advance(Duration.ofMinutes(22));
            check(runner.approve(v1.runId(), "by alice with gate approve"), RunState.FINISHED);
            clock.advance(Duration.ofMinutes(41));
            errorRate[0] = 2.37;
            check(runner.start(DeliveryRequest.of("shop", "carts", "carts-2.jar").withLabel("buildId", "2")),
                    RunState.FINISHED);
            clock.advance(Duration.ofMinutes(55));
            errorRate[0] = 0.28;
            check(runner.start(DeliveryRequest.of("shop", "carts", "carts-3.jar").withLabel("buildId", "3")),
                    RunState.WAITING);
            for (String id : log.runs(10)) {
                ids.add(id);
                runs.add(log.events(id).stream().map(LoggedEvent::json).toList());
            }
        }
    }

    private RunSummary check(RunSummary run, RunState expected) {
        if (run.state() != expected) {
            throw new IllegalStateException("the sample run " + run.artifact() + " is " + run.state() + ", not "
                    + expected + ": " + run);
        }
        return run;
    }

    /** A clock that moves on a little with every reading, and as much as a fake plugin's work takes. */
    static final class MovingClock extends Clock {
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

    /** Deploys in 35 s (blue/green: 48 s), releases in 4 s, rolls back in 11 s. */
    private static final class SlowDeployer implements Deployer {
        private final MovingClock clock;

        SlowDeployer(MovingClock clock) {
            this.clock = clock;
        }

        @Override
        public Set<String> strategies() {
            return Set.of("direct", "blue_green_service");
        }

        @Override
        public DeploymentResult deploy(DeploymentRequest request) {
            clock.advance(Duration.ofSeconds(request.strategy().equals("direct") ? 35 : 48));
            return new DeploymentResult(Verdict.PASS, "deployed " + request.artifact() + " to "
                    + request.context().stage(), List.of(URI.create("http://127.0.0.1:9/" + request.context().stage())),
                    Map.of());
        }

        @Override
        public DeploymentResult release(DeploymentRequest request) {
            clock.advance(Duration.ofSeconds(4));
            return DeploymentResult.pass("released " + request.artifact());
        }

        @Override
        public DeploymentResult rollback(DeploymentRequest request) {
            clock.advance(Duration.ofSeconds(11));
            return DeploymentResult.pass("rolled back to the version before " + request.artifact());
        }
    }

    /** Tests for 20 s (functional) or 3 minutes (performance), always passing. */
    private static final class SlowTester implements Tester {
        private final MovingClock clock;

        SlowTester(MovingClock clock) {
            this.clock = clock;
        }

        @Override
        public Set<String> strategies() {
            return Set.of("functional", "performance");
        }

        @Override
        public TestRunResult run(TestRunRequest request) {
            Instant start = clock.instant();
            boolean performance = request.strategy().equals("performance");
            clock.advance(performance ? Duration.ofMinutes(3) : Duration.ofSeconds(20));
            long samples = performance ? 5400 : 120;
            return new TestRunResult(Verdict.PASS, new TimeWindow(start, clock.instant()), samples, 0, List.of(),
                    null, samples + " samples, none failed");
        }
    }
}
