package dev.qualitygate.jdbc;

import static dev.qualitygate.jdbc.Evaluations.CARTS;
import static dev.qualitygate.jdbc.Evaluations.ORDERS;
import static dev.qualitygate.jdbc.Evaluations.TIME;
import static dev.qualitygate.jdbc.Evaluations.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qualitygate.error.GateException;
import dev.qualitygate.error.StoreException;
import dev.qualitygate.history.LoggedEvent;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.ResultFilter;
import dev.qualitygate.model.Verdict;
import dev.qualitygate.report.EvaluationJson;
import dev.qualitygate.spi.Secret;
import dev.qualitygate.spi.SecretResolver;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JdbcEvaluationStoreTest {
    private final List<JdbcEvaluationStore> stores = new ArrayList<>();
    private PostgresServer server;
    private String database;

    @BeforeEach
    void createDatabase() {
        server = PostgresServer.shared();
        database = server.createDatabase();
    }

    @AfterEach
    void closeStores() {
        stores.forEach(JdbcEvaluationStore::close);
    }

    private JdbcEvaluationStore store() {
        return keep(JdbcEvaluationStore.builder().url(server.urlWithCredentials(database)).build());
    }

    private JdbcEvaluationStore keep(JdbcEvaluationStore store) {
        stores.add(store);
        return store;
    }

    private List<List<Object>> query(String sql) throws SQLException {
        try (Connection c = server.connect(database); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void append_result_storesOneRowWithItsJsonAndColumns() throws SQLException {
        JdbcEvaluationStore store = store();
        EvaluationResult result = result(CARTS, "e1", Verdict.WARNING);

        store.append(result);

        List<List<Object>> rows = query("SELECT seq, id, project, stage, service, result, score,"
                + " evaluated_at = '2026-03-01T10:15:30.123457Z', invalidated_at, body, stored_at <= now()"
                + " FROM qg_evaluation");
        assertThat(rows).hasSize(1);
        List<Object> row = rows.get(0);
        assertThat(row.subList(1, 8)).containsExactly("e1", "shop", "production", "carts", "warning", 75.0, true);
        assertThat(row.get(8)).isNull();
        assertThat(row.get(9)).isEqualTo(EvaluationJson.write(result));
        assertThat(row.get(10)).isEqualTo(true);
        assertThat(EvaluationJson.read((String) row.get(9), "body")).isEqualTo(result);
    }

    @Test
    void append_sameResultTwice_keepsOneRowAndConfirmsBoth() throws SQLException {
        JdbcEvaluationStore store = store();
        EvaluationResult result = result(CARTS, "e1", Verdict.PASS);

        store.append(result);
        store.append(result);

        assertThat(query("SELECT count(*) FROM qg_evaluation")).containsExactly(List.of(1L));
        assertThat(store.recent(CARTS, ResultFilter.ALL, 5)).containsExactly(result);
    }

    @Test
    void append_otherResultWithAStoredId_isRefusedAndTheFirstKept() {
        JdbcEvaluationStore store = store();
        EvaluationResult first = result(CARTS, "e1", Verdict.PASS);
        store.append(first);

        assertThatThrownBy(() -> store.append(result(ORDERS, "e1", Verdict.FAIL)))
                .isInstanceOf(StoreException.class)
                .hasMessage("Could not store evaluation 'e1' in " + server.url(database) + "?user=gate&password=****:"
                        + " another evaluation with this id is stored already. It was not stored.");

        assertThat(store.recent(CARTS, ResultFilter.ALL, 5)).containsExactly(first);
        assertThat(store.recent(ORDERS, ResultFilter.ALL, 5)).isEmpty();
    }

    @Test
    void append_resultWithoutId_isRefused() {
        JdbcEvaluationStore store = store();

        assertThatThrownBy(() -> store.append(result(CARTS, "", Verdict.PASS)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the JDBC store needs the id of an evaluation; this one has none");
    }

    @Test
    void recent_rowWithUnreadableJson_skipsItAndTakesTheNextOlder() throws SQLException {
        JdbcEvaluationStore store = store();
        for (int i = 1; i <= 4; i++) {
            store.append(result(CARTS, "e" + i, Verdict.PASS));
        }
        execute("UPDATE qg_evaluation SET body = '{\"broken\": ' WHERE id = 'e3'");

        List<EvaluationResult> recent = store.recent(CARTS, ResultFilter.PASS, 2);

        assertThat(recent).extracting(EvaluationResult::id).containsExactly("e2", "e4");
    }

    @ParameterizedTest
    @CsvSource({"ALL, qg_evaluation_all", "PASS_OR_WARN, qg_evaluation_pass_or_warn", "PASS, qg_evaluation_pass"})
    void recent_anyFilterInALargeHistory_isOneBackwardScanOfItsPartialIndex(ResultFilter filter, String index)
            throws SQLException {
        store();
        execute("INSERT INTO qg_evaluation (id, project, stage, service, result, score, body)"
                + " SELECT 'g' || i, 'shop', 'production', CASE WHEN i % 2 = 0 THEN 'carts' ELSE 'orders' END,"
                + " (ARRAY['pass', 'warning', 'fail'])[1 + i % 3], 50, '{}' FROM generate_series(1, 20000) i");
        execute("ANALYZE qg_evaluation");

        try (Connection c = server.connect(database);
                PreparedStatement s = c.prepareStatement("EXPLAIN " + JdbcEvaluationStore.recentSql(filter))) {
            s.setString(1, "shop");
            s.setString(2, "production");
            s.setString(3, "carts");
            s.setLong(4, Long.MAX_VALUE);
            s.setInt(5, 10);
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            assertThat(plan.toString()).contains("Index Scan Backward using " + index + " on qg_evaluation")
                    .doesNotContain("Sort").doesNotContain("Seq Scan").doesNotContain("Filter");
        }
    }

    @Test
    void build_emptyDatabase_createsTheSchemaAtTheLatestVersion() throws SQLException {
        store();

        assertThat(query("SELECT version, description FROM qg_schema_version ORDER BY version"))
                .containsExactly(List.of(1, "evaluations and events"), List.of(2, "event log of delivery runs"));
        assertThat(query("SELECT indexname FROM pg_indexes WHERE tablename = 'qg_evaluation' ORDER BY 1"))
                .extracting(row -> row.get(0))
                .containsExactly("qg_evaluation_all", "qg_evaluation_pass", "qg_evaluation_pass_or_warn",
                        "qg_evaluation_pkey");
        assertThat(query("SELECT indexname FROM pg_indexes WHERE tablename = 'qg_event' ORDER BY 1"))
                .extracting(row -> row.get(0))
                .containsExactly("qg_event_pkey", "qg_event_position", "qg_event_recent", "qg_event_run");
    }

    @Test
    void build_again_keepsTheDataAndAppliesNothing() throws SQLException {
        JdbcEvaluationStore first = store();
        first.append(result(CARTS, "e1", Verdict.PASS));
        first.invalidate("e1");
        first.append(result(CARTS, "e2", Verdict.PASS));
        first.close();

        JdbcEvaluationStore second = store();

        assertThat(second.recent(CARTS, ResultFilter.ALL, 5)).extracting(EvaluationResult::id).containsExactly("e2");
        assertThat(query("SELECT count(*) FROM qg_evaluation")).containsExactly(List.of(2L));
        assertThat(query("SELECT count(*) FROM qg_schema_version")).containsExactly(List.of(2L));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void build_sixStoresAtOnceOnAnEmptyDatabase_migrateOnceAndAllWork() throws Exception {
        int count = 6;
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<JdbcEvaluationStore>> built = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Callable<JdbcEvaluationStore> build = () -> {
                    start.await();
                    return JdbcEvaluationStore.builder().url(server.urlWithCredentials(database)).build();
                };
                built.add(pool.submit(build));
            }
            start.countDown();
            for (int i = 0; i < count; i++) {
                keep(built.get(i).get(50, TimeUnit.SECONDS)).append(result(CARTS, "e" + i, Verdict.PASS));
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(query("SELECT version FROM qg_schema_version ORDER BY version"))
                .containsExactly(List.of(1), List.of(2));
        assertThat(query("SELECT count(*) FROM qg_evaluation")).containsExactly(List.of((long) count));
    }

    @Test
    void build_schemaOfANewerVersion_usesIt() throws SQLException {
        store().append(result(CARTS, "e1", Verdict.PASS));
        execute("ALTER TABLE qg_evaluation ADD COLUMN added_later text");
        execute("INSERT INTO qg_schema_version (version, description) VALUES (3, 'from a later QualityGate')");

        JdbcEvaluationStore store = store();
        store.append(result(CARTS, "e2", Verdict.PASS));

        assertThat(store.recent(CARTS, ResultFilter.ALL, 5)).extracting(EvaluationResult::id)
                .containsExactly("e1", "e2");
    }

    @Test
    void build_userWithoutTheRightToCreateTables_worksOnAMigratedSchema() throws SQLException {
        store().append(result(CARTS, "e1", Verdict.PASS));
        execute("CREATE ROLE gate_writer LOGIN PASSWORD 'writer-password'");
        execute("GRANT SELECT, INSERT, UPDATE ON qg_schema_version, qg_evaluation, qg_event TO gate_writer");

        JdbcEvaluationStore store = keep(JdbcEvaluationStore.builder().url(server.url(database))
                .user("gate_writer").password(Secret.of("writer-password")).build());
        store.append(result(CARTS, "e2", Verdict.PASS));
        assertThat(store.invalidate("e1")).isTrue();
        assertThat(store.eventLog().append(new LoggedEvent("run-1", 0, "ev1", "sh.keptn.event.evaluation.finished",
                TIME, "{\"id\":\"ev1\"}"))).isTrue();
        assertThat(store.eventLog().runs(5)).containsExactly("run-1");

        assertThat(store.recent(CARTS, ResultFilter.ALL, 5)).extracting(EvaluationResult::id).containsExactly("e2");
    }

    @Test
    void build_userWithoutTheRightToCreateTables_onAnEmptyDatabase_saysWhy() throws SQLException {
        execute("CREATE ROLE gate_reader LOGIN PASSWORD 'reader-password'");

        assertThatThrownBy(() -> JdbcEvaluationStore.builder().url(server.url(database)).user("gate_reader")
                .password(Secret.of("reader-password")).build())
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("Could not prepare the schema in " + server.url(database)
                        + ": this user may not create the tables (schema version 2); open the store once as a user who may (such as the owner of the database or of the"
                        + " tables), then this one can use it: ERROR: permission denied for schema public")
                .hasMessageEndingWith("(SQLSTATE 42501)");
    }

    @Test
    void build_credentialsFromTheEnvironment_connects() {
        SecretResolver env = SecretResolver.of(Map.of("GATE_DB_USER", PostgresServer.USER,
                "GATE_DB_PASSWORD", PostgresServer.PASSWORD, "GATE_DB_PORT", Integer.toString(server.port())));
        String url = "jdbc:postgresql://127.0.0.1:${env:GATE_DB_PORT}/" + database
                + "?user=${env:GATE_DB_USER}&password=${env:GATE_DB_PASSWORD}&currentSchema=public";

        JdbcEvaluationStore store = keep(JdbcEvaluationStore.builder().url(url).secrets(env).build());
        store.append(result(CARTS, "e1", Verdict.PASS));

        assertThat(store.recent(CARTS, ResultFilter.ALL, 1)).extracting(EvaluationResult::id).containsExactly("e1");
        assertThat(store).hasToString("JDBC evaluation store " + url);
    }

    @Test
    void build_tablesInAnotherSchema_followsCurrentSchema() throws SQLException {
        execute("CREATE SCHEMA gate_history");

        JdbcEvaluationStore store = keep(JdbcEvaluationStore.builder()
                .url(server.urlWithCredentials(database) + "&currentSchema=gate_history").build());
        store.append(result(CARTS, "e1", Verdict.PASS));

        assertThat(query("SELECT count(*) FROM gate_history.qg_evaluation")).containsExactly(List.of(1L));
        assertThat(query("SELECT to_regclass('public.qg_evaluation') IS NULL")).containsExactly(List.of(true));
    }

    @Test
    void build_wrongPassword_saysSoWithoutThePassword() {
        assertThatThrownBy(() -> JdbcEvaluationStore.builder().url(server.url(database))
                .user(PostgresServer.USER).password(Secret.of("not-the-password")).build())
                .isInstanceOf(StoreException.class)
                .hasMessage("Could not prepare the schema in " + server.url(database)
                        + ": FATAL: password authentication failed for user \"gate\" (SQLSTATE 28P01)")
                .hasMessageNotContaining("not-the-password");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void build_nothingListening_triesForRetryForThenSaysNoConnectionAnswered() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/gate";
        long start = System.nanoTime();

        assertThatThrownBy(() -> JdbcEvaluationStore.builder().url(url).retryFor(Duration.ofMillis(600)).build())
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("Could not prepare the schema in " + url
                        + ": no connection within 600 ms: Connection to 127.0.0.1:" + port + " refused.")
                .hasMessageEndingWith("(SQLSTATE 08001)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
    }

    @Test
    void build_urlOfAnotherDatabase_isRefused() {
        assertThatThrownBy(() -> JdbcEvaluationStore.builder().url("jdbc:h2:mem:gate").build())
                .isInstanceOf(GateException.class)
                .hasMessageContaining("is not a PostgreSQL JDBC URL");
    }

    @Test
    void closedStore_refusesToWork() {
        JdbcEvaluationStore store = store();
        store.close();

        assertThatThrownBy(() -> store.recent(CARTS, ResultFilter.ALL, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("JDBC evaluation store " + server.url(database) + "?user=gate&password=**** is closed");
    }
}
