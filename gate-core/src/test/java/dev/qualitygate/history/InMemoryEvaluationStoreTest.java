package dev.qualitygate.history;

import static dev.qualitygate.history.SampleResults.CARTS;
import static dev.qualitygate.history.SampleResults.ORDERS;
import static dev.qualitygate.history.SampleResults.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.ResultFilter;
import dev.qualitygate.model.Verdict;
import org.junit.jupiter.api.Test;

class InMemoryEvaluationStoreTest {

    @Test
    void invalidate_storedResult_recentSkipsItFromThenOn() {
        EvaluationStore store = EvaluationStore.inMemory();
        EvaluationResult c1 = result(CARTS, "c1", Verdict.PASS);
        EvaluationResult c2 = result(CARTS, "c2", Verdict.PASS);
        EvaluationResult o1 = result(ORDERS, "o1", Verdict.PASS);
        store.append(c1);
        store.append(o1);
        store.append(c2);

        assertThat(store.invalidate("c2")).isTrue();
        assertThat(store.invalidate("c2")).isTrue();

        assertThat(store.recent(CARTS, ResultFilter.PASS, 1)).containsExactly(c1);
        assertThat(store.recent(ORDERS, ResultFilter.PASS, 1)).containsExactly(o1);
    }

    @Test
    void invalidate_unknownId_returnsFalse() {
        EvaluationStore store = EvaluationStore.inMemory();
        store.append(result(CARTS, "c1", Verdict.PASS));

        assertThat(store.invalidate("c9")).isFalse();
        assertThat(store.recent(CARTS, ResultFilter.ALL, 5)).extracting(EvaluationResult::id).containsExactly("c1");
    }
}
