package dev.qualitygate.history;

import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.ResultFilter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link EvaluationStore} in memory; thread-safe. Obtain it from {@link EvaluationStore#inMemory()}. */
final class InMemoryEvaluationStore implements EvaluationStore {
    private final Map<HistoryKey, List<EvaluationResult>> histories = new ConcurrentHashMap<>();
    private final Set<String> invalidated = ConcurrentHashMap.newKeySet();

    @Override
    public void append(EvaluationResult result) {
        Objects.requireNonNull(result, "result");
        List<EvaluationResult> history = histories.computeIfAbsent(HistoryKey.of(result),
                k -> Collections.synchronizedList(new ArrayList<>()));
        history.add(result);
    }

    @Override
    public List<EvaluationResult> recent(HistoryKey key, ResultFilter filter, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        List<EvaluationResult> history = histories.get(key);
        if (history == null) {
            return List.of();
        }
        List<EvaluationResult> selected = new ArrayList<>(limit);
        synchronized (history) {
            for (int i = history.size() - 1; i >= 0 && selected.size() < limit; i--) {
                EvaluationResult result = history.get(i);
                if (filter.accepts(result.result()) && !invalidated.contains(result.id())) {
                    selected.add(result);
                }
            }
        }
        Collections.reverse(selected);
        return selected;
    }

    @Override
    public boolean invalidate(String id) {
        Objects.requireNonNull(id, "id");
        for (List<EvaluationResult> history : histories.values()) {
            synchronized (history) {
                for (EvaluationResult result : history) {
                    if (result.id().equals(id)) {
                        invalidated.add(id);
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "in-memory evaluation store";
    }
}
