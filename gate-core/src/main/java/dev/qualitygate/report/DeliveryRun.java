package dev.qualitygate.report;

import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A delivery run as the report shows it, read from its Keptn CloudEvents in log order: the sequences in the order
 * they were triggered ({@code sh.keptn.event.<stage>.<sequence>.triggered}, ended by the {@code .finished} event whose
 * {@code triggeredid} names them), and per sequence its tasks ({@code sh.keptn.event.<task>.triggered},
 * {@code .started}, {@code .finished}). A task event belongs to the first triggered sequence that has not finished,
 * since the runner runs one sequence at a time in trigger order; this is the rule the runner's own replay follows.
 * Events of other types are ignored.
 *
 * <p>The report package sits below the delivery package, so the run is read from the events themselves rather than
 * from the runner's {@code RunSummary}; any log of such events can be shown.
 */
final class DeliveryRun {
    private static final String PREFIX = "sh.keptn.event.";

    /** Where a run stands. */
    enum State {
        /** A task has not finished (it runs, or the process that ran it ended). */
        RUNNING,
        /** A manual approval waits for a decision. */
        WAITING,
        /** Every triggered sequence has finished. */
        FINISHED
    }

    /**
     * One triggered sequence and its tasks, as far as its events go.
     *
     * @param stage the stage
     * @param name the sequence name
     * @param triggered when it was triggered
     * @param finished when it finished, or {@code null}
     * @param result its result once finished (a missing or unknown one counts as fail), or {@code null}
     * @param errored whether it finished errored
     * @param tasks its tasks in the order they were triggered
     */
    record Sequence(String stage, String name, Instant triggered, @Nullable Instant finished,
            @Nullable Verdict result, boolean errored, List<Task> tasks) {
        Sequence {
            tasks = List.copyOf(tasks);
        }
    }

    /**
     * One triggered task, as far as its events go.
     *
     * @param name the task name
     * @param triggered when it was triggered
     * @param started when it started, or {@code null}
     * @param finished when it finished, or {@code null}
     * @param result its result once finished (a missing or unknown one counts as fail), or {@code null}
     * @param errored whether it finished errored
     * @param message the message of its finished event; empty before
     * @param strategy the strategy it ran with ({@code deploymentstrategy}, {@code teststrategy}); may be empty
     * @param approvalMode for an approval: the mode its shipyard gave for the result before it ({@code manual},
     *     {@code automatic}); empty if none
     * @param approvalInput for an approval: the result before it that is to be approved; empty for others
     * @param evaluation the evaluation of a finished {@code evaluation} task, if its event holds one
     */
    record Task(String name, Instant triggered, @Nullable Instant started, @Nullable Instant finished,
            @Nullable Verdict result, boolean errored, String message, String strategy, String approvalMode,
            String approvalInput, @Nullable EvaluationResult evaluation) {

        /** Whether it ended failed: result {@code fail}, or errored. */
        boolean failed() {
            return finished != null && (errored || result == Verdict.FAIL);
        }
    }

    /** A sequence while its events are read. */
    private static final class OpenSequence {
        final String id;
        final String stage;
        final String name;
        final Instant triggered;
        final List<OpenTask> tasks = new ArrayList<>();
        @Nullable Instant finished;
        @Nullable Verdict result;
        boolean errored;

        OpenSequence(String id, String stage, String name, Instant triggered) {
            this.id = id;
            this.stage = stage;
            this.name = name;
            this.triggered = triggered;
        }

        Sequence close() {
            return new Sequence(stage, name, triggered, finished, result, errored,
                    tasks.stream().map(OpenTask::close).toList());
        }
    }

    /** A task while its events are read. */
    private static final class OpenTask {
        final String id;
        final String name;
        final Instant triggered;
        final String approvalMode;
        final String approvalInput;
        @Nullable Instant started;
        @Nullable Instant finished;
        @Nullable Verdict result;
        boolean errored;
        String message = "";
        String strategy;
        @Nullable EvaluationResult evaluation;

        OpenTask(String id, String name, Instant triggered, JsonNode data) {
            this.id = id;
            this.name = name;
            this.triggered = triggered;
            this.strategy = strategy(data.path(name));
            this.approvalInput = name.equals("approval") ? data.path("result").asString("pass") : "";
            this.approvalMode = name.equals("approval") ? data.path("approval").path(approvalInput).asString("")
                    : "";
        }

        Task close() {
            return new Task(name, triggered, started, finished, result, errored, message, strategy, approvalMode,
                    approvalInput, evaluation);
        }
    }

    final String runId;
    final String project;
    final String service;
    final String artifact;
    final Map<String, String> labels;
    final Instant started;
    final Instant updated;
    final List<Sequence> sequences;
    final State state;
    /** The worst result of the finished sequences (an errored one counts as fail); pass if none finished. */
    final Verdict result;
    /** The sequence that runs or waits, or {@code null} when the run has finished. */
    final @Nullable Sequence current;
    /** The first task that failed or errored, or {@code null}: where the delivery stopped. */
    final @Nullable Task stop;
    final @Nullable Sequence stopSequence;

    private DeliveryRun(String runId, JsonNode first, Instant started, Instant updated, List<Sequence> sequences) {
        this.runId = runId;
        JsonNode data = first.path("data");
        this.project = data.path("project").asString("");
        this.service = data.path("service").asString("");
        this.artifact = data.path("artifact").asString("");
        Map<String, String> l = new LinkedHashMap<>();
        data.path("labels").properties().forEach(e -> l.put(e.getKey(), e.getValue().asString("")));
        this.labels = Collections.unmodifiableMap(l);
        this.started = started;
        this.updated = updated;
        this.sequences = List.copyOf(sequences);
        Verdict worst = Verdict.PASS;
        Sequence open = null;
        Task firstFailure = null;
        Sequence failureSequence = null;
        for (Sequence s : this.sequences) {
            if (s.finished() == null) {
                if (open == null) {
                    open = s;
                }
            } else {
                Verdict r = s.errored() || s.result() == null ? Verdict.FAIL : s.result();
                if (r.isWorseThan(worst)) {
                    worst = r;
                }
            }
            for (Task t : s.tasks()) {
                if (firstFailure == null && t.failed()) {
                    firstFailure = t;
                    failureSequence = s;
                }
            }
        }
        this.result = worst;
        this.current = open;
        this.stop = firstFailure;
        this.stopSequence = failureSequence;
        Task waiting = waitingTask(open);
        this.state = open == null ? State.FINISHED : waiting != null ? State.WAITING : State.RUNNING;
    }

    /** The open approval task of a sequence that has started to wait, or {@code null}. */
    private static @Nullable Task waitingTask(@Nullable Sequence s) {
        if (s == null || s.tasks().isEmpty()) {
            return null;
        }
        Task last = s.tasks().get(s.tasks().size() - 1);
        return last.name().equals("approval") && last.started() != null && last.finished() == null ? last : null;
    }

    /** The approval task the run waits on, or {@code null}. */
    @Nullable Task waitingTask() {
        return state == State.WAITING ? waitingTask(current) : null;
    }

    /** The stage the run is in now (running or waiting), stopped in, or finished in; empty for a run of no sequence. */
    String stage() {
        if (current != null) {
            return current.stage();
        }
        if (stopSequence != null) {
            return stopSequence.stage();
        }
        return sequences.isEmpty() ? "" : sequences.get(sequences.size() - 1).stage();
    }

    /**
     * Reads runs.
     *
     * @param runs each run's CloudEvents as JSON text, in log order
     * @return the runs in the same order
     * @throws IllegalArgumentException if a run has no events or an event is not a CloudEvent (naming both)
     */
    static List<DeliveryRun> readAll(List<List<String>> runs) {
        List<DeliveryRun> read = new ArrayList<>(runs.size());
        for (int i = 0; i < runs.size(); i++) {
            read.add(read(runs.get(i), i));
        }
        return read;
    }

    private static DeliveryRun read(List<String> events, int index) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("delivery run [" + index + "] has no events");
        }
        List<OpenSequence> sequences = new ArrayList<>();
        JsonNode first = null;
        String runId = "";
        Instant started = null;
        Instant updated = null;
        for (int i = 0; i < events.size(); i++) {
            JsonNode event;
            try {
                event = EvaluationJson.tree(events.get(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("delivery run [" + index + "], event [" + i + "]: "
                        + e.getMessage(), e);
            }
            String type = event.path("type").asString("");
            Instant time = EvaluationJson.instant(event.path("time").asString(""));
            if (!event.isObject() || type.isEmpty() || time == null) {
                throw new IllegalArgumentException("delivery run [" + index + "], event [" + i + "]: not a CloudEvent"
                        + " with a type and an RFC 3339 time");
            }
            if (first == null) {
                first = event;
                runId = event.path("shkeptncontext").asString("");
                started = time;
            }
            updated = time;
            apply(sequences, event, type, time);
        }
        if (runId.isEmpty()) {
            throw new IllegalArgumentException("delivery run [" + index + "]: its first event has no shkeptncontext"
                    + " (the run id)");
        }
        return new DeliveryRun(runId, first, started, updated,
                sequences.stream().map(OpenSequence::close).toList());
    }

    private static void apply(List<OpenSequence> sequences, JsonNode event, String type, Instant time) {
        if (!type.startsWith(PREFIX)) {
            return;
        }
        String[] parts = type.substring(PREFIX.length()).split("\\.", -1);
        String phase = parts[parts.length - 1];
        for (String part : parts) {
            if (part.isEmpty()) {
                return;
            }
        }
        String id = event.path("id").asString("");
        String triggeredId = event.path("triggeredid").asString("");
        JsonNode data = event.path("data");
        if (parts.length == 3) {
            if (phase.equals("triggered")) {
                sequences.add(new OpenSequence(id, parts[0], parts[1], time));
            } else if (phase.equals("finished")) {
                for (OpenSequence s : sequences) {
                    if (s.id.equals(triggeredId)) {
                        s.finished = time;
                        s.errored = data.path("status").asString("").equals("errored");
                        s.result = Verdict.fromKeyword(data.path("result").asString("")).orElse(Verdict.FAIL);
                    }
                }
            }
            return;
        }
        if (parts.length != 2) {
            return;
        }
        OpenSequence current = null;
        for (OpenSequence s : sequences) {
            if (s.finished == null) {
                current = s;
                break;
            }
        }
        if (current == null) {
            return;
        }
        String name = parts[0];
        if (phase.equals("triggered")) {
            current.tasks.add(new OpenTask(id, name, time, data));
            return;
        }
        for (OpenTask t : current.tasks) {
            if (!t.id.equals(triggeredId)) {
                continue;
            }
            if (phase.equals("started")) {
                t.started = time;
            } else if (phase.equals("finished")) {
                t.finished = time;
                t.errored = data.path("status").asString("").equals("errored");
                t.result = Verdict.fromKeyword(data.path("result").asString("")).orElse(Verdict.FAIL);
                t.message = data.path("message").asString("");
                if (t.strategy.isEmpty()) {
                    t.strategy = strategy(data.path(name));
                }
                if (name.equals("evaluation") && data.path("evaluation").isObject()) {
                    t.evaluation = EvaluationJson.fromEvent(event);
                }
            }
        }
    }

    private static String strategy(JsonNode taskData) {
        String deployment = taskData.path("deploymentstrategy").asString("");
        return deployment.isEmpty() ? taskData.path("teststrategy").asString("") : deployment;
    }
}
