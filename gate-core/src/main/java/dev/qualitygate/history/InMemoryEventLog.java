package dev.qualitygate.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** An {@link EventLog} in memory; obtain it from {@link EventLog#inMemory()}. Thread-safe. */
final class InMemoryEventLog implements EventLog {
    private final Map<String, List<LoggedEvent>> runs = new LinkedHashMap<>();

    @Override
    public synchronized boolean append(LoggedEvent event) {
        Objects.requireNonNull(event, "event");
        List<LoggedEvent> events = runs.getOrDefault(event.runId(), new ArrayList<>());
        if (events.size() != event.sequence()) {
            return false;
        }
        events.add(event);
        runs.remove(event.runId());
        runs.put(event.runId(), events);
        return true;
    }

    @Override
    public synchronized List<LoggedEvent> events(String runId) {
        return List.copyOf(runs.getOrDefault(Objects.requireNonNull(runId, "runId"), List.of()));
    }

    @Override
    public synchronized List<String> runs(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        List<String> ids = new ArrayList<>(runs.keySet());
        java.util.Collections.reverse(ids);
        return List.copyOf(ids.subList(0, Math.min(limit, ids.size())));
    }

    @Override
    public String toString() {
        return "in-memory event log";
    }
}
