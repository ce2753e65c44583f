package dev.qualitygate.jdbc;

import static dev.qualitygate.jdbc.Evaluations.CARTS;
import static dev.qualitygate.jdbc.Evaluations.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.qualitygate.error.StoreException;
import dev.qualitygate.history.EventLog;
import dev.qualitygate.history.LoggedEvent;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.ResultFilter;
import dev.qualitygate.model.Verdict;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The store and its event log when the database fails: restarted or killed mid-run, down for longer than the store
 * retries, a connection terminated by an administrator, and a full disk. These tests stop and limit their own server.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JdbcEvaluationStoreFaultTest {
    private static PostgresServer server;

    private final List<JdbcEvaluationStore> stores = new ArrayList<>();
    private final ExecutorService background = Executors.newCachedThreadPool();
    private String database;

    @BeforeAll
    static void startServer() {
        server = PostgresServer.startPrivate("");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void createDatabase() {
        database = server.createDatabase();
    }

    @AfterEach
    void closeStores() {
        background.shutdownNow();
        stores.forEach(JdbcEvaluationStore::close);
    }

    private JdbcEvaluationStore store(PostgresServer on, String db, Duration retryFor) {
        JdbcEvaluationStore store = JdbcEvaluationStore.builder().url(on.urlWithCredentials(db)).retryFor(retryFor)
                .build();
        stores.add(store);
        return store;
    }

    private String description() {
        return server.url(database) + "?user=gate&password=****";
    }

    private List<String> storedIds(PostgresServer on, String db) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = on.connect(db); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM qg_evaluation ORDER BY seq")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private static void awaitCondition(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                fail("not within 30 s: " + what);
            }
            Thread.sleep(10);
        }
    }

    /** Holds the advisory lock of the history of {@code CARTS} in an open transaction, so that appends wait. */
    private Connection holdHistoryLock() throws SQLException {
        Connection c = server.connect(database);
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + JdbcEvaluationStore.HISTORY_LOCK_CLASS + ", "
                    + JdbcEvaluationStore.lockKey(CARTS) + ")");
        }
        return c;
    }

    /** Whether a connection of a store waits for a lock. */
    private boolean storeWaitsForALock() throws SQLException {
        try (Connection c = server.connect(database); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name ="
                        + " 'qualitygate' AND wait_event_type = 'Lock'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    /** Terminates every connection of the stores, as an administrator or a failing network would. */
    private int terminateStoreConnections() throws SQLException {
        try (Connection c = server.connect(database); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE application_name = 'qualitygate'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void appendAndRecent_serverRestartedAndKilledWhileInUse_reconnectAndKeepEveryConfirmedResultOnce()
            throws Exception {
        JdbcEvaluationStore store = store(server, database, Duration.ofSeconds(30));
        List<String> confirmed = new CopyOnWriteArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Future<?> appender = background.submit(() -> {
            for (int i = 0; running.get(); i++) {
                try {
                    store.append(result(CARTS, "r" + i, Verdict.PASS));
                    confirmed.add("r" + i);
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
        });
        Future<?> reader = background.submit(() -> {
            while (running.get()) {
                try {
                    store.recent(CARTS, ResultFilter.PASS, 3);
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
        });

        awaitCondition("20 confirmed appends", () -> confirmed.size() >= 20);
        server.restart();
        int afterRestart = confirmed.size();
        awaitCondition("20 appends after the restart", () -> confirmed.size() >= afterRestart + 20);
        server.kill();
        server.start();
        int afterKill = confirmed.size();
        awaitCondition("20 appends after the crash", () -> confirmed.size() >= afterKill + 20);
        running.set(false);
        appender.get(30, TimeUnit.SECONDS);
        reader.get(30, TimeUnit.SECONDS);

        assertThat(failures).isEmpty();
        assertThat(storedIds(server, database)).containsExactlyElementsOf(confirmed);
    }

    @Test
    void append_serverDownLongerThanRetryFor_reportsItAndStoresOnceWhenRepeated() throws Exception {
        JdbcEvaluationStore store = store(server, database, Duration.ofSeconds(1));
        store.append(result(CARTS, "before", Verdict.PASS));
        EvaluationResult first = result(CARTS, "down-1", Verdict.PASS);
        EvaluationResult second = result(CARTS, "down-2", Verdict.PASS);

        server.stop();
        try {
            assertThatThrownBy(() -> store.append(first))
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("Could not confirm that evaluation 'down-1' was stored in " + description()
                            + ": the connection was lost and no new one answered within 1 s: Connection to 127.0.0.1:"
                            + server.port() + " refused.")
                    .hasMessageEndingWith("(SQLSTATE 08001). It may or may not be stored; appending it again is"
                            + " safe, since a store keeps one row per id.");
            assertThatThrownBy(() -> store.append(second))
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("Could not store evaluation 'down-2' in " + description()
                            + ": no connection within 1 s: Connection to 127.0.0.1:" + server.port() + " refused.")
                    .hasMessageEndingWith("(SQLSTATE 08001). It was not stored.");
        } finally {
            server.start();
        }
        store.append(first);
        store.append(second);
        store.append(first);

        assertThat(storedIds(server, database)).containsExactly("before", "down-1", "down-2");
    }

    @Test
    void append_sentButServerKilledBeforeCommit_reportsItUnconfirmedAndStoresOnceWhenRepeated() throws Exception {
        JdbcEvaluationStore store = store(server, database, Duration.ofSeconds(1));
        store.append(result(CARTS, "before", Verdict.PASS));
        EvaluationResult blocked = result(CARTS, "blocked", Verdict.PASS);
        Future<?> append;
        try (Connection lock = holdHistoryLock()) {
            append = background.submit(() -> store.append(blocked));
            awaitCondition("the append waits for the history's lock", this::storeWaitsForALock);
            server.kill();
        }
        try {
            assertThatThrownBy(() -> append.get(30, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("Could not confirm that evaluation 'blocked' was stored in "
                            + description() + ": the connection was lost and no new one answered within 1 s: ")
                    .hasMessageEndingWith(" It may or may not be stored; appending it again is safe, since a store"
                            + " keeps one row per id.");
        } finally {
            server.start();
        }
        store.append(blocked);

        assertThat(storedIds(server, database)).containsExactly("before", "blocked");
    }

    @Test
    void append_connectionTerminatedWhileWaiting_reconnectsSendsAgainAndStoresOnce() throws Exception {
        JdbcEvaluationStore store = store(server, database, Duration.ofSeconds(30));
        store.append(result(CARTS, "before", Verdict.PASS));
        Future<?> append;
        try (Connection lock = holdHistoryLock()) {
            append = background.submit(() -> store.append(result(CARTS, "waiting", Verdict.PASS)));
            awaitCondition("the append waits for the history's lock", this::storeWaitsForALock);
            assertThat(terminateStoreConnections()).isPositive();
            awaitCondition("the append waits for the lock again, on a new connection", this::storeWaitsForALock);
            lock.commit();
        }
        append.get(30, TimeUnit.SECONDS);

        assertThat(storedIds(server, database)).containsExactly("before", "waiting");
    }

    /** An event at a position of run-1 for the event log's tests. */
    private static LoggedEvent event(int position, String id) {
        return new LoggedEvent("run-1", position, id, "sh.keptn.event.test.finished", Evaluations.TIME,
                "{\"id\":\"" + id + "\",\"data\":{\"project\":\"shop\"}}");
    }

    /** Another writer's event at position 1 of run-1 in an open transaction, so that an append there waits. */
    private Connection insertAtPositionOneUncommitted() throws SQLException {
        Connection c = server.connect(database);
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO qg_event (id, run_id, position, type, time, project, stage, service, data)"
                    + " VALUES ('other', 'run-1', 1, 'sh.keptn.event.test.finished', now(), '', '', '', '{}')");
        }
        return c;
    }

    @Test
    void eventLogAppend_serverRestartedAndKilledWhileInUse_reconnectsAndKeepsEveryConfirmedEventInItsPosition()
            throws Exception {
        EventLog log = store(server, database, Duration.ofSeconds(30)).eventLog();
        List<String> confirmed = new CopyOnWriteArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Future<?> appender = background.submit(() -> {
            for (int position = 0; running.get(); position++) {
                try {
                    if (log.append(event(position, "ev-" + position))) {
                        confirmed.add("ev-" + position);
                    } else {
                        failures.add(new AssertionError("position " + position + " was refused"));
                    }
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
        });

        awaitCondition("20 confirmed events", () -> confirmed.size() >= 20);
        server.restart();
        int afterRestart = confirmed.size();
        awaitCondition("20 events after the restart", () -> confirmed.size() >= afterRestart + 20);
        server.kill();
        server.start();
        int afterKill = confirmed.size();
        awaitCondition("20 events after the crash", () -> confirmed.size() >= afterKill + 20);
        running.set(false);
        appender.get(30, TimeUnit.SECONDS);

        assertThat(failures).isEmpty();
        assertThat(log.events("run-1")).extracting(LoggedEvent::id).containsExactlyElementsOf(confirmed);
    }

    @Test
    void eventLogAppend_connectionTerminatedWhileWaiting_reconnectsSendsAgainAndAppendsOnce() throws Exception {
        EventLog log = store(server, database, Duration.ofSeconds(30)).eventLog();
        log.append(event(0, "ev-0"));
        Future<Boolean> append;
        try (Connection other = insertAtPositionOneUncommitted()) {
            append = background.submit(() -> log.append(event(1, "ev-1")));
            awaitCondition("the append waits for the other writer", this::storeWaitsForALock);
            assertThat(terminateStoreConnections()).isPositive();
            awaitCondition("the append waits again, on a new connection", this::storeWaitsForALock);
            other.rollback();
        }

        assertThat(append.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(log.events("run-1")).extracting(LoggedEvent::id).containsExactly("ev-0", "ev-1");
    }

    @Test
    void eventLogAppend_connectionTerminatedWithoutRetries_saysItMayBeStoredThenSeesTheOtherWriterWon()
            throws Exception {
        EventLog log = store(server, database, Duration.ZERO).eventLog();
        log.append(event(0, "ev-0"));
        try (Connection other = insertAtPositionOneUncommitted()) {
            Future<Boolean> append = background.submit(() -> log.append(event(1, "ev-1")));
            awaitCondition("the append waits for the other writer", this::storeWaitsForALock);
            terminateStoreConnections();
            assertThatThrownBy(() -> append.get(30, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("Could not confirm that event 'ev-1' at position 1 of run run-1 was"
                            + " stored in " + description() + ": the connection was lost: FATAL: terminating"
                            + " connection due to administrator command")
                    .hasMessageEndingWith("(SQLSTATE 57P01). It may or may not be stored; appending it again is"
                            + " safe, since a store keeps one row per id.");
            other.commit();
        }

        assertThat(log.append(event(1, "ev-1"))).as("appended again: position 1 is the other writer's").isFalse();
        assertThat(log.events("run-1")).extracting(LoggedEvent::id).containsExactly("ev-0", "other");
    }

    @Test
    void recentAndInvalidate_connectionsTerminated_reconnectTransparently() throws Exception {
        JdbcEvaluationStore store = store(server, database, Duration.ofSeconds(30));
        store.append(result(CARTS, "e1", Verdict.PASS));
        store.append(result(CARTS, "e2", Verdict.PASS));

        assertThat(terminateStoreConnections()).isPositive();
        assertThat(store.recent(CARTS, ResultFilter.ALL, 5)).extracting(EvaluationResult::id)
                .containsExactly("e1", "e2");
        assertThat(terminateStoreConnections()).isPositive();
        assertThat(store.invalidate("e2")).isTrue();

        assertThat(store.recent(CARTS, ResultFilter.ALL, 5)).extracting(EvaluationResult::id).containsExactly("e1");
    }

    @Test
    void appendAndRecent_connectionTerminatedWithoutRetries_saySoClearly() throws Exception {
        JdbcEvaluationStore store = store(server, database, Duration.ZERO);
        store.append(result(CARTS, "e1", Verdict.PASS));

        terminateStoreConnections();
        assertThatThrownBy(() -> store.append(result(CARTS, "e2", Verdict.PASS)))
                .isInstanceOf(StoreException.class)
                .hasMessage("Could not confirm that evaluation 'e2' was stored in " + description() + ": the connection"
                        + " was lost: FATAL: terminating connection due to administrator command (SQLSTATE 57P01)."
                        + " It may or may not be stored; appending it again is safe, since a store keeps one row per"
                        + " id.");
        store.append(result(CARTS, "e3", Verdict.PASS));
        terminateStoreConnections();
        assertThatThrownBy(() -> store.recent(CARTS, ResultFilter.ALL, 5))
                .isInstanceOf(StoreException.class)
                .hasMessage("Could not read the history shop/production/carts in " + description() + ": the connection"
                        + " was lost: FATAL: terminating connection due to administrator command (SQLSTATE 57P01)");

        assertThat(store.recent(CARTS, ResultFilter.ALL, 5)).extracting(EvaluationResult::id)
                .containsExactly("e1", "e3");
    }

    @Test
    void append_fileSizeLimitOfTheServerReached_failsAtOnceNamingTheCauseAndKeepsTheRest() throws Exception {
        // ulimit -f (in 512-byte blocks for /bin/sh) on the server: extending a data file past 32 MB fails with EFBIG,
        // which PostgreSQL reports as it reports a full disk ("could not extend file ...; Check free disk space").
        try (PostgresServer limited = PostgresServer.startPrivate("ulimit -f 65536")) {
            String db = limited.createDatabase();
            JdbcEvaluationStore store = store(limited, db, Duration.ofSeconds(30));
            SecureRandom random = new SecureRandom();
            List<String> confirmed = new ArrayList<>();
            StoreException failure = null;
            long start = System.nanoTime();
            for (int i = 0; i < 1_000 && failure == null; i++) {
                byte[] noise = new byte[150_000];
                random.nextBytes(noise);
                EvaluationResult big = result(CARTS, "big-" + i, Verdict.PASS,
                        Map.of("noise", Base64.getEncoder().encodeToString(noise)), List.of());
                try {
                    store.append(big);
                    confirmed.add(big.id());
                } catch (StoreException e) {
                    failure = e;
                }
            }

            assertThat(failure).as("an append failed once the limit was reached").isNotNull();
            String description = limited.url(db) + "?user=gate&password=****";
            assertThat(failure.getMessage())
                    .startsWith("Could not store evaluation 'big-" + confirmed.size() + "' in " + description
                            + ": ERROR: could not extend file ")
                    .contains("File too large Hint: Check free disk space.")
                    .endsWith(". It was not stored.");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no retries for a full disk")
                    .isLessThan(Duration.ofSeconds(30));
            assertThat(confirmed).hasSizeGreaterThan(50);
            assertThat(storedIds(limited, db)).containsExactlyElementsOf(confirmed);
            assertThat(store.recent(CARTS, ResultFilter.ALL, 2)).extracting(EvaluationResult::id)
                    .containsExactlyElementsOf(confirmed.subList(confirmed.size() - 2, confirmed.size()));
        }
    }
}
