package dev.qualitygate.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qualitygate.error.StoreException;
import dev.qualitygate.history.EventLog;
import dev.qualitygate.history.LoggedEvent;
import dev.qualitygate.spi.Secret;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the JDBC event log does beyond {@link JdbcEventLogContractTest}: its columns, refusals, scale, migration. */
class JdbcEventLogTest {
    private static final Instant TIME = Instant.parse("2026-11-26T10:15:30.123456789Z");

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

    private EventLog log() {
        JdbcEvaluationStore store = JdbcEvaluationStore.builder().url(server.urlWithCredentials(database)).build();
        stores.add(store);
        return store.eventLog();
    }

    private String description() {
        return server.url(database) + "?user=gate&password=****";
    }

    /** An event of a run as the delivery runner writes it, with project, stage and service in its data. */
    private static LoggedEvent event(String runId, int position, String id) {
        String json = "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"qualitygate\",\"type\":"
                + "\"sh.keptn.event.deployment.finished\",\"time\":\"" + TIME + "\",\"shkeptncontext\":\"" + runId
                + "\",\"data\":{\"project\":\"shop\",\"stage\":\"staging\",\"service\":\"carts\",\"result\":"
                + "\"pass\",\"message\":\"Gr\\u00fc\u00dfe, \\\"quoted\\\"\"}}";
        return new LoggedEvent(runId, position, id, "sh.keptn.event.deployment.finished", TIME, json);
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

    private String plan(String sql, Object... parameters) throws SQLException {
        try (Connection c = server.connect(database); PreparedStatement s = c.prepareStatement("EXPLAIN " + sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }

    @Test
    void append_deliveryEvent_keepsItsJsonExactlyAndCopiesProjectStageAndService() throws SQLException {
        EventLog log = log();
        LoggedEvent event = event("run-1", 0, "ev-1");

        assertThat(log.append(event)).isTrue();

        assertThat(query("SELECT id, run_id, position, type, time = '2026-11-26T10:15:30.123457Z', project, stage,"
                + " service, data FROM qg_event")).containsExactly(List.of("ev-1", "run-1", 0,
                        "sh.keptn.event.deployment.finished", true, "shop", "staging", "carts", event.json()));
        assertThat(log.events("run-1")).singleElement().satisfies(read -> {
            assertThat(read.json()).isEqualTo(event.json());
            assertThat(read.time()).as("microseconds, as PostgreSQL keeps them")
                    .isEqualTo(Instant.parse("2026-11-26T10:15:30.123457Z"));
            assertThat(List.of(read.runId(), read.sequence(), read.id(), read.type()))
                    .containsExactly("run-1", 0, "ev-1", "sh.keptn.event.deployment.finished");
        });
    }

    @Test
    void append_eventWithoutProjectInItsData_storesEmptyColumns() throws SQLException {
        LoggedEvent event = new LoggedEvent("run-1", 0, "ev-1", "sh.keptn.event.test.finished", TIME,
                "{\"id\":\"ev-1\",\"data\":[1,2]}");

        assertThat(log().append(event)).isTrue();

        assertThat(query("SELECT project, stage, service, data FROM qg_event"))
                .containsExactly(List.of("", "", "", "{\"id\":\"ev-1\",\"data\":[1,2]}"));
    }

    @Test
    void append_textThatIsNotJson_isRefusedAndNothingStored() {
        EventLog log = log();
        LoggedEvent broken = new LoggedEvent("run-1", 0, "ev-1", "sh.keptn.event.test.finished", TIME,
                "{\"id\":\"ev-1\",");

        assertThatThrownBy(() -> log.append(broken))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("Could not store event 'ev-1' at position 0 of run run-1 in " + description()
                        + ": ERROR: invalid input syntax for type json")
                .hasMessageEndingWith("(SQLSTATE 22P02). It was not stored.");
        assertThat(log.events("run-1")).isEmpty();
    }

    @Test
    void append_sameEventAgain_isConfirmedAndStoredOnce() throws SQLException {
        EventLog log = log();
        LoggedEvent first = event("run-1", 0, "ev-1");
        LoggedEvent second = event("run-1", 1, "ev-2");

        assertThat(log.append(first)).isTrue();
        assertThat(log.append(second)).isTrue();
        assertThat(log.append(first)).as("an append whose first try committed, tried again").isTrue();
        assertThat(log.append(second)).isTrue();

        assertThat(log.events("run-1")).extracting(LoggedEvent::id).containsExactly("ev-1", "ev-2");
        assertThat(query("SELECT count(*) FROM qg_event")).containsExactly(List.of(2L));
    }

    @Test
    void append_idOfAnotherStoredEvent_isRefused() {
        EventLog log = log();
        log.append(event("run-1", 0, "ev-1"));

        assertThatThrownBy(() -> log.append(event("run-2", 0, "ev-1")))
                .isInstanceOf(StoreException.class)
                .hasMessage("Could not store event 'ev-1' at position 0 of run run-2 in " + description()
                        + ": another event with this id is stored already. It was not stored.");
        LoggedEvent changed = new LoggedEvent("run-1", 0, "ev-1", "sh.keptn.event.test.finished", TIME, "{}");
        assertThatThrownBy(() -> log.append(changed))
                .isInstanceOf(StoreException.class)
                .hasMessageEndingWith(": another event with this id is stored already. It was not stored.");
        assertThat(log.runs(5)).containsExactly("run-1");
    }

    @Test
    void runsAndEvents_twentyThousandEvents_walkTheirIndexesAndListTheMostRecentlyActiveRunsFirst()
            throws SQLException {
        EventLog log = log();
        execute("INSERT INTO qg_event (id, run_id, position, type, time, project, stage, service, data)"
                + " SELECT 'g-' || i, 'r' || (i / 500), i % 500, 't', now(), '', '', '', '{}'"
                + " FROM generate_series(0, 19999) i ORDER BY i");
        execute("ANALYZE qg_event");
        assertThat(log.append(event("r1", 500, "ev-1"))).isTrue();

        assertThat(log.runs(2)).containsExactly("r1", "r39");
        assertThat(log.runs(5)).as("more runs than the newest %d events hold", JdbcEventLog.RECENT_BATCH)
                .containsExactly("r1", "r39", "r38", "r37", "r36");
        List<String> all = new ArrayList<>(List.of("r1"));
        IntStream.iterate(39, i -> i >= 0, i -> i - 1).filter(i -> i != 1).forEach(i -> all.add("r" + i));
        assertThat(log.runs(100)).containsExactlyElementsOf(all);
        assertThat(log.events("r7")).extracting(LoggedEvent::sequence)
                .containsExactlyElementsOf(IntStream.range(0, 500).boxed().toList());
        assertThat(plan(JdbcEventLog.RECENT, Long.MAX_VALUE, JdbcEventLog.RECENT_BATCH))
                .contains("Index Scan Backward using qg_event_recent on qg_event").doesNotContain("Sort");
        assertThat(plan(JdbcEventLog.EVENTS, "r7")).as("one run's rows found by its index")
                .contains("Index Cond: ((run_id = 'r7'::text) AND (\"position\" IS NOT NULL))")
                .contains("on qg_event_position").doesNotContain("Seq Scan");
    }

    @Test
    void build_databaseOfSchemaVersionOne_migratesAndKeepsItsEventsOutOfTheLog() throws SQLException {
        try (Connection c = server.connect(database)) {
            Schema.migrate(c, "a test", Schema.MIGRATIONS.subList(0, 1));
        }
        execute("INSERT INTO qg_event (id, run_id, type, time, project, stage, service, data) VALUES ('old-1',"
                + " 'run-1', 'sh.keptn.event.deployment.finished', now(), 'shop', 'staging', 'carts',"
                + " '{\"result\":\"pass\"}')");

        EventLog log = log();

        assertThat(query("SELECT version FROM qg_schema_version ORDER BY version"))
                .containsExactly(List.of(1), List.of(2));
        assertThat(log.runs(5)).isEmpty();
        assertThat(log.events("run-1")).isEmpty();
        assertThat(log.append(event("run-1", 0, "ev-1"))).isTrue();
        assertThat(log.events("run-1")).extracting(LoggedEvent::id).containsExactly("ev-1");
        assertThat(query("SELECT id, position FROM qg_event ORDER BY seq"))
                .containsExactly(Arrays.asList("old-1", null), List.of("ev-1", 0));
    }

    @Test
    void build_databaseOfSchemaVersionOneAndAUserWithoutTheRightToAlterIt_saysWhyAndLeavesItAtVersionOne()
            throws SQLException {
        try (Connection c = server.connect(database)) {
            Schema.migrate(c, "a test", Schema.MIGRATIONS.subList(0, 1));
        }
        execute("CREATE ROLE gate_v1_writer LOGIN PASSWORD 'v1-writer-password'");
        execute("GRANT SELECT, INSERT, UPDATE ON qg_schema_version, qg_evaluation, qg_event TO gate_v1_writer");

        assertThatThrownBy(() -> JdbcEvaluationStore.builder().url(server.url(database)).user("gate_v1_writer")
                .password(Secret.of("v1-writer-password")).build())
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("Could not prepare the schema in " + server.url(database) + ": this user"
                        + " may not migrate the schema from version 1 to 2; open the store once as a user who may"
                        + " (such as the owner of the database or of the tables), then this one can use it: ERROR: ")
                .hasMessageEndingWith("(SQLSTATE 42501)")
                .message().doesNotContain("v1-writer-password");
        assertThat(query("SELECT version FROM qg_schema_version")).containsExactly(List.of(1));
        assertThat(query("SELECT count(*) FROM pg_attribute WHERE attrelid = 'qg_event'::regclass"
                + " AND attname = 'position'")).containsExactly(List.of(0L));
    }
}
