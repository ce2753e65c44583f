package dev.qualitygate.history;

import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.ResultFilter;
import java.nio.file.Path;
import java.util.List;

/**
 * Keeps the history of evaluations that relative criteria compare with, per {@link HistoryKey}.
 *
 * <p>Implementations must be thread-safe. {@link #append} either stores the whole result or throws
 * {@link dev.qualitygate.error.StoreException}; it never leaves half a record that hides the others.
 *
 * <p>QualityGate ships {@link #inMemory()}, {@link #files(Path)} and, in the {@code gate-jdbc} module, a store in
 * PostgreSQL; a host can implement its own (a database, an object store) and pass it to
 * {@link dev.qualitygate.Gate.Builder#store(EvaluationStore)}.
 *
 * @since 0.1
 */
public interface EvaluationStore extends AutoCloseable {

    /**
     * Appends a result to the history of its project, stage and service.
     *
     * @param result the result; its id should be unique
     * @throws dev.qualitygate.error.StoreException if it could not be stored; then nothing was stored
     */
    void append(EvaluationResult result);

    /**
     * The newest evaluations of a history whose overall result the filter accepts, as the baseline of a new
     * evaluation is chosen from. Its cost must not grow with the length of the history. Evaluations marked
     * {@linkplain #invalidate invalidated} are never returned.
     *
     * @param key the project, stage and service
     * @param filter which results are eligible
     * @param limit at most this many; at least 1
     * @return up to {@code limit} evaluations, <em>oldest first</em>; empty if there are none
     * @throws dev.qualitygate.error.StoreException if the history cannot be read
     */
    List<EvaluationResult> recent(HistoryKey key, ResultFilter filter, int limit);

    /**
     * Marks an evaluation as invalidated, as Keptn's {@code sh.keptn.event.evaluation.invalidated} event did: it stays
     * stored, but {@link #recent} never returns it again, so it is never again part of a baseline. Idempotent.
     *
     * <p>The default throws {@link UnsupportedOperationException}; the stores QualityGate ships support it.
     *
     * @param id the evaluation's id
     * @return {@code true} if the store holds an evaluation with this id (now invalidated, whether or not it was
     *     before), {@code false} if it holds none
     * @throws UnsupportedOperationException if this store cannot invalidate evaluations
     * @throws dev.qualitygate.error.StoreException if the store cannot be read or written
     * @since 0.1
     */
    default boolean invalidate(String id) {
        throw new UnsupportedOperationException(this + " cannot invalidate evaluations");
    }

    /**
     * Releases resources; the default does nothing. Idempotent.
     */
    @Override
    default void close() {
    }

    /**
     * A store that lives in memory only, for tests and single runs.
     *
     * @return a new, empty store
     */
    static EvaluationStore inMemory() {
        return new InMemoryEvaluationStore();
    }

    /**
     * The embedded default: one append-only JSON-lines file per project/stage/service under a directory, safe
     * against crashes and against several processes appending at once.
     *
     * @param directory the directory; created if missing
     * @return the store
     */
    static EvaluationStore files(Path directory) {
        return new FileEvaluationStore(directory);
    }
}
