package dev.qualitygate.jdbc;

import dev.qualitygate.history.EvaluationStore;
import dev.qualitygate.history.EventLog;
import dev.qualitygate.spi.SecretResolver;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where delivery runs keep their state, opened from the {@code store} of {@code gate.yaml} or the {@code --store}
 * option of the {@code gate} command: the evaluation history and the event log of delivery runs, side by side.
 *
 * <ul>
 *   <li>A directory: the {@linkplain EvaluationStore#files file store} ({@code <dir>/<project>/<stage>/<service>.jsonl})
 *       and the {@linkplain EventLog#files file event log} ({@code <dir>/@runs/<run id>.jsonl}).
 *   <li>A {@code jdbc:postgresql:} URL: one {@link JdbcEvaluationStore} (table {@code qg_evaluation}) and its
 *       {@linkplain JdbcEvaluationStore#eventLog() event log} (table {@code qg_event}), sharing its connections.
 * </ul>
 *
 * <pre>{@code
 * try (DeliveryStore store = DeliveryStore.open(settings.store(), configFile.getParent());
 *         Gate gate = Gate.builder().slo(slo).sli(sli).sources(settings).store(store.history()).build();
 *         DeliveryRunner runner = DeliveryRunner.builder(shipyard).eventLog(store.eventLog())
 *                 .evaluator("staging", (context, window, run) -> gate.evaluate(context, window, run))
 *                 .build()) {
 *     runner.start(request);
 * }
 * }</pre>
 *
 * <p>Thread-safe as its parts are.
 *
 * @since 0.1
 */
public final class DeliveryStore implements AutoCloseable {
    private final EvaluationStore history;
    private final EventLog eventLog;
    private final String description;

    private DeliveryStore(EvaluationStore history, EventLog eventLog, String description) {
        this.history = history;
        this.eventLog = eventLog;
        this.description = description;
    }

    /**
     * Opens a store, resolving {@code ${env:…}} references of a URL from the process environment.
     *
     * @param location a {@code jdbc:postgresql:} URL, or a directory
     * @param baseDirectory what a relative directory is relative to (the configuration file's directory, or the
     *     working directory for a command-line option)
     * @return the store; close it when done
     * @throws dev.qualitygate.error.GateException if a URL is not PostgreSQL's or a reference cannot be resolved
     * @throws dev.qualitygate.error.StoreException if the database cannot be used
     */
    public static DeliveryStore open(String location, Path baseDirectory) {
        return open(location, baseDirectory, SecretResolver.system());
    }

    /**
     * Opens a store, resolving the references of a URL with the given resolver.
     *
     * @param location a {@code jdbc:postgresql:} URL, or a directory
     * @param baseDirectory what a relative directory is relative to
     * @param secrets resolves {@code ${env:…}} and {@code ${file:…}} references in a URL
     * @return the store; close it when done
     * @throws dev.qualitygate.error.GateException if a URL is not PostgreSQL's or a reference cannot be resolved
     * @throws dev.qualitygate.error.StoreException if the database cannot be used
     */
    public static DeliveryStore open(String location, Path baseDirectory, SecretResolver secrets) {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(baseDirectory, "baseDirectory");
        if (EvaluationStores.isJdbc(location)) {
            JdbcEvaluationStore store = JdbcEvaluationStore.builder().url(location).secrets(secrets).build();
            return new DeliveryStore(store, store.eventLog(), store.description());
        }
        Path directory = baseDirectory.resolve(location);
        return new DeliveryStore(EvaluationStore.files(directory), EventLog.files(directory), directory.toString());
    }

    /**
     * The evaluation history, for the quality gates of the runs.
     *
     * @return the history; closed with this store
     */
    public EvaluationStore history() {
        return history;
    }

    /**
     * The event log of delivery runs.
     *
     * @return the log; closed with this store
     */
    public EventLog eventLog() {
        return eventLog;
    }

    /**
     * Names the store for messages, without secrets.
     *
     * @return the directory, or the URL as written with a literal password masked
     */
    public String description() {
        return description;
    }

    /** Closes the event log and the history (the database connections). Idempotent. */
    @Override
    public void close() {
        eventLog.close();
        history.close();
    }

    @Override
    public String toString() {
        return description;
    }
}
