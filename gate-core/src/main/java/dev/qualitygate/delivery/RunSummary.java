package dev.qualitygate.delivery;

import dev.qualitygate.model.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a delivery run stands, rebuilt from its events: what was delivered, each sequence and task with its result,
 * and the overall state and result.
 *
 * @param runId the run ({@code shkeptncontext})
 * @param project the project
 * @param service the service
 * @param artifact the artifact
 * @param state running, waiting for approval, or finished
 * @param result the worst result of the sequences that finished (an errored sequence counts as {@code fail}); pass
 *     if none has finished
 * @param errored whether a task errored (a plugin threw, timed out, or could not run)
 * @param stage the stage of the sequence that runs or waits now, or of the last one that finished
 * @param sequences the sequences in the order they were triggered
 * @param started when the run started
 * @param updated when its last event happened
 * @param origin where its inputs came from, as the request gave it
 * @since 0.1
 */
public record RunSummary(String runId, String project, String service, String artifact, RunState state,
        Verdict result, boolean errored, String stage, List<SequenceSummary> sequences, Instant started,
        Instant updated, Map<String, String> origin) {

    /** Checks and copies the components. */
    public RunSummary {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(stage, "stage");
        sequences = List.copyOf(sequences);
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(updated, "updated");
        origin = Collections.unmodifiableMap(new LinkedHashMap<>(origin));
    }

    /**
     * One sequence of a run.
     *
     * @param stage the stage
     * @param name the sequence name
     * @param state running, waiting or finished
     * @param result its result once finished: that of its last task; {@code null} before
     * @param errored whether its last task errored
     * @param message the message of its last task when that did not pass; empty otherwise
     * @param tasks its tasks in order
     * @since 0.1
     */
    public record SequenceSummary(String stage, String name, RunState state, @Nullable Verdict result,
            boolean errored, String message, List<TaskSummary> tasks) {

        /** Checks and copies the components. */
        public SequenceSummary {
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(message, "message");
            tasks = List.copyOf(tasks);
        }
    }

    /**
     * One task of a sequence.
     *
     * @param name the task name
     * @param state running, waiting (an approval) or finished
     * @param result its result once finished; {@code null} before
     * @param errored whether it errored
     * @param message its finished message; empty before
     * @since 0.1
     */
    public record TaskSummary(String name, RunState state, @Nullable Verdict result, boolean errored,
            String message) {

        /** Checks the components. */
        public TaskSummary {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * Rebuilds the summary of a run from its events.
     *
     * @param events the run's events in order; not empty
     * @return the summary
     * @throws IllegalArgumentException if there are no events
     */
    public static RunSummary of(List<DeliveryEvent> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a run has at least one event");
        }
        return of(Replay.of(events.get(0).runId(), events));
    }

    static RunSummary of(Replay replay) {
        Map<String, Object> input = replay.input();
        List<SequenceSummary> sequences = new ArrayList<>();
        Verdict result = Verdict.PASS;
        boolean errored = false;
        for (Replay.SequenceRun s : replay.sequences) {
            List<TaskSummary> tasks = new ArrayList<>();
            for (Replay.TaskRun t : s.tasks) {
                RunState taskState = t.finished != null ? RunState.FINISHED
                        : t.name.equals("approval") && t.started != null ? RunState.WAITING : RunState.RUNNING;
                tasks.add(new TaskSummary(t.name, taskState, t.finished == null ? null : t.result(), t.errored(),
                        t.message()));
            }
            DeliveryEvent finished = s.finished;
            if (finished == null) {
                boolean waiting = !tasks.isEmpty() && tasks.get(tasks.size() - 1).state() == RunState.WAITING;
                sequences.add(new SequenceSummary(s.stage, s.name, waiting ? RunState.WAITING : RunState.RUNNING,
                        null, false, "", tasks));
                continue;
            }
            boolean seqErrored = "errored".equals(finished.status());
            Verdict seqResult = seqErrored ? Verdict.FAIL : finished.result().orElse(Verdict.FAIL);
            sequences.add(new SequenceSummary(s.stage, s.name, RunState.FINISHED, seqResult, seqErrored,
                    finished.message(), tasks));
            if (seqResult.isWorseThan(result)) {
                result = seqResult;
            }
            errored |= seqErrored;
        }
        RunState state = replay.current() == null ? RunState.FINISHED
                : replay.waiting() ? RunState.WAITING : RunState.RUNNING;
        Replay.SequenceRun current = replay.current();
        String stage = current != null ? current.stage
                : replay.sequences.isEmpty() ? "" : replay.sequences.get(replay.sequences.size() - 1).stage;
        Map<String, String> origin = new LinkedHashMap<>();
        Replay.objectAt(replay.events.get(0).data(), "origin").forEach((k, v) -> origin.put(k, String.valueOf(v)));
        return new RunSummary(replay.runId, text(input, "project"), text(input, "service"), text(input, "artifact"),
                state, result, errored, stage, sequences, replay.events.get(0).time(),
                replay.events.get(replay.events.size() - 1).time(), origin);
    }

    private static String text(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value instanceof String s ? s : "";
    }

    /**
     * The first task that failed or errored, with its sequence: why the run stopped.
     *
     * @return the sequence and task, or empty if none failed
     */
    public Optional<Map.Entry<SequenceSummary, TaskSummary>> firstFailure() {
        for (SequenceSummary s : sequences) {
            for (TaskSummary t : s.tasks()) {
                if (t.result() == Verdict.FAIL) {
                    return Optional.of(Map.entry(s, t));
                }
            }
        }
        return Optional.empty();
    }
}
