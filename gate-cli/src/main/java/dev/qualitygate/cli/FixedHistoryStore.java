package dev.qualitygate.cli;

import dev.qualitygate.history.EvaluationStore;
import dev.qualitygate.history.HistoryKey;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.ResultFilter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The history given with {@code --history}, served as a store whatever the key, keeping nothing: for a fetching
 * evaluation without a store.
 */
final class FixedHistoryStore implements EvaluationStore {
    private final List<EvaluationResult> history;

    FixedHistoryStore(List<EvaluationResult> historyOldestFirst) {
        this.history = List.copyOf(historyOldestFirst);
    }

    @Override
    public void append(EvaluationResult result) {
        // Without --store nothing is kept: the result is printed only.
    }

    @Override
    public List<EvaluationResult> recent(HistoryKey key, ResultFilter filter, int limit) {
        List<EvaluationResult> selected = new ArrayList<>();
        for (int i = history.size() - 1; i >= 0 && selected.size() < limit; i--) {
            if (filter.accepts(history.get(i).result())) {
                selected.add(history.get(i));
            }
        }
        Collections.reverse(selected);
        return selected;
    }
}
