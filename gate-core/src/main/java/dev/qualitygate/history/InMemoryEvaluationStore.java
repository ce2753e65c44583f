package dev.qualitygate.history;

import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.ResultFilter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link EvaluationStore} in memory; thread-safe. Obtain it from {@link EvaluationStore#inMemory()}. */
final class InMemoryEvaluationStore implements EvaluationStore {
    private final Map<HistoryKey, List<EvaluationResult>> histories = new ConcurrentHashMap<>();

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
                if (filter.accepts(history.get(i).result())) {
                    selected.add(history.get(i));
                }
            }
        }
        Collections.reverse(selected);
        return selected;
    }

    @Override
    public String toString() {
        return "in-memory evaluation store";
    }
}
