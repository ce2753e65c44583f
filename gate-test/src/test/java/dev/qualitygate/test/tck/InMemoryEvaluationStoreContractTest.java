package dev.qualitygate.test.tck;

import dev.qualitygate.history.EvaluationStore;

class InMemoryEvaluationStoreContractTest extends EvaluationStoreContract {
    @Override
    protected EvaluationStore newStore() {
        return EvaluationStore.inMemory();
    }
}
