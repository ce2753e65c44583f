package dev.qualitygate.test.tck;

import dev.qualitygate.history.EvaluationStore;
import dev.qualitygate.history.HistoryKey;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.ResultFilter;
import java.util.List;

/** A store that keeps the SPI's default {@code invalidate}, as a host's own store might. */
class NoInvalidationStoreContractTest extends EvaluationStoreContract {
    @Override
    protected EvaluationStore newStore() {
        EvaluationStore memory = EvaluationStore.inMemory();
        return new EvaluationStore() {
            @Override
            public void append(EvaluationResult result) {
                memory.append(result);
            }

            @Override
            public List<EvaluationResult> recent(HistoryKey key, ResultFilter filter, int limit) {
                return memory.recent(key, filter, limit);
            }
        };
    }

    @Override
    protected boolean supportsInvalidation() {
        return false;
    }
}
