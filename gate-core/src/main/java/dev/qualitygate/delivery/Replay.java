package dev.qualitygate.delivery;

import dev.qualitygate.delivery.EventTypes.Parsed;
import dev.qualitygate.delivery.EventTypes.Phase;
import dev.qualitygate.model.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A run rebuilt from its events: its sequences in the order they were triggered, and per sequence its tasks. Task
 * events belong to the first sequence that has not finished, since a runner runs one sequence at a time, in the order
 * they were triggered. Not thread-safe; one per run and thread.
 */
final class Replay {
    /** One triggered sequence. */
    static final class SequenceRun {
        final DeliveryEvent triggered;
        final String stage;
        final String name;
        final List<TaskRun> tasks = new ArrayList<>();
        @Nullable DeliveryEvent finished;

        SequenceRun(DeliveryEvent triggered, String stage, String name) {
            this.triggered = triggered;
            this.stage = stage;
            this.name = name;
        }

        @Nullable TaskRun lastTask() {
            return tasks.isEmpty() ? null : tasks.get(tasks.size() - 1);
        }

        @Nullable TaskRun openTask() {
            TaskRun last = lastTask();
            return last != null && last.finished == null ? last : null;
        }
    }

    /** One triggered task. */
    static final class TaskRun {
        final DeliveryEvent triggered;
        final String name;
        @Nullable DeliveryEvent started;
        @Nullable DeliveryEvent finished;

        TaskRun(DeliveryEvent triggered, String name) {
            this.triggered = triggered;
            this.name = name;
        }

        /** The finished result; an errored task counts as failed, as Keptn's controller counted it. */
        Verdict result() {
            DeliveryEvent f = finished;
            if (f == null) {
                return Verdict.PASS;
            }
            return errored() ? Verdict.FAIL : f.result().orElse(Verdict.FAIL);
        }

        boolean errored() {
            DeliveryEvent f = finished;
            return f != null && "errored".equals(f.status());
        }

        String message() {
            DeliveryEvent f = finished;
            return f == null ? "" : f.message();
        }

        /** The task data of the finished event ({@code data.<task>}), or empty. */
        Map<String, Object> finishedData() {
            DeliveryEvent f = finished;
            return f == null ? Map.of() : objectAt(f.data(), name);
        }

        /** The task data of the triggered event ({@code data.<task>}), or empty. */
        Map<String, Object> triggeredData() {
            return objectAt(triggered.data(), name);
        }
    }

    final String runId;
    final List<DeliveryEvent> events = new ArrayList<>();
    final List<SequenceRun> sequences = new ArrayList<>();

    Replay(String runId) {
        this.runId = runId;
    }

    static Replay of(String runId, List<DeliveryEvent> events) {
        Replay replay = new Replay(runId);
        events.forEach(replay::apply);
        return replay;
    }

    void apply(DeliveryEvent event) {
        events.add(event);
        Optional<Parsed> parsed = event.parsedType();
        if (parsed.isEmpty()) {
            return;
        }
        Parsed p = parsed.get();
        if (p.isSequence()) {
            if (p.phase() == Phase.TRIGGERED) {
                sequences.add(new SequenceRun(event, p.stage(), p.name()));
            } else if (p.phase() == Phase.FINISHED) {
                for (SequenceRun s : sequences) {
                    if (s.triggered.id().equals(event.triggeredId())) {
                        s.finished = event;
                    }
                }
            }
            return;
        }
        SequenceRun current = current();
        if (current == null) {
            return;
        }
        if (p.phase() == Phase.TRIGGERED) {
            current.tasks.add(new TaskRun(event, p.name()));
            return;
        }
        for (TaskRun t : current.tasks) {
            if (t.triggered.id().equals(event.triggeredId())) {
                if (p.phase() == Phase.STARTED) {
                    t.started = event;
                } else {
                    t.finished = event;
                }
            }
        }
    }

    /** The sequence that runs now: the first triggered one that has not finished. */
    @Nullable SequenceRun current() {
        for (SequenceRun s : sequences) {
            if (s.finished == null) {
                return s;
            }
        }
        return null;
    }

    /** The run's input: the data of its first event. */
    Map<String, Object> input() {
        return events.isEmpty() ? Map.of() : nonNull(events.get(0).data());
    }

    /** The last finished task of a name in a stage (any stage for {@code null}), looking back over the whole run. */
    @Nullable TaskRun lastFinished(@Nullable String stage, String task, boolean successfulOnly) {
        for (int i = sequences.size() - 1; i >= 0; i--) {
            SequenceRun s = sequences.get(i);
            if (stage != null && !s.stage.equals(stage)) {
                continue;
            }
            for (int j = s.tasks.size() - 1; j >= 0; j--) {
                TaskRun t = s.tasks.get(j);
                if (t.name.equals(task) && t.finished != null
                        && (!successfulOnly || t.result() != Verdict.FAIL)) {
                    return t;
                }
            }
        }
        return null;
    }

    /** Whether the run waits for a manual approval. */
    boolean waiting() {
        SequenceRun s = current();
        TaskRun open = s == null ? null : s.openTask();
        return open != null && open.name.equals("approval") && open.started != null;
    }

    static Map<String, Object> objectAt(Map<String, @Nullable Object> data, String key) {
        Object value = data.get(key);
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                if (v != null) {
                    copy.put(String.valueOf(k), v);
                }
            });
            return copy;
        }
        return Map.of();
    }

    static Map<String, Object> nonNull(Map<String, @Nullable Object> data) {
        Map<String, Object> copy = new LinkedHashMap<>();
        data.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }
}
