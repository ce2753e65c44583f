package dev.qualitygate.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qualitygate.QualityGate;
import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.history.EventLog;
import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.model.TimeWindow;
import dev.qualitygate.model.Verdict;
import dev.qualitygate.model.shipyard.Shipyard;
import dev.qualitygate.spi.ApprovalDecision;
import dev.qualitygate.spi.DeploymentResult;
import dev.qualitygate.spi.TestRunResult;
import dev.qualitygate.yaml.GateYaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The runner with fake plugins: order, triggers and selectors, approval, rollback, timeouts and failures. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeliveryRunnerTest {
    static final String SHIPYARD = "delivery/shipyard.yaml";

    final Journal journal = new Journal();
    final AtomicReference<Double> errorRate = new AtomicReference<>(0.0);
    final List<DeliveryEvent> heard = new CopyOnWriteArrayList<>();
    final List<@Nullable TestRunResult> evaluatedRuns = new CopyOnWriteArrayList<>();
    final EventLog eventLog = EventLog.inMemory();

    static Shipyard shipyard(String resource) {
        return GateYaml.readShipyard(resource(resource), resource);
    }

    static byte[] resource(String name) {
        try (InputStream in = DeliveryRunnerTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    StageEvaluator evaluator() {
        QualityGate gate = QualityGate.fromSloYaml(new String(resource("delivery/slo.yaml"),
                java.nio.charset.StandardCharsets.UTF_8));
        return (EvaluationContext context, TimeWindow window, @Nullable TestRunResult run) -> {
            evaluatedRuns.add(run);
            return gate.evaluate(Map.of("error_rate", errorRate.get())).toBuilder().context(context)
                    .timeframe(window).build();
        };
    }

    DeliveryRunner.Builder runner(Shipyard shipyard) {
        return DeliveryRunner.builder(shipyard)
                .deployer(FakeDeployer.passing(journal, "direct", "blue_green_service"))
                .tester(FakeTester.passing(journal, "functional", "performance"))
                .evaluator("staging", evaluator())
                .eventLog(eventLog)
                .listener(heard::add);
    }

    static List<String> types(List<DeliveryEvent> events) {
        return events.stream().map(e -> e.type().substring(EventTypes.PREFIX.length())
                + (e.type().endsWith(".finished") || e.parsedType().orElseThrow().isSequence()
                        ? e.result().map(r -> " " + r.keyword()).orElse("") : "")).toList();
    }

    @Test
    void start_everythingPasses_runsStagesInOrderAndEmitsKeptnEvents() {
        try (DeliveryRunner runner = runner(shipyard(SHIPYARD)).build()) {
            RunSummary run = runner.start(DeliveryRequest.of("shop", "carts", "carts-1.jar"));

            assertThat(run.state()).isEqualTo(RunState.FINISHED);
            assertThat(run.result()).isEqualTo(Verdict.PASS);
            assertThat(run.errored()).isFalse();
            assertThat(run.stage()).isEqualTo("production");
            assertThat(journal.entries()).containsExactly(
                    "deploy dev direct carts-1.jar",
                    "test dev functional http://127.0.0.1:9/dev",
                    "deploy staging blue_green_service carts-1.jar",
                    "test staging performance http://127.0.0.1:9/staging",
                    "release staging blue_green_service",
                    "deploy production direct carts-1.jar",
                    "release production direct");
            assertThat(types(heard)).containsExactly(
                    "dev.delivery.triggered",
                    "deployment.triggered", "deployment.started", "deployment.finished pass",
                    "test.triggered", "test.started", "test.finished pass",
                    "dev.delivery.finished pass",
                    "staging.delivery.triggered pass",
                    "deployment.triggered", "deployment.started", "deployment.finished pass",
                    "test.triggered", "test.started", "test.finished pass",
                    "evaluation.triggered", "evaluation.started", "evaluation.finished pass",
                    "release.triggered", "release.started", "release.finished pass",
                    "staging.delivery.finished pass",
                    "production.delivery.triggered pass",
                    "approval.triggered", "approval.started", "approval.finished pass",
                    "deployment.triggered", "deployment.started", "deployment.finished pass",
                    "release.triggered", "release.started", "release.finished pass",
                    "production.delivery.finished pass");
            assertThat(DeliveryRunner.events(eventLog, run.runId())).isEqualTo(heard);
        }
    }

    @Test
    void start_events_carryContextTriggeredIdsAndTaskData() {
        try (DeliveryRunner runner = runner(shipyard(SHIPYARD)).build()) {
            RunSummary run = runner.start(DeliveryRequest.of("shop", "carts", "carts-1.jar").withLabel("buildId", "7"));

            DeliveryEvent triggered = heard.get(1);
            DeliveryEvent finished = heard.get(3);
            assertThat(heard).allSatisfy(e -> assertThat(e.runId()).isEqualTo(run.runId()));
            assertThat(triggered.type()).isEqualTo("sh.keptn.event.deployment.triggered");
            assertThat(triggered.triggeredId()).isEmpty();
            assertThat(triggered.data()).containsEntry("project", "shop").containsEntry("stage", "dev")
                    .containsEntry("service", "carts").containsEntry("labels", Map.of("buildId", "7"))
                    .containsEntry("deployment", Map.of("deploymentstrategy", "direct"));
            assertThat(finished.triggeredId()).isEqualTo(triggered.id());
            assertThat(finished.status()).isEqualTo("succeeded");
            assertThat(finished.data().get("deployment")).asInstanceOf(
                            org.assertj.core.api.InstanceOfAssertFactories.map(String.class, Object.class))
                    .containsEntry("deploymentURIsLocal", List.of("http://127.0.0.1:9/dev"))
                    .containsEntry("artifact", "carts-1.jar");
            DeliveryEvent evaluationTriggered = heard.stream()
                    .filter(e -> e.type().equals("sh.keptn.event.evaluation.triggered")).findFirst().orElseThrow();
            assertThat(evaluationTriggered.data()).containsKey("test").containsEntry("result", "pass");
            DeliveryEvent evaluated = heard.stream()
                    .filter(e -> e.type().equals("sh.keptn.event.evaluation.finished")).findFirst().orElseThrow();
            assertThat(evaluated.data()).containsKey("evaluation");
            assertThat(evaluatedRuns).singleElement().satisfies(r -> assertThat(r.window())
                    .isEqualTo(FakeTester.WINDOW));
            assertThat(DeliveryEvent.fromJson(evaluated.toJson())).isEqualTo(evaluated);
        }
    }

    @Test
    void start_evaluationFails_stopsRunsRollbackAndNamesTheObjective() {
        errorRate.set(10.0);
        try (DeliveryRunner runner = runner(shipyard(SHIPYARD)).build()) {
            RunSummary run = runner.start(DeliveryRequest.of("shop", "carts", "carts-2.jar"));

            assertThat(run.state()).isEqualTo(RunState.FINISHED);
            assertThat(run.result()).isEqualTo(Verdict.FAIL);
            assertThat(run.errored()).isFalse();
            assertThat(journal.entries()).containsSubsequence("test staging performance http://127.0.0.1:9/staging",
                    "rollback staging blue_green_service").doesNotContain("release staging blue_green_service")
                    .noneMatch(e -> e.contains("production"));
            assertThat(run.sequences()).extracting(s -> s.stage() + "." + s.name() + " " + s.result())
                    .containsExactly("dev.delivery PASS", "staging.delivery FAIL", "staging.rollback PASS");
            var failure = run.firstFailure().orElseThrow();
            assertThat(failure.getValue().name()).isEqualTo("evaluation");
            assertThat(failure.getValue().message()).startsWith("failed with a score of 0")
                    .contains("Objective not met: Error rate = 10 → fail, score 0 of 1: pass <=1 violated");
            assertThat(failure.getKey().message()).startsWith("evaluation: failed with a score of 0");
        }
    }

    @Test
    void start_warningWithManualApproval_waitsThenApproveContinues() {
        errorRate.set(3.0);
        try (DeliveryRunner runner = runner(shipyard(SHIPYARD)).build()) {
            RunSummary waiting = runner.start(DeliveryRequest.of("shop", "carts", "carts-3.jar"));

            assertThat(waiting.state()).isEqualTo(RunState.WAITING);
            assertThat(waiting.stage()).isEqualTo("production");
            assertThat(waiting.result()).isEqualTo(Verdict.WARNING);
            assertThat(types(heard)).endsWith("production.delivery.triggered warning", "approval.triggered",
                    "approval.started");
            assertThat(journal.entries()).noneMatch(e -> e.contains("production"));

            RunSummary done = runner.approve(waiting.runId(), "by alice");

            assertThat(done.state()).isEqualTo(RunState.FINISHED);
            assertThat(done.result()).isEqualTo(Verdict.WARNING);
            assertThat(journal.entries()).endsWith("deploy production direct carts-3.jar", "release production direct");
            assertThat(heard).filteredOn(e -> e.type().endsWith("approval.finished")).singleElement()
                    .satisfies(e -> assertThat(e.message()).isEqualTo("approved: by alice"));
        }
    }

    @Test
    void reject_waitingApproval_endsTheSequenceWithFail() {
        errorRate.set(3.0);
        try (DeliveryRunner runner = runner(shipyard(SHIPYARD)).build()) {
            RunSummary waiting = runner.start(DeliveryRequest.of("shop", "carts", "carts-3.jar"));

            RunSummary done = runner.reject(waiting.runId(), "not today");

            assertThat(done.state()).isEqualTo(RunState.FINISHED);
            assertThat(done.result()).isEqualTo(Verdict.FAIL);
            assertThat(done.firstFailure().orElseThrow().getValue().message()).isEqualTo("rejected: not today");
            assertThat(journal.entries()).noneMatch(e -> e.contains("production"));
            assertThatThrownBy(() -> runner.approve(waiting.runId(), "too late"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("run " + waiting.runId() + " does not wait for an approval: it is finished with"
                            + " result fail in stage production");
        }
    }

    @Test
    void approve_byTwoRunnersOnOneLog_onlyOneContinues() {
        errorRate.set(3.0);
        try (DeliveryRunner first = runner(shipyard(SHIPYARD)).build();
                DeliveryRunner second = runner(shipyard(SHIPYARD)).build()) {
            RunSummary waiting = first.start(DeliveryRequest.of("shop", "carts", "carts-3.jar"));
            second.approve(waiting.runId(), "second");

            assertThatThrownBy(() -> first.approve(waiting.runId(), "first"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not wait for an approval");
            assertThat(journal.entries()).filteredOn(e -> e.startsWith("deploy production")).hasSize(1);
        }
    }

    @Test
    void approve_byARunnerWithOnlyWhatTheRestOfTheRunNeeds_continues() {
        errorRate.set(3.0);
        String runId;
        try (DeliveryRunner first = runner(shipyard(SHIPYARD)).build()) {
            runId = first.start(DeliveryRequest.of("shop", "carts", "carts-3.jar")).runId();
        }
        try (DeliveryRunner later = DeliveryRunner.builder(shipyard(SHIPYARD))
                .deployer(FakeDeployer.passing(journal, "direct")).eventLog(eventLog).build()) {
            RunSummary done = later.approve(runId, "by bob");

            assertThat(done.state()).isEqualTo(RunState.FINISHED);
            assertThat(journal.entries()).endsWith("deploy production direct carts-3.jar", "release production direct");
        }
    }

    @Test
    void start_approvalHandler_decidesWithoutWaiting() {
        errorRate.set(3.0);
        List<String> asked = new ArrayList<>();
        try (DeliveryRunner runner = runner(shipyard(SHIPYARD)).approvalHandler(r -> {
            asked.add(r.context().stage() + " " + r.result() + " " + r.summary());
            return ApprovalDecision.REJECTED;
        }).build()) {
            RunSummary run = runner.start(DeliveryRequest.of("shop", "carts", "carts-3.jar"));

            assertThat(run.state()).isEqualTo(RunState.FINISHED);
            assertThat(run.result()).isEqualTo(Verdict.FAIL);
            assertThat(asked).singleElement().asString().startsWith("production WARNING evaluation in staging: warning with a score of 50");
        }
    }

    @Test
    void start_selectors_matchResultAndTaskResult() {
        Shipyard shipyard = GateYaml.readShipyard(("""
                apiVersion: spec.keptn.sh/0.2.3
                kind: Shipyard
                metadata:
                  name: shop
                spec:
                  stages:
                    - name: dev
                      sequences:
                        - name: delivery
                          tasks:
                            - name: deployment
                              properties:
                                deploymentstrategy: direct
                            - name: test
                              properties:
                                teststrategy: functional
                        - name: on-pass
                          triggeredOn:
                            - event: dev.delivery.finished
                              selector:
                                match:
                                  result: pass
                          tasks:
                            - name: release
                        - name: on-test-fail
                          triggeredOn:
                            - event: dev.delivery.finished
                              selector:
                                match:
                                  test.result: fail
                          tasks:
                            - name: rollback
                        - name: on-deployment-fail
                          triggeredOn:
                            - event: dev.delivery.finished
                              selector:
                                match:
                                  deployment.result: fail
                          tasks:
                            - name: rollback
                        - name: on-any
                          triggeredOn:
                            - event: dev.delivery.finished
                          tasks:
                            - name: release
                """).getBytes(java.nio.charset.StandardCharsets.UTF_8), "selectors.yaml");
        FakeTester failing = new FakeTester(journal, r -> new TestRunResult(Verdict.FAIL, FakeTester.WINDOW, 10, 3,
                List.of("500 on /cart"), null, "3 of 10 samples failed"), "functional");
        try (DeliveryRunner runner = DeliveryRunner.builder(shipyard)
                .deployer(FakeDeployer.passing(journal, "direct")).tester(failing).eventLog(eventLog)
                .listener(heard::add).build()) {
            RunSummary run = runner.start(DeliveryRequest.of("shop", "carts", "carts-1.jar"));

            assertThat(run.sequences()).extracting(s -> s.name() + " " + s.result())
                    .containsExactly("delivery FAIL", "on-test-fail PASS");
            assertThat(journal.entries()).endsWith("rollback dev direct");
        }
    }

    @Test
    void start_steppedDeployment_eachStepIsJudgedByTheStagesQualityGate() {
        Shipyard shipyard = GateYaml.readShipyard(("""
                apiVersion: spec.keptn.sh/0.2.3
                kind: Shipyard
                metadata:
                  name: shop
                spec:
                  stages:
                    - name: staging
                      sequences:
                        - name: delivery
                          tasks:
                            - name: deployment
                              properties:
                                deploymentstrategy: canary
                """).getBytes(java.nio.charset.StandardCharsets.UTF_8), "canary.yaml");
        List<String> steps = new ArrayList<>();
        dev.qualitygate.spi.Deployer canary = new FakeDeployer(journal, r -> DeploymentResult.pass("unused"),
                "canary") {
            @Override
            public DeploymentResult deploy(dev.qualitygate.spi.DeploymentRequest request,
                    dev.qualitygate.spi.StepEvaluator evaluator) {
                for (int percent : new int[] {25, 100}) {
                    dev.qualitygate.spi.DeploymentStep step = new dev.qualitygate.spi.DeploymentStep(request,
                            percent == 25 ? 1 : 2, 2, percent, request.context().withDeployment("canary"),
                            FakeTester.WINDOW.start());
                    dev.qualitygate.spi.StepOutcome outcome = evaluator.evaluate(step);
                    steps.add(outcome.result() + " " + outcome.reason());
                    if (outcome.result() == Verdict.FAIL) {
                        return DeploymentResult.fail("rolled back at " + outcome.reason());
                    }
                    errorRate.set(10.0);
                }
                return DeploymentResult.pass("promoted");
            }
        };
        try (DeliveryRunner runner = DeliveryRunner.builder(shipyard).deployer(canary)
                .evaluator("staging", evaluator()).build()) {
            RunSummary run = runner.start(DeliveryRequest.of("shop", "carts", "carts-2.jar"));

            assertThat(run.result()).isEqualTo(Verdict.FAIL);
            assertThat(steps).hasSize(2);
            assertThat(steps.get(0)).startsWith("PASS step 1 of 2 (25%): passed with a score of 100");
            assertThat(steps.get(1)).startsWith("FAIL step 2 of 2 (100%): failed with a score of 0");
            assertThat(run.firstFailure().orElseThrow().getValue().message())
                    .startsWith("rolled back at step 2 of 2 (100%): failed");
            assertThat(evaluatedRuns).containsExactly(null, null);
        }
    }

    @Test
    void start_triggeredAfter_sleepsThroughTheSleeperBeforeTheTask() {
        Shipyard shipyard = GateYaml.readShipyard(("""
                apiVersion: spec.keptn.sh/0.2.3
                kind: Shipyard
                metadata:
                  name: shop
                spec:
                  stages:
                    - name: dev
                      sequences:
                        - name: delivery
                          tasks:
                            - name: deployment
                              properties:
                                deploymentstrategy: direct
                            - name: test
                              triggeredAfter: "10m"
                              properties:
                                teststrategy: functional
                """).getBytes(java.nio.charset.StandardCharsets.UTF_8), "delayed.yaml");
        List<Duration> slept = new ArrayList<>();
        try (DeliveryRunner runner = DeliveryRunner.builder(shipyard)
                .deployer(FakeDeployer.passing(journal, "direct")).tester(FakeTester.passing(journal, "functional"))
                .sleeper(d -> {
                    slept.add(d);
                    journal.add("slept " + d);
                }).build()) {
            RunSummary run = runner.start(DeliveryRequest.of("shop", "carts", "carts-1.jar"));

            assertThat(run.result()).isEqualTo(Verdict.PASS);
            assertThat(slept).containsExactly(Duration.ofMinutes(10));
            assertThat(journal.entries()).containsExactly("deploy dev direct carts-1.jar", "slept PT10M",
                    "test dev functional http://127.0.0.1:9/dev");
        }
    }

    @Test
    void start_testerNeverAnswers_taskErrorsAfterItsTimeout() {
        CountDownLatch never = new CountDownLatch(1);
        FakeTester hanging = new FakeTester(journal, r -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("interrupted");
        }, "functional", "performance");
        long start = System.nanoTime();
        try (DeliveryRunner runner = DeliveryRunner.builder(shipyard(SHIPYARD))
                .deployer(FakeDeployer.passing(journal, "direct", "blue_green_service")).tester(hanging)
                .evaluator("staging", evaluator()).timeout("test", Duration.ofMillis(200))
                .timeoutGrace(Duration.ZERO).listener(heard::add).build()) {
            RunSummary run = runner.start(DeliveryRequest.of("shop", "carts", "carts-1.jar"));

            assertThat(run.state()).isEqualTo(RunState.FINISHED);
            assertThat(run.errored()).isTrue();
            assertThat(run.result()).isEqualTo(Verdict.FAIL);
            assertThat(run.sequences()).extracting(s -> s.name() + " " + s.result() + " " + s.errored())
                    .containsExactly("delivery FAIL true");
            assertThat(run.firstFailure().orElseThrow().getValue().message())
                    .isEqualTo("tester fake tester did not answer within 0.2s (the task's timeout); it was"
                            + " interrupted");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void start_deployerThrows_sequenceEndsErroredWithTheReason() {
        FakeDeployer throwing = new FakeDeployer(journal, r -> {
            throw new IllegalStateException("port 8080 is taken");
        }, "direct", "blue_green_service");
        try (DeliveryRunner runner = DeliveryRunner.builder(shipyard(SHIPYARD)).deployer(throwing)
                .tester(FakeTester.passing(journal, "functional", "performance")).evaluator("staging", evaluator())
                .listener(heard::add).build()) {
            RunSummary run = runner.start(DeliveryRequest.of("shop", "carts", "carts-1.jar"));

            assertThat(run.errored()).isTrue();
            assertThat(run.sequences()).singleElement().satisfies(s -> {
                assertThat(s.errored()).isTrue();
                assertThat(s.message()).isEqualTo(
                        "deployment: deployer fake deployer failed: IllegalStateException: port 8080 is taken");
            });
            assertThat(heard.get(heard.size() - 1).status()).isEqualTo("errored");
            assertThat(journal.entries()).containsExactly("deploy dev direct carts-1.jar");
        }
    }

    @Test
    void start_deploymentFails_laterTasksDoNotRun() {
        FakeDeployer failing = new FakeDeployer(journal, r -> DeploymentResult.fail("health check never passed"),
                "direct", "blue_green_service");
        try (DeliveryRunner runner = DeliveryRunner.builder(shipyard(SHIPYARD)).deployer(failing)
                .tester(FakeTester.passing(journal, "functional", "performance")).evaluator("staging", evaluator())
                .build()) {
            RunSummary run = runner.start(DeliveryRequest.of("shop", "carts", "carts-1.jar"));

            assertThat(run.result()).isEqualTo(Verdict.FAIL);
            assertThat(run.errored()).isFalse();
            assertThat(journal.entries()).containsExactly("deploy dev direct carts-1.jar");
        }
    }

    @Test
    void start_shipyardNeedsWhatIsNotConfigured_listsEveryProblemBeforeRunning() {
        try (DeliveryRunner runner = DeliveryRunner.builder(shipyard(SHIPYARD))
                .deployer(FakeDeployer.passing(journal, "direct")).eventLog(eventLog).build()) {
            assertThatThrownBy(() -> runner.start(DeliveryRequest.of("shop", "carts", "carts-1.jar")))
                    .isInstanceOfSatisfying(GateConfigException.class, e -> assertThat(e.problems())
                            .extracting(Object::toString).containsExactlyInAnyOrder(
                                    "shipyard: stage dev, sequence delivery, task test: properties.teststrategy: no"
                                            + " tester is configured for stage dev (was \"functional\")",
                                    "shipyard: stage staging, sequence delivery, task deployment:"
                                            + " properties.deploymentstrategy: no deployer configured for stage"
                                            + " staging knows this strategy; they know [direct] (was"
                                            + " \"blue_green_service\")",
                                    "shipyard: stage staging, sequence delivery, task test:"
                                            + " properties.teststrategy: no tester is configured for stage staging"
                                            + " (was \"performance\")",
                                    "shipyard: stage staging, sequence delivery, task evaluation: no quality gate is"
                                            + " configured for stage staging (give the stage an SLO); stages with"
                                            + " one: []"));
            assertThat(eventLog.runs(10)).isEmpty();
            assertThat(journal.entries()).isEmpty();
        }
    }

    @Test
    void start_unknownSequence_namesTheSequencesThereAre() {
        try (DeliveryRunner runner = runner(shipyard(SHIPYARD)).build()) {
            DeliveryRequest request = new DeliveryRequest("shop", "carts", "a.jar", Map.of(), "staging", "deliver",
                    Map.of());
            assertThatThrownBy(() -> runner.start(request)).isInstanceOf(GateConfigException.class)
                    .hasMessageContaining("there is no sequence 'deliver' in stage 'staging'; sequences there:"
                            + " [delivery, rollback]");
        }
    }

    @Test
    void start_shipyardV01_runsTheSequencesKeptnRanForIt() {
        Shipyard shipyard = GateYaml.readShipyard(("""
                stages:
                  - name: dev
                    deployment_strategy: direct
                    test_strategy: functional
                  - name: staging
                    deployment_strategy: blue_green_service
                    test_strategy: performance
                  - name: production
                    deployment_strategy: direct
                    approval_strategy:
                      pass: automatic
                      warning: manual
                """).getBytes(java.nio.charset.StandardCharsets.UTF_8), "shipyard-0.1.yaml");
        errorRate.set(10.0);
        try (DeliveryRunner runner = DeliveryRunner.builder(shipyard)
                .deployer(FakeDeployer.passing(journal, "direct", "blue_green_service"))
                .tester(FakeTester.passing(journal, "functional", "performance"))
                .evaluator("dev", (c, w, r) -> QualityGate.fromSloYaml(new String(resource("delivery/slo.yaml"),
                        java.nio.charset.StandardCharsets.UTF_8)).evaluate(Map.of("error_rate", 0)))
                .evaluator("staging", evaluator()).build()) {
            RunSummary run = runner.start(DeliveryRequest.of("shop", "carts", "carts-1.jar"));

            assertThat(run.sequences()).extracting(s -> s.stage() + "." + s.name() + " " + s.result())
                    .containsExactly("dev.delivery PASS", "staging.delivery FAIL", "staging.rollback PASS");
            assertThat(journal.entries()).containsExactly("deploy dev direct carts-1.jar",
                    "test dev functional http://127.0.0.1:9/dev", "release dev direct",
                    "deploy staging blue_green_service carts-1.jar",
                    "test staging performance http://127.0.0.1:9/staging", "rollback staging blue_green_service");
        }
    }

    @Test
    void status_ofAWaitingRun_isRebuiltFromTheLogAlone() {
        errorRate.set(3.0);
        String runId;
        try (DeliveryRunner runner = runner(shipyard(SHIPYARD)).build()) {
            runId = runner.start(new DeliveryRequest("shop", "carts", "carts-3.jar", Map.of(), null, "delivery",
                    Map.of("shipyard", "/tmp/shipyard.yaml"))).runId();
        }

        RunSummary status = DeliveryRunner.status(eventLog, runId).orElseThrow();

        assertThat(status.state()).isEqualTo(RunState.WAITING);
        assertThat(status.project()).isEqualTo("shop");
        assertThat(status.artifact()).isEqualTo("carts-3.jar");
        assertThat(status.origin()).containsEntry("shipyard", "/tmp/shipyard.yaml");
        assertThat(status.sequences().get(status.sequences().size() - 1).tasks())
                .extracting(t -> t.name() + " " + t.state()).containsExactly("approval WAITING");
        assertThat(DeliveryRunner.status(eventLog, "no-such-run")).isEmpty();
        assertThat(DeliveryRunner.status(eventLog, "../etc")).isEmpty();
    }
}
