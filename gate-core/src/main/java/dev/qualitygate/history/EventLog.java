package dev.qualitygate.history;

import java.nio.file.Path;
import java.util.List;

/**
 * The durable, append-only log of delivery runs: per run, its events in order. The delivery runner writes every event
 * here before it tells listeners, and rebuilds a run from it, so a run waiting for approval can be resumed by another
 * process, and a finished run can be replayed and reported.
 *
 * <p>Appends are conditional: an event carries its position in the run ({@link LoggedEvent#sequence()}), and is
 * appended only if the run has exactly that many events. Two processes that decide the same approval at once thus
 * cannot both continue the run: the second append returns {@code false}. A database keeps this with a unique key on
 * run and sequence.
 *
 * <p>Implementations are thread-safe. QualityGate ships {@link #inMemory()} and {@link #files(Path)}; a host can
 * implement its own (a database table) and pass it to the delivery runner.
 *
 * @since 0.1
 */
public interface EventLog extends AutoCloseable {

    /**
     * Appends an event at the end of its run, if the run has exactly {@code event.sequence()} events.
     *
     * @param event the event
     * @return {@code true} if appended and durable; {@code false} if the run has a different number of events (another
     *     writer appended first), and then nothing was written
     * @throws dev.qualitygate.error.StoreException if it could not be stored; then nothing was stored, unless the
     *     message says that the write could not be confirmed (a database whose connection was lost after the event
     *     was sent): then it may be stored, and appending the same event again tells
     */
    boolean append(LoggedEvent event);

    /**
     * The events of a run.
     *
     * @param runId the run
     * @return its events in order (sequence 0, 1, ...); empty for an unknown run
     * @throws dev.qualitygate.error.StoreException if the log cannot be read
     */
    List<LoggedEvent> events(String runId);

    /**
     * The runs in the log, those with the most recent event first.
     *
     * @param limit at most this many; at least 1
     * @return run ids
     * @throws dev.qualitygate.error.StoreException if the log cannot be read
     */
    List<String> runs(int limit);

    /** Releases resources; the default does nothing. Idempotent. */
    @Override
    default void close() {
    }

    /**
     * Whether a text can be a run id: 1 to 128 characters of {@code [A-Za-z0-9._-]}, starting with a letter or digit.
     * Stores may use run ids as file names.
     *
     * @param runId the text
     * @return {@code true} if it is a valid run id
     */
    static boolean isValidRunId(String runId) {
        return RunIds.PATTERN.matcher(runId).matches();
    }

    /**
     * A log that lives in memory only, for tests and single runs.
     *
     * @return a new, empty log
     */
    static EventLog inMemory() {
        return new InMemoryEventLog();
    }

    /**
     * The embedded default: one append-only JSON-lines file per run, {@code <directory>/@runs/<run id>.jsonl}, beside
     * the histories of the file evaluation store of the same directory; safe against crashes and against several
     * processes appending at once.
     *
     * @param directory the store directory; created if missing
     * @return the log
     */
    static EventLog files(Path directory) {
        return new FileEventLog(directory);
    }
}
