package dev.qualitygate.delivery;

import dev.qualitygate.delivery.EventTypes.Phase;
import dev.qualitygate.delivery.Replay.SequenceRun;
import dev.qualitygate.delivery.Replay.TaskRun;
import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.error.Problem;
import dev.qualitygate.history.EventLog;
import dev.qualitygate.history.LoggedEvent;
import dev.qualitygate.internal.GoDuration;
import dev.qualitygate.internal.JsonValues;
import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.EvaluationStatus;
import dev.qualitygate.model.IndicatorResult;
import dev.qualitygate.model.ObjectiveStatus;
import dev.qualitygate.model.TimeWindow;
import dev.qualitygate.model.Verdict;
import dev.qualitygate.model.shipyard.ApprovalMode;
import dev.qualitygate.model.shipyard.Sequence;
import dev.qualitygate.model.shipyard.Shipyard;
import dev.qualitygate.model.shipyard.Stage;
import dev.qualitygate.model.shipyard.Task;
import dev.qualitygate.model.shipyard.Trigger;
import dev.qualitygate.report.EvaluationJson;
import dev.qualitygate.spi.ApprovalDecision;
import dev.qualitygate.spi.ApprovalHandler;
import dev.qualitygate.spi.ApprovalRequest;
import dev.qualitygate.spi.Deployer;
import dev.qualitygate.spi.DeploymentRequest;
import dev.qualitygate.spi.DeploymentResult;
import dev.qualitygate.spi.DeploymentStep;
import dev.qualitygate.spi.StepEvaluator;
import dev.qualitygate.spi.StepOutcome;
import dev.qualitygate.spi.TestRunRequest;
import dev.qualitygate.spi.TestRunResult;
import dev.qualitygate.spi.Tester;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a shipyard for one artifact of one service, as Keptn's shipyard controller did: the start sequence's tasks in
 * order, then every sequence whose {@code triggeredOn} names a sequence that finished (and whose selector matches),
 * until none is left or a manual approval waits.
 *
 * <pre>{@code
 * try (DeliveryRunner runner = DeliveryRunner.builder(GateYaml.readShipyard(Path.of("shipyard.yaml")))
 *         .deployer(localDeployer)
 *         .tester(jmeterTester)
 *         .evaluator("staging", (context, window, run) -> stagingGate.evaluate(context, window))
 *         .eventLog(EventLog.files(Path.of(".qualitygate")))
 *         .listener(event -> System.out.println(event.type()))
 *         .build()) {
 *     RunSummary run = runner.start(DeliveryRequest.of("shop", "carts", "carts-1.4.jar"));
 *     if (run.state() == RunState.WAITING) {
 *         // later, perhaps in another process with its own runner: runner.approve(run.runId(), "looks good")
 *     }
 * }
 * }</pre>
 *
 * <p><b>Tasks.</b> {@code deployment} asks the deployer that knows the task's {@code deploymentstrategy}, with a
 * {@link StepEvaluator} that judges each step of a stepped rollout (a canary share) by the stage's evaluator over
 * the window since the step began;
 * {@code test} asks the tester that knows its {@code teststrategy}, aimed at the stage's deployment; {@code
 * evaluation} asks the stage's {@link StageEvaluator} for the window of the task's {@code timeframe} or, without one,
 * of the stage's last test; {@code approval} approves a pass or warning that its {@code pass}/{@code warning}
 * property marks {@code automatic}, refuses a fail, and otherwise asks the {@link ApprovalHandler} or waits (no
 * properties mean manual, as Keptn's approval service behaved); {@code release} and {@code rollback} ask the deployer
 * of the stage's deployment. A task fails the sequence when its result is {@code fail}; a warning goes on. Every
 * task has a timeout (property {@code timeout}, else {@link Builder#timeout}); a task that times out, or whose plugin
 * throws, ends as {@code errored} with the reason, and the sequence ends with it.
 *
 * <p><b>Before anything starts</b>, every sequence the start sequence can lead to is checked: unknown task names,
 * strategies that no configured plugin knows, stages with an evaluation but no evaluator, invalid approval modes
 * or timeouts. All problems are reported at once as a {@link GateConfigException}.
 *
 * <p><b>Events and durability.</b> Every step is a Keptn CloudEvent ({@link DeliveryEvent}) appended to the
 * {@link EventLog} before listeners hear of it. The runner keeps no other state: {@link #approve} and
 * {@link #reject} rebuild the run from its log, so the process that decides an approval need not be the one that
 * started the run. Appends are conditional on the run's length, so two processes cannot both continue one run.
 *
 * <p>Sequences run one at a time, in the order they were triggered (Keptn ran sequences of several stages in
 * parallel). One runner can run several deliveries one after another or on several threads. Closing it stops its
 * task threads; it does not close the plugins it was given.
 *
 * @since 0.1
 */
public final class DeliveryRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeliveryRunner.class);

    /** The tasks the runner knows. */
    static final Set<String> TASKS = Set.of("deployment", "test", "evaluation", "approval", "release", "rollback");

    private static final Map<String, Duration> DEFAULT_TIMEOUTS = Map.of(
            "deployment", Duration.ofMinutes(10), "test", Duration.ofMinutes(30), "evaluation", Duration.ofMinutes(5),
            "approval", Duration.ofMinutes(5), "release", Duration.ofMinutes(10), "rollback", Duration.ofMinutes(10));

    private final Plan plan;
    private final List<Deployer> deployers;
    private final Map<String, List<Deployer>> stageDeployers;
    private final List<Tester> testers;
    private final Map<String, List<Tester>> stageTesters;
    private final Map<String, StageEvaluator> evaluators;
    private final @Nullable ApprovalHandler approvalHandler;
    private final EventLog eventLog;
    private final List<DeliveryListener> listeners;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Map<String, Duration> timeouts;
    private final Duration grace;
    private final ExecutorService executor;

    private DeliveryRunner(Builder b) {
        this.plan = Plan.of(b.shipyard);
        this.deployers = List.copyOf(b.deployers);
        this.stageDeployers = copy(b.stageDeployers);
        this.testers = List.copyOf(b.testers);
        this.stageTesters = copy(b.stageTesters);
        this.evaluators = Map.copyOf(b.evaluators);
        this.approvalHandler = b.approvalHandler;
        this.eventLog = b.eventLog;
        this.listeners = List.copyOf(b.listeners);
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.timeouts = Map.copyOf(b.timeouts);
        this.grace = b.grace;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "qualitygate-task-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private static <T> Map<String, List<T>> copy(Map<String, List<T>> map) {
        Map<String, List<T>> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return Map.copyOf(copy);
    }

    /**
     * Starts a builder.
     *
     * @param shipyard the shipyard to run (either format)
     * @return a new builder
     */
    public static Builder builder(Shipyard shipyard) {
        return new Builder(shipyard);
    }

    /**
     * Runs a delivery until every triggered sequence has finished or a manual approval waits.
     *
     * @param request what to deliver and where to start
     * @return the run as it stands: {@link RunState#FINISHED} or {@link RunState#WAITING}
     * @throws GateConfigException if the shipyard cannot be run with the configured plugins (all problems listed);
     *     then nothing ran and nothing was logged
     * @throws dev.qualitygate.error.StoreException if the event log cannot be written
     */
    public RunSummary start(DeliveryRequest request) {
        String stage = check(request);
        Run run = new Run(UUID.randomUUID().toString(), request.project(), request.service(), request.artifact(),
                request.labels());
        Map<String, Object> data = run.base(stage);
        data.put("artifact", request.artifact());
        if (!request.origin().isEmpty()) {
            data.put("origin", new LinkedHashMap<>(request.origin()));
        }
        emit(run, EventTypes.sequence(stage, request.sequence(), Phase.TRIGGERED), "", data);
        log.debug("Delivery {} of {} {} started in {}.{}", run.id, request.service(), request.artifact(), stage,
                request.sequence());
        return drive(run);
    }

    /**
     * Checks, without running anything, that a delivery could start: that its start sequence exists and that every
     * sequence it can lead to can be run with the configured plugins. {@link #start} checks the same first.
     *
     * @param request what to deliver and where to start
     * @return the stage the delivery starts in
     * @throws GateConfigException listing every problem
     */
    public String check(DeliveryRequest request) {
        Objects.requireNonNull(request, "request");
        String stage = request.stage() != null ? request.stage() : plan.stages().get(0).name();
        if (plan.sequence(stage, request.sequence()).isEmpty()) {
            throw new GateConfigException(Problem.of("shipyard", "there is no sequence '" + request.sequence()
                    + "' in stage '" + stage + "'; sequences there: " + sequenceNames(stage)));
        }
        preflight(List.<String[]>of(new String[] {stage, request.sequence()}));
        return stage;
    }

    /**
     * Approves the manual approval a run waits for and runs the delivery on.
     *
     * @param runId the run
     * @param reason who approved and why, for the event's message
     * @return the run as it stands afterwards
     * @throws IllegalStateException if the run is unknown or does not wait for an approval (the message says where it
     *     stands), or another process decided it at the same time
     * @throws GateConfigException if the rest of the run cannot be run with the configured plugins
     */
    public RunSummary approve(String runId, String reason) {
        return decide(runId, true, reason);
    }

    /**
     * Rejects the manual approval a run waits for; the sequence ends with {@code fail}, and sequences triggered by
     * that (a rollback) run.
     *
     * @param runId the run
     * @param reason who rejected and why, for the event's message
     * @return the run as it stands afterwards
     * @throws IllegalStateException if the run is unknown or does not wait for an approval, or another process
     *     decided it at the same time
     * @throws GateConfigException if the rest of the run cannot be run with the configured plugins
     */
    public RunSummary reject(String runId, String reason) {
        return decide(runId, false, reason);
    }

    /**
     * The events of a run, read from an event log.
     *
     * @param eventLog the log
     * @param runId the run
     * @return its events in order; empty for an unknown run
     * @throws IllegalArgumentException if a logged event is not a delivery event
     */
    public static List<DeliveryEvent> events(EventLog eventLog, String runId) {
        if (!EventLog.isValidRunId(runId)) {
            return List.of();
        }
        return eventLog.events(runId).stream().map(e -> DeliveryEvent.fromJson(e.json())).toList();
    }

    /**
     * Where a run stands, read from an event log.
     *
     * @param eventLog the log
     * @param runId the run
     * @return its summary, or empty for an unknown run
     */
    public static Optional<RunSummary> status(EventLog eventLog, String runId) {
        List<DeliveryEvent> events = events(eventLog, runId);
        return events.isEmpty() ? Optional.empty() : Optional.of(RunSummary.of(events));
    }

    private RunSummary decide(String runId, boolean approved, String reason) {
        Objects.requireNonNull(reason, "reason");
        List<DeliveryEvent> events = events(eventLog, runId);
        if (events.isEmpty()) {
            throw new IllegalStateException("there is no run '" + runId + "' in " + eventLog);
        }
        Replay replay = Replay.of(runId, events);
        if (!replay.waiting()) {
            RunSummary summary = RunSummary.of(replay);
            throw new IllegalStateException("run " + runId + " does not wait for an approval: it is "
                    + summary.state().name().toLowerCase(Locale.ROOT)
                    + (summary.state() == RunState.FINISHED ? " with result " + summary.result().keyword() : "")
                    + " in stage " + summary.stage());
        }
        List<String[]> unfinished = new ArrayList<>();
        for (SequenceRun s : replay.sequences) {
            if (s.finished == null) {
                unfinished.add(new String[] {s.stage, s.name});
            }
        }
        preflight(unfinished);
        Map<String, Object> input = replay.input();
        Map<String, String> labels = new LinkedHashMap<>();
        Replay.objectAt(events.get(0).data(), "labels").forEach((k, v) -> labels.put(k, String.valueOf(v)));
        Run run = new Run(runId, string(input, "project"), string(input, "service"), string(input, "artifact"),
                labels);
        run.replay = replay;
        run.count = events.size();
        SequenceRun current = Objects.requireNonNull(replay.current());
        TaskRun approval = Objects.requireNonNull(current.openTask());
        Map<String, Object> data = run.base(current.stage);
        data.put("status", "succeeded");
        data.put("result", (approved ? Verdict.PASS : Verdict.FAIL).keyword());
        data.put("message", (approved ? "approved: " : "rejected: ") + reason);
        emit(run, EventTypes.task("approval", Phase.FINISHED), approval.triggered.id(), data);
        return drive(run);
    }

    // ---------------------------------------------------------------------------------------------- running

    /** One run being driven: its identity and its events so far. */
    private static final class Run {
        final String id;
        final String project;
        final String service;
        final String artifact;
        final Map<String, String> labels;
        Replay replay;
        int count;

        Run(String id, String project, String service, String artifact, Map<String, String> labels) {
            this.id = id;
            this.project = project;
            this.service = service;
            this.artifact = artifact;
            this.labels = labels;
            this.replay = new Replay(id);
        }

        Map<String, Object> base(String stage) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("project", project);
            data.put("stage", stage);
            data.put("service", service);
            if (!labels.isEmpty()) {
                data.put("labels", new LinkedHashMap<>(labels));
            }
            return data;
        }

        EvaluationContext context(String stage) {
            return new EvaluationContext(project, stage, service, "primary", labels);
        }
    }

    /** What a task came to: a result, or waiting for a decision. */
    private record Outcome(boolean waiting, Verdict result, boolean errored, String message,
            Map<String, Object> data) {
        static Outcome of(Verdict result, String message, Map<String, Object> data) {
            return new Outcome(false, result, false, message, data);
        }

        static Outcome errored(String message) {
            return new Outcome(false, Verdict.FAIL, true, message, Map.of());
        }

        static Outcome waitForDecision() {
            return new Outcome(true, Verdict.PASS, false, "", Map.of());
        }
    }

    private DeliveryEvent emit(Run run, String type, String triggeredId, Map<String, Object> data) {
        DeliveryEvent event = new DeliveryEvent(UUID.randomUUID().toString(), type, clock.instant(), run.id,
                triggeredId, data);
        LoggedEvent logged = event.toLogged(run.count);
        if (!eventLog.append(logged)) {
            throw new IllegalStateException("run " + run.id + " was changed by another process while this one ran"
                    + " it (event " + run.count + " was already written); this process stops here");
        }
        run.count++;
        run.replay.apply(event);
        for (DeliveryListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                log.warn("Delivery listener {} failed on {}: {}", l, event.type(), e.toString());
            }
        }
        return event;
    }

    private RunSummary drive(Run run) {
        while (true) {
            SequenceRun seq = run.replay.current();
            if (seq == null || seq.openTask() != null) {
                return RunSummary.of(run.replay);
            }
            Sequence definition = plan.sequence(seq.stage, seq.name).orElseThrow(() -> new IllegalStateException(
                    "the shipyard has no sequence " + seq.stage + "." + seq.name + " any more"));
            TaskRun last = seq.lastTask();
            int next = seq.tasks.size();
            if (last != null && last.result() == Verdict.FAIL || next >= definition.tasks().size()) {
                finishSequence(run, seq);
                continue;
            }
            Task task = definition.tasks().get(next);
            Duration delay = task.triggeredAfter();
            Outcome interrupted = null;
            if (delay != null && !delay.isZero() && !delay.isNegative()) {
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    interrupted = Outcome.errored("interrupted while waiting " + delay + " (triggeredAfter)");
                }
            }
            DeliveryEvent triggered = emit(run, EventTypes.task(task.name(), Phase.TRIGGERED), "",
                    triggeredData(run, seq, task));
            Outcome outcome = interrupted;
            if (outcome == null) {
                emit(run, EventTypes.task(task.name(), Phase.STARTED), triggered.id(), run.base(seq.stage));
                outcome = execute(run, seq, task);
            }
            if (outcome.waiting()) {
                log.debug("Delivery {} waits for approval in {}", run.id, seq.stage);
                return RunSummary.of(run.replay);
            }
            Map<String, Object> data = run.base(seq.stage);
            data.putAll(outcome.data());
            data.put("status", outcome.errored() ? "errored" : "succeeded");
            data.put("result", outcome.result().keyword());
            data.put("message", outcome.message());
            emit(run, EventTypes.task(task.name(), Phase.FINISHED), triggered.id(), data);
        }
    }

    /** Keptn's payload for a task: the sequence's input, the data of the tasks before, and this task's properties. */
    private static Map<String, Object> triggeredData(Run run, SequenceRun seq, Task task) {
        Map<String, Object> data = run.base(seq.stage);
        Map<String, Object> input = Replay.nonNull(seq.triggered.data());
        input.remove("origin");
        data.putAll(input);
        TaskRun last = seq.lastTask();
        for (TaskRun t : seq.tasks) {
            Map<String, Object> finished = t.finishedData();
            if (!finished.isEmpty()) {
                data.put(t.name, finished);
            }
        }
        if (last != null) {
            data.put("result", last.result().keyword());
            data.put("status", last.errored() ? "errored" : "succeeded");
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        if (data.get(task.name()) instanceof Map<?, ?> earlier) {
            earlier.forEach((k, v) -> properties.put(String.valueOf(k), v));
        }
        properties.putAll(task.properties());
        data.put(task.name(), properties);
        return data;
    }

    private void finishSequence(Run run, SequenceRun seq) {
        TaskRun last = seq.lastTask();
        TaskRun worst = null;
        for (TaskRun t : seq.tasks) {
            if (worst == null || t.result().isWorseThan(worst.result())) {
                worst = t;
            }
        }
        Verdict result = worst == null ? Verdict.PASS : worst.result();
        boolean errored = last != null && last.errored();
        Map<String, Object> data = run.base(seq.stage);
        data.put("status", errored ? "errored" : "succeeded");
        data.put("result", result.keyword());
        data.put("message", worst == null || result == Verdict.PASS ? "" : worst.name + ": " + worst.message());
        emit(run, EventTypes.sequence(seq.stage, seq.name, Phase.FINISHED), seq.triggered.id(), data);
        String event = seq.stage + "." + seq.name + ".finished";
        for (Stage stage : plan.stages()) {
            for (Sequence s : stage.sequences()) {
                for (Trigger t : s.triggeredOn()) {
                    if (t.event().equals(event) && matches(t, result, last)) {
                        Map<String, Object> next = run.base(stage.name());
                        next.put("artifact", run.artifact);
                        next.put("result", result.keyword());
                        next.put("status", errored ? "errored" : "succeeded");
                        emit(run, EventTypes.sequence(stage.name(), s.name(), Phase.TRIGGERED), "", next);
                        break;
                    }
                }
            }
        }
    }

    /**
     * Keptn's selector: none means pass or warning; {@code result} compares with the sequence's result;
     * {@code <task>.result} with the result of the sequence's last task if that task has the name.
     */
    static boolean matches(Trigger trigger, Verdict result, @Nullable TaskRun last) {
        if (trigger.match().isEmpty()) {
            return result != Verdict.FAIL;
        }
        for (Map.Entry<String, String> m : trigger.match().entrySet()) {
            String wanted = m.getValue().toLowerCase(Locale.ROOT);
            if (m.getKey().equals("result")) {
                if (!result.keyword().equals(wanted)) {
                    return false;
                }
            } else if (m.getKey().endsWith(".result")) {
                String task = m.getKey().substring(0, m.getKey().length() - ".result".length());
                if (last == null || !last.name.equals(task) || !last.result().keyword().equals(wanted)) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return true;
    }

    private Outcome execute(Run run, SequenceRun seq, Task task) {
        Duration timeout;
        try {
            timeout = timeoutOf(task);
        } catch (IllegalArgumentException e) {
            return Outcome.errored(e.getMessage());
        }
        switch (task.name()) {
            case "deployment":
                return deploy(run, seq.stage, task, timeout);
            case "test":
                return test(run, seq.stage, task, timeout);
            case "evaluation":
                return evaluate(run, seq.stage, task, timeout);
            case "approval":
                return approve(run, seq, task, timeout);
            case "release":
                return releaseOrRollback(run, seq.stage, true, timeout);
            case "rollback":
                return releaseOrRollback(run, seq.stage, false, timeout);
            default:
                return Outcome.errored("no executor for task '" + task.name() + "'");
        }
    }

    private Outcome deploy(Run run, String stage, Task task, Duration timeout) {
        String strategy = Objects.requireNonNull(task.property("deploymentstrategy"));
        Deployer deployer = deployerFor(stage, strategy);
        DeploymentRequest request = new DeploymentRequest(run.context(stage), run.artifact, strategy,
                task.properties(), timeout);
        StepEvaluator steps = step -> evaluateStep(stage, step);
        return call("deployer " + deployer, timeout, () -> deployer.deploy(request, steps),
                r -> Outcome.of(r.result(), r.message(), Map.of("deployment", deploymentData(strategy, run, r))));
    }

    /**
     * Judges one step of a stepped rollout (a canary share) with the stage's quality gate, over the window since the
     * step began; a stage without a quality gate lets every step go on, and says so in the reason.
     */
    private StepOutcome evaluateStep(String stage, DeploymentStep step) {
        StageEvaluator evaluator = evaluators.get(stage);
        if (evaluator == null) {
            return StepOutcome.pass(step.label() + " not evaluated: stage " + stage + " has no quality gate");
        }
        Instant end = clock.instant();
        if (!end.isAfter(step.since())) {
            end = step.since().plusMillis(1);
        }
        EvaluationResult r = evaluator.evaluate(step.context(), new TimeWindow(step.since(), end), null);
        return new StepOutcome(r.result(), step.label() + ": " + explain(r));
    }

    private static Map<String, Object> deploymentData(String strategy, Run run, DeploymentResult r) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("deploymentstrategy", strategy);
        d.put("artifact", run.artifact);
        d.put("deploymentURIsLocal", r.endpoints().stream().map(URI::toString).toList());
        d.put("deploymentNames", List.of("primary"));
        if (!r.details().isEmpty()) {
            d.put("details", new LinkedHashMap<>(r.details()));
        }
        return d;
    }

    private Outcome test(Run run, String stage, Task task, Duration timeout) {
        String strategy = Objects.requireNonNull(task.property("teststrategy"));
        Tester tester = testerFor(stage, strategy);
        URI target = null;
        TaskRun deployment = run.replay.lastFinished(stage, "deployment", true);
        if (deployment != null && deployment.finishedData().get("deploymentURIsLocal") instanceof List<?> uris
                && !uris.isEmpty()) {
            target = URI.create(String.valueOf(uris.get(0)));
        }
        TestRunRequest request = new TestRunRequest(run.context(stage), strategy, target, task.properties(), timeout);
        return call("tester " + tester, timeout, () -> tester.run(request), r -> {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("teststrategy", strategy);
            t.put("start", r.window().start().toString());
            t.put("end", r.window().end().toString());
            t.put("samples", r.samples());
            t.put("failedSamples", r.failedSamples());
            t.put("failures", r.failures());
            if (r.resultsFile() != null) {
                t.put("resultsFile", r.resultsFile().toString());
            }
            t.put("message", r.message());
            return Outcome.of(r.result(), r.message(), Map.of("test", t));
        });
    }

    private Outcome evaluate(Run run, String stage, Task task, Duration timeout) {
        StageEvaluator evaluator = Objects.requireNonNull(evaluators.get(stage));
        TestRunResult testRun = lastTestRun(run, stage);
        TimeWindow window;
        String timeframe = task.property("timeframe");
        if (timeframe != null) {
            try {
                window = TimeWindow.ending(clock.instant(), GoDuration.parse(timeframe));
            } catch (IllegalArgumentException e) {
                return Outcome.errored("evaluation.timeframe '" + timeframe + "' is not a duration: " + e.getMessage());
            }
        } else if (testRun != null) {
            window = testRun.window();
        } else {
            return Outcome.errored("evaluation.triggered event does not contain evaluation timeframe: give the task a"
                    + " timeframe property, or run a test before it in stage " + stage);
        }
        EvaluationContext context = run.context(stage);
        TimeWindow measured = window;
        return call("the evaluation of stage " + stage, timeout, () -> evaluator.evaluate(context, measured, testRun),
                r -> {
                    Map<String, Object> data = new LinkedHashMap<>(JsonValues.readObject(EvaluationJson.write(r)));
                    boolean errored = r.status() == EvaluationStatus.ERRORED;
                    return new Outcome(false, r.result(), errored, explain(r), data);
                });
    }

    /** The result with the objectives that did not pass, each explained. */
    static String explain(EvaluationResult r) {
        StringBuilder sb = new StringBuilder(r.result() == Verdict.PASS ? "passed" : r.result() == Verdict.WARNING
                ? "warning" : "failed").append(" with a score of ")
                .append(dev.qualitygate.criteria.GoNumbers.format(Math.round(r.score() * 100) / 100.0));
        if (!r.message().isEmpty()) {
            sb.append(": ").append(r.message());
        }
        List<String> failing = new ArrayList<>();
        for (IndicatorResult ir : r.indicatorResults()) {
            if (ir.status() == ObjectiveStatus.FAIL || ir.status() == ObjectiveStatus.WARNING) {
                failing.add(ir.explanation());
            }
        }
        if (!failing.isEmpty()) {
            sb.append(failing.size() == 1 ? ". Objective not met: " : ". Objectives not met: ")
                    .append(String.join("; ", failing));
        }
        return sb.toString();
    }

    private static @Nullable TestRunResult lastTestRun(Run run, String stage) {
        TaskRun test = run.replay.lastFinished(stage, "test", false);
        if (test == null) {
            return null;
        }
        Map<String, Object> t = test.finishedData();
        try {
            Instant start = Instant.parse(String.valueOf(t.get("start")));
            Instant end = Instant.parse(String.valueOf(t.get("end")));
            List<String> failures = t.get("failures") instanceof List<?> l
                    ? l.stream().map(String::valueOf).toList() : List.of();
            Object file = t.get("resultsFile");
            long samples = t.get("samples") instanceof Number n ? n.longValue() : 0;
            long failed = t.get("failedSamples") instanceof Number n ? n.longValue() : 0;
            return new TestRunResult(test.result(), new TimeWindow(start, end), samples, failed, failures,
                    file == null ? null : Path.of(String.valueOf(file)), test.message());
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return null;
        }
    }

    private Outcome approve(Run run, SequenceRun seq, Task task, Duration timeout) {
        Verdict input = approvalInput(run, seq);
        if (input == Verdict.FAIL) {
            return Outcome.of(Verdict.FAIL, "not approved: the result to approve is fail", Map.of());
        }
        String key = input == Verdict.PASS ? "pass" : "warning";
        String written = task.property(key);
        ApprovalMode mode = written == null ? ApprovalMode.MANUAL
                : ApprovalMode.fromKeyword(written).orElse(ApprovalMode.MANUAL);
        if (mode == ApprovalMode.AUTOMATIC) {
            return Outcome.of(Verdict.PASS, "approved automatically (" + key + ": automatic)", Map.of());
        }
        ApprovalHandler handler = approvalHandler;
        if (handler == null) {
            return Outcome.waitForDecision();
        }
        TaskRun evaluation = run.replay.lastFinished(null, "evaluation", false);
        String summary = evaluation == null ? "result " + input.keyword()
                : "evaluation in " + evaluation.triggered.stage() + ": " + evaluation.message();
        ApprovalRequest request = new ApprovalRequest(run.id, run.context(seq.stage), input, summary);
        return call("approval handler " + handler, timeout, () -> handler.decide(request), d -> {
            if (d == ApprovalDecision.PENDING) {
                return Outcome.waitForDecision();
            }
            boolean approved = d == ApprovalDecision.APPROVED;
            return Outcome.of(approved ? Verdict.PASS : Verdict.FAIL,
                    (approved ? "approved" : "rejected") + " by " + handler, Map.of());
        });
    }

    /** Keptn's approval input: the result of the task before, else of the sequence that triggered this one. */
    private static Verdict approvalInput(Run run, SequenceRun seq) {
        TaskRun before = null;
        for (TaskRun t : seq.tasks) {
            if (t.finished != null) {
                before = t;
            }
        }
        if (before != null) {
            return before.result();
        }
        return seq.triggered.result().orElse(Verdict.PASS);
    }

    private Outcome releaseOrRollback(Run run, String stage, boolean release, Duration timeout) {
        String what = release ? "release" : "rollback";
        TaskRun deployment = run.replay.lastFinished(stage, "deployment", release);
        if (deployment == null) {
            return Outcome.of(Verdict.FAIL, "nothing to " + (release ? "release" : "roll back") + ": no deployment"
                    + (release ? " passed" : " ran") + " in stage " + stage + " in this run", Map.of());
        }
        Map<String, Object> properties = deployment.triggeredData();
        String strategy = String.valueOf(properties.getOrDefault("deploymentstrategy", ""));
        Deployer deployer;
        try {
            deployer = deployerFor(stage, strategy);
        } catch (IllegalStateException e) {
            return Outcome.errored(e.getMessage());
        }
        DeploymentRequest request = new DeploymentRequest(run.context(stage), run.artifact, strategy, properties,
                timeout);
        return call("deployer " + deployer, timeout,
                () -> release ? deployer.release(request) : deployer.rollback(request),
                r -> Outcome.of(r.result(), r.message(), Map.of(what, Map.of("deploymentstrategy", strategy))));
    }

    /** Calls a plugin on a task thread, bounded by the timeout plus the grace time. */
    private <T> Outcome call(String who, Duration timeout, Callable<T> call,
            java.util.function.Function<T, Outcome> toOutcome) {
        Future<T> future = executor.submit(call);
        T value;
        try {
            value = future.get(timeout.plus(grace).toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return Outcome.errored(who + " did not answer within " + format(timeout) + " (the task's timeout);"
                    + " it was interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return Outcome.errored(who + " failed: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return Outcome.errored("interrupted while waiting for " + who);
        }
        if (value == null) {
            return Outcome.errored(who + " returned nothing");
        }
        return toOutcome.apply(value);
    }

    private static String format(Duration d) {
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    private Duration timeoutOf(Task task) {
        String written = task.property("timeout");
        if (written != null) {
            return parseTimeout(written);
        }
        return timeouts.getOrDefault(task.name(), DEFAULT_TIMEOUTS.getOrDefault(task.name(), Duration.ofMinutes(10)));
    }

    private static Duration parseTimeout(String written) {
        Duration d;
        try {
            d = written.startsWith("P") || written.startsWith("p") ? Duration.parse(written) : GoDuration.parse(written);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("timeout '" + written + "' is not a duration such as 10m or PT10M");
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("timeout '" + written + "' must be positive");
        }
        return d;
    }

    private Deployer deployerFor(String stage, String strategy) {
        for (Deployer d : stageDeployers.getOrDefault(stage, deployers)) {
            if (d.strategies().contains(strategy)) {
                return d;
            }
        }
        throw new IllegalStateException("no deployer knows the deployment strategy '" + strategy + "' in stage "
                + stage);
    }

    private Tester testerFor(String stage, String strategy) {
        for (Tester t : stageTesters.getOrDefault(stage, testers)) {
            if (t.strategies().contains(strategy)) {
                return t;
            }
        }
        throw new IllegalStateException("no tester knows the test strategy '" + strategy + "' in stage " + stage);
    }

    // ---------------------------------------------------------------------------------------------- preflight

    /** Checks every sequence the given ones (stage and name) can lead to, themselves included. */
    private void preflight(List<String[]> starts) {
        List<Problem> problems = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Deque<String[]> queue = new ArrayDeque<>(starts);
        while (!queue.isEmpty()) {
            String[] next = queue.poll();
            String key = next[0] + "." + next[1];
            if (!seen.add(key)) {
                continue;
            }
            Sequence sequence = plan.sequence(next[0], next[1]).orElse(null);
            if (sequence == null) {
                problems.add(Problem.of("shipyard", "the run needs the sequence " + key + ", which the shipyard no"
                        + " longer has"));
                continue;
            }
            for (Task task : sequence.tasks()) {
                check(next[0], sequence.name(), task, problems);
            }
            for (Stage stage : plan.stages()) {
                for (Sequence s : stage.sequences()) {
                    if (s.triggeredOn().stream().anyMatch(t -> t.event().equals(key + ".finished"))) {
                        queue.add(new String[] {stage.name(), s.name()});
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new GateConfigException(problems);
        }
    }

    private void check(String stage, String sequence, Task task, List<Problem> problems) {
        String where = "shipyard: stage " + stage + ", sequence " + sequence + ", task " + task.name();
        if (!TASKS.contains(task.name())) {
            problems.add(Problem.of(where, "no executor runs this task; the tasks QualityGate runs are "
                    + new TreeSet<>(TASKS)));
            return;
        }
        String timeout = task.property("timeout");
        if (timeout != null) {
            try {
                parseTimeout(timeout);
            } catch (IllegalArgumentException e) {
                problems.add(Problem.of(where, e.getMessage()));
            }
        }
        switch (task.name()) {
            case "deployment":
                checkStrategy(where, stage, task, "deploymentstrategy", stageDeployers.getOrDefault(stage, deployers)
                        .stream().map(Deployer::strategies).toList(), "deployer", problems);
                break;
            case "test":
                checkStrategy(where, stage, task, "teststrategy", stageTesters.getOrDefault(stage, testers)
                        .stream().map(Tester::strategies).toList(), "tester", problems);
                break;
            case "evaluation":
                if (!evaluators.containsKey(stage)) {
                    problems.add(Problem.of(where, "no quality gate is configured for stage " + stage
                            + " (give the stage an SLO); stages with one: " + new TreeSet<>(evaluators.keySet())));
                }
                break;
            case "approval":
                for (String key : List.of("pass", "warning")) {
                    String mode = task.property(key);
                    if (mode != null && ApprovalMode.fromKeyword(mode).isEmpty()) {
                        problems.add(new Problem(where, 0, 0, "properties." + key,
                                "must be automatic or manual", mode));
                    }
                }
                break;
            default:
                break;
        }
    }

    private static void checkStrategy(String where, String stage, Task task, String key, List<Set<String>> known,
            String kind, List<Problem> problems) {
        String strategy = task.property(key);
        if (strategy == null) {
            problems.add(Problem.of(where, "properties." + key + " is missing"));
            return;
        }
        Set<String> all = new TreeSet<>();
        known.forEach(all::addAll);
        if (!all.contains(strategy)) {
            problems.add(new Problem(where, 0, 0, "properties." + key, known.isEmpty()
                    ? "no " + kind + " is configured for stage " + stage
                    : "no " + kind + " configured for stage " + stage + " knows this strategy; they know " + all,
                    strategy));
        }
    }

    private List<String> sequenceNames(String stage) {
        return plan.stages().stream().filter(s -> s.name().equals(stage)).flatMap(s -> s.sequences().stream())
                .map(Sequence::name).toList();
    }

    private static String string(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value instanceof String s ? s : "";
    }

    /** Stops the task threads; a plugin call still running is interrupted. Does not close the plugins. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** Builds a {@link DeliveryRunner}; not thread-safe. */
    public static final class Builder {
        private final Shipyard shipyard;
        private final List<Deployer> deployers = new ArrayList<>();
        private final Map<String, List<Deployer>> stageDeployers = new LinkedHashMap<>();
        private final List<Tester> testers = new ArrayList<>();
        private final Map<String, List<Tester>> stageTesters = new LinkedHashMap<>();
        private final Map<String, StageEvaluator> evaluators = new LinkedHashMap<>();
        private @Nullable ApprovalHandler approvalHandler;
        private EventLog eventLog = EventLog.inMemory();
        private final List<DeliveryListener> listeners = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private final Map<String, Duration> timeouts = new LinkedHashMap<>();
        private Duration grace = Duration.ofSeconds(5);

        private Builder(Shipyard shipyard) {
            this.shipyard = Objects.requireNonNull(shipyard, "shipyard");
        }

        /**
         * Adds a deployer for every stage; a deployment uses the first one that knows its strategy.
         *
         * @param deployer the deployer; the runner does not close it
         * @return this builder
         */
        public Builder deployer(Deployer deployer) {
            deployers.add(Objects.requireNonNull(deployer, "deployer"));
            return this;
        }

        /**
         * Adds a deployer for one stage; a stage with its own deployers uses only those.
         *
         * @param stage the stage
         * @param deployer the deployer; the runner does not close it
         * @return this builder
         */
        public Builder deployer(String stage, Deployer deployer) {
            stageDeployers.computeIfAbsent(Objects.requireNonNull(stage, "stage"), k -> new ArrayList<>())
                    .add(Objects.requireNonNull(deployer, "deployer"));
            return this;
        }

        /**
         * Adds a tester for every stage; a test uses the first one that knows its strategy.
         *
         * @param tester the tester; the runner does not close it
         * @return this builder
         */
        public Builder tester(Tester tester) {
            testers.add(Objects.requireNonNull(tester, "tester"));
            return this;
        }

        /**
         * Adds a tester for one stage; a stage with its own testers uses only those.
         *
         * @param stage the stage
         * @param tester the tester; the runner does not close it
         * @return this builder
         */
        public Builder tester(String stage, Tester tester) {
            stageTesters.computeIfAbsent(Objects.requireNonNull(stage, "stage"), k -> new ArrayList<>())
                    .add(Objects.requireNonNull(tester, "tester"));
            return this;
        }

        /**
         * Sets the quality gate of a stage, which its {@code evaluation} tasks run.
         *
         * @param stage the stage
         * @param evaluator the evaluator
         * @return this builder
         */
        public Builder evaluator(String stage, StageEvaluator evaluator) {
            evaluators.put(Objects.requireNonNull(stage, "stage"), Objects.requireNonNull(evaluator, "evaluator"));
            return this;
        }

        /**
         * Sets who decides manual approvals; without one they wait for {@link #approve} or {@link #reject}.
         *
         * @param handler the handler; the runner does not close it
         * @return this builder
         */
        public Builder approvalHandler(ApprovalHandler handler) {
            this.approvalHandler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * Where events are logged and runs rebuilt from; by default a new in-memory log.
         *
         * @param eventLog the log; the runner does not close it
         * @return this builder
         */
        public Builder eventLog(EventLog eventLog) {
            this.eventLog = Objects.requireNonNull(eventLog, "eventLog");
            return this;
        }

        /**
         * Adds a listener.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(DeliveryListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * The clock that stamps events and ends {@code timeframe} windows; by default the system UTC clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * What waits for {@code triggeredAfter}; by default {@link Sleeper#system()}.
         *
         * @param sleeper the sleeper
         * @return this builder
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * The timeout of every task of a name that does not set its own {@code timeout} property. Defaults:
         * deployment, release and rollback 10 minutes, test 30, evaluation 5, and 5 for an approval handler to
         * answer (a manual approval without a handler waits as long as it takes).
         *
         * @param task the task name
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder timeout(String task, Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            timeouts.put(Objects.requireNonNull(task, "task"), timeout);
            return this;
        }

        /**
         * How long past a task's timeout the runner waits for its plugin before it interrupts it and ends the task as
         * errored; plugins get the timeout in their requests and should stop by themselves. Default 5 seconds.
         *
         * @param grace zero or more
         * @return this builder
         */
        public Builder timeoutGrace(Duration grace) {
            if (grace.isNegative()) {
                throw new IllegalArgumentException("grace must not be negative, was " + grace);
            }
            this.grace = grace;
            return this;
        }

        /**
         * Builds the runner.
         *
         * @return the runner
         */
        public DeliveryRunner build() {
            return new DeliveryRunner(this);
        }
    }
}
