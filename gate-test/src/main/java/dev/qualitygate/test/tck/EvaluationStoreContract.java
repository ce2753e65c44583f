package dev.qualitygate.test.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qualitygate.history.EvaluationStore;
import dev.qualitygate.history.HistoryKey;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.IndicatorResult;
import dev.qualitygate.model.KeySliFailure;
import dev.qualitygate.model.ObjectiveStatus;
import dev.qualitygate.model.ResultFilter;
import dev.qualitygate.model.Target;
import dev.qualitygate.model.TargetBasis;
import dev.qualitygate.model.TimeWindow;
import dev.qualitygate.model.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every {@link EvaluationStore} must keep, as JUnit 5 tests: extend this class in the tests of your
 * store and supply new, empty stores.
 *
 * <pre>{@code
 * class MyEvaluationStoreContractTest extends EvaluationStoreContract {
 *     protected EvaluationStore newStore() {
 *         return new MyEvaluationStore(freshDatabase());
 *     }
 * }
 * }</pre>
 *
 * <p>Each rule is one test method. Every store {@link #newStore()} returned is closed after its test.
 *
 * @since 0.1
 */
public abstract class EvaluationStoreContract {
    private static final HistoryKey CARTS = new HistoryKey("shop", "production", "carts");
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    private final List<EvaluationStore> stores = new ArrayList<>();

    /** For subclasses. */
    protected EvaluationStoreContract() {
    }

    /**
     * A new store that holds no evaluations.
     *
     * @return the store; the contract closes it after the test
     */
    protected abstract EvaluationStore newStore();

    /**
     * Whether the store supports {@link EvaluationStore#invalidate}; if not, it must throw
     * {@link UnsupportedOperationException} (as the SPI's default does).
     *
     * @return {@code true} by default
     */
    protected boolean supportsInvalidation() {
        return true;
    }

    /** Closes the stores of the test. */
    @AfterEach
    public void closeStores() {
        stores.forEach(EvaluationStore::close);
    }

    private EvaluationStore store() {
        EvaluationStore store = newStore();
        stores.add(store);
        return store;
    }

    /**
     * An evaluation result with every part filled in: labels, window, time, objectives with absolute and relative
     * targets, compared evaluations, a key SLI failure for a fail, the SLO file.
     *
     * @param key its project, stage and service
     * @param id its id
     * @param verdict its result
     * @return the result
     */
    protected static EvaluationResult result(HistoryKey key, String id, Verdict verdict) {
        Instant end = START.plus(Duration.ofMinutes(Math.floorMod(id.hashCode(), 10_000)));
        return EvaluationResult.builder()
                .id(id)
                .project(key.project())
                .stage(key.stage())
                .service(key.service())
                .labels(Map.of("buildId", id))
                .timeframe(TimeWindow.ending(end, Duration.ofMinutes(5)))
                .time(end.plusMillis(1234))
                .result(verdict)
                .score(verdict == Verdict.PASS ? 100 : verdict == Verdict.WARNING ? 75.5 : 100.0 / 3)
                .message(verdict == Verdict.PASS ? "" : "score below the pass threshold")
                .addIndicatorResult(new IndicatorResult("response_time_p95", "Response time p95", 412.7, true, "",
                        400, ObjectiveStatus.PASS, 1, 1, false,
                        List.of(new Target("<=+10%", 440, false, TargetBasis.BASELINE, 400),
                                new Target("<600", 600, false, TargetBasis.ABSOLUTE, 0)),
                        List.of()))
                .addIndicatorResult(new IndicatorResult("error_rate", "", 0, false, "no data", 0,
                        ObjectiveStatus.FAIL, 0, 2, true, List.of(new Target("<1", 1, true, TargetBasis.ABSOLUTE, 0)),
                        List.of()))
                .comparedEvents(List.of("earlier-1", "earlier-0"))
                .keySliFailure(verdict == Verdict.FAIL ? new KeySliFailure("error_rate", "", "no data") : null)
                .sloFileContent("c3BlY192ZXJzaW9uOiAnMS4wJw==")
                .build();
    }

    private static List<String> ids(List<EvaluationResult> results) {
        return results.stream().map(EvaluationResult::id).toList();
    }

    /** A new store has no history. */
    @Test
    public void recent_newStore_returnsEmpty() {
        assertThat(store().recent(CARTS, ResultFilter.ALL, 10)).isEmpty();
    }

    /** An appended result reads back equal, every part of it. */
    @Test
    public void recent_resultWithEveryPart_readsBackEqual() {
        EvaluationStore store = store();
        EvaluationResult fail = result(CARTS, "everything-1", Verdict.FAIL);
        EvaluationResult warning = result(CARTS, "everything-2", Verdict.WARNING);

        store.append(fail);
        store.append(warning);

        assertThat(store.recent(CARTS, ResultFilter.ALL, 2)).containsExactly(fail, warning);
    }

    /** {@code recent} returns the newest results up to the limit, oldest first. */
    @Test
    public void recent_fiveAppended_returnsTheNewestOldestFirst() {
        EvaluationStore store = store();
        for (int i = 1; i <= 5; i++) {
            store.append(result(CARTS, "order-" + i, Verdict.PASS));
        }

        assertThat(ids(store.recent(CARTS, ResultFilter.ALL, 3))).containsExactly("order-3", "order-4", "order-5");
        assertThat(ids(store.recent(CARTS, ResultFilter.ALL, 1))).containsExactly("order-5");
        assertThat(ids(store.recent(CARTS, ResultFilter.ALL, 100)))
                .containsExactly("order-1", "order-2", "order-3", "order-4", "order-5");
    }

    /** Each filter selects the newest results it accepts, skipping the others. */
    @Test
    public void recent_eachFilter_returnsTheNewestAcceptedResults() {
        EvaluationStore store = store();
        Verdict[] verdicts = {Verdict.PASS, Verdict.FAIL, Verdict.WARNING, Verdict.PASS, Verdict.FAIL,
            Verdict.WARNING, Verdict.FAIL};
        for (int i = 0; i < verdicts.length; i++) {
            store.append(result(CARTS, "filter-" + i, verdicts[i]));
        }

        assertThat(ids(store.recent(CARTS, ResultFilter.PASS, 2))).containsExactly("filter-0", "filter-3");
        assertThat(ids(store.recent(CARTS, ResultFilter.PASS, 5))).containsExactly("filter-0", "filter-3");
        assertThat(ids(store.recent(CARTS, ResultFilter.PASS_OR_WARN, 3)))
                .containsExactly("filter-2", "filter-3", "filter-5");
        assertThat(ids(store.recent(CARTS, ResultFilter.ALL, 2))).containsExactly("filter-5", "filter-6");
    }

    /** Histories that differ in project, stage or service only are kept apart. */
    @Test
    public void recent_historiesDifferingInOnePart_keepsThemApart() {
        EvaluationStore store = store();
        List<HistoryKey> keys = List.of(CARTS, new HistoryKey("shop2", "production", "carts"),
                new HistoryKey("shop", "staging", "carts"), new HistoryKey("shop", "production", "orders"),
                new HistoryKey("", "", ""));
        for (int round = 0; round < 2; round++) {
            for (int k = 0; k < keys.size(); k++) {
                store.append(result(keys.get(k), "key" + k + "-" + round, Verdict.PASS));
            }
        }

        for (int k = 0; k < keys.size(); k++) {
            assertThat(ids(store.recent(keys.get(k), ResultFilter.ALL, 10))).as("history %s", keys.get(k))
                    .containsExactly("key" + k + "-0", "key" + k + "-1");
        }
        assertThat(store.recent(new HistoryKey("shop", "production", "payments"), ResultFilter.ALL, 10)).isEmpty();
    }

    /** A limit below 1 is refused. */
    @Test
    public void recent_limitBelowOne_throwsIllegalArgument() {
        EvaluationStore store = store();
        assertThatThrownBy(() -> store.recent(CARTS, ResultFilter.ALL, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * An invalidated result is never returned again, and the next older accepted one takes its place; or the store
     * does not support invalidation and says so with {@link UnsupportedOperationException}.
     */
    @Test
    public void invalidate_storedResult_isNeverReturnedAgain() {
        EvaluationStore store = store();
        store.append(result(CARTS, "valid-1", Verdict.PASS));
        store.append(result(CARTS, "valid-2", Verdict.PASS));
        store.append(result(CARTS, "invalid-3", Verdict.PASS));
        if (!supportsInvalidation()) {
            assertThatThrownBy(() -> store.invalidate("invalid-3")).isInstanceOf(UnsupportedOperationException.class);
            return;
        }

        assertThat(store.invalidate("invalid-3")).isTrue();
        store.append(result(CARTS, "valid-4", Verdict.PASS));

        assertThat(ids(store.recent(CARTS, ResultFilter.PASS, 3))).containsExactly("valid-1", "valid-2", "valid-4");
        assertThat(ids(store.recent(CARTS, ResultFilter.ALL, 2))).containsExactly("valid-2", "valid-4");
    }

    /** Invalidating twice is harmless and answers {@code true} both times. */
    @Test
    public void invalidate_twice_answersTrueAndStaysInvalidated() {
        EvaluationStore store = store();
        store.append(result(CARTS, "twice-1", Verdict.PASS));
        store.append(result(CARTS, "twice-2", Verdict.WARNING));
        if (!supportsInvalidation()) {
            assertThatThrownBy(() -> store.invalidate("twice-1")).isInstanceOf(UnsupportedOperationException.class);
            return;
        }

        assertThat(store.invalidate("twice-1")).isTrue();
        assertThat(store.invalidate("twice-1")).isTrue();

        assertThat(ids(store.recent(CARTS, ResultFilter.ALL, 5))).containsExactly("twice-2");
    }

    /** Invalidating an id the store does not hold answers {@code false} and changes nothing. */
    @Test
    public void invalidate_unknownId_returnsFalse() {
        EvaluationStore store = store();
        store.append(result(CARTS, "known-1", Verdict.PASS));
        if (!supportsInvalidation()) {
            assertThatThrownBy(() -> store.invalidate("unknown")).isInstanceOf(UnsupportedOperationException.class);
            return;
        }

        assertThat(store.invalidate("unknown")).isFalse();
        assertThat(store.invalidate("earlier-1")).as("an id the stored result names in comparedEvents").isFalse();

        assertThat(ids(store.recent(CARTS, ResultFilter.ALL, 5))).containsExactly("known-1");
    }

    /**
     * Four threads appending to one history at once lose nothing: every result is there once, each thread's in the
     * order it appended them.
     *
     * @throws Exception if a thread fails
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    public void append_fourThreadsAtOnce_keepsEveryResultOnceInOrder() throws Exception {
        EvaluationStore store = store();
        int threads = 4;
        int perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String prefix = "t" + t + "-";
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        store.append(result(CARTS, prefix + i, Verdict.PASS));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(50, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<String> stored = ids(store.recent(CARTS, ResultFilter.ALL, threads * perThread + 10));
        assertThat(stored).hasSize(threads * perThread).doesNotHaveDuplicates();
        for (int t = 0; t < threads; t++) {
            String prefix = "t" + t + "-";
            assertThat(stored.stream().filter(id -> id.startsWith(prefix)))
                    .containsExactlyElementsOf(IntStream.range(0, perThread).mapToObj(i -> prefix + i).toList());
        }
    }

    /** Closing twice is harmless. */
    @Test
    public void close_twice_isHarmless() {
        EvaluationStore store = store();
        store.close();
        store.close();
    }
}
