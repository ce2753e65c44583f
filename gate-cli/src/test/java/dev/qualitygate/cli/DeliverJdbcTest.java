package dev.qualitygate.cli;

import static dev.qualitygate.cli.DeliverCommandTest.artifact;
import static dev.qualitygate.cli.DeliverCommandTest.runId;
import static dev.qualitygate.cli.DeliverCommandTest.shipyard;
import static dev.qualitygate.cli.GateRun.gate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.qualitygate.jdbc.PostgresServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gate deliver}, {@code approve}, {@code status} and {@code events} with the store in a real PostgreSQL server
 * (named by gate.yaml's {@code store:}, the password in a file): events and evaluation history in the database, none
 * in files, and a waiting run decided by another invocation in this JVM, or by one of two JVMs racing to approve it.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DeliverJdbcTest {
    @TempDir
    Path dir;

    private PostgresServer server;
    private String database;
    private String store;
    private Path config;

    @BeforeEach
    void createDatabase() throws IOException {
        server = PostgresServer.shared();
        database = server.createDatabase();
        Path password = Files.writeString(dir.resolve("db-password"), PostgresServer.PASSWORD);
        store = server.url(database) + "?user=gate&password=${file:" + password + "}";
        config = Files.writeString(dir.resolve("gate.yaml"), "store: " + store + "\n");
    }

    private GateRun deliver() throws IOException {
        return gate("deliver", "--shipyard", shipyard(dir).toString(), "--service", "carts", "--artifact", artifact(),
                "--config", config.toString(), "--label", "buildId=7");
    }

    private List<List<String>> rows(String sql, String runId) throws SQLException {
        try (Connection c = server.connect(database); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, runId);
            List<List<String>> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.add(rs.getString(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    private List<String> filesInDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void deliver_storeInPostgres_waitsThenApproveFromAnotherInvocationFinishesAndEventsComeFromTheDatabase()
            throws IOException, SQLException {
        GateRun delivered = deliver();

        assertThat(delivered.err()).isEmpty();
        assertThat(delivered.exitCode()).isEqualTo(GateCommand.WAITING);
        assertThat(delivered.outLines().get(0)).isEqualTo("Delivering " + artifact() + " of carts (project shop;"
                + " store " + store + ")");
        String id = runId(delivered);
        assertThat(delivered.out()).contains("  Approve with: gate approve " + id,
                "  (with --config " + config + " as this command: the run is in its store)");
        assertThat(rows("SELECT DISTINCT project, stage <> '', service FROM qg_event WHERE run_id = ?", id))
                .containsExactly(List.of("shop", "t", "carts"));
        assertThat(filesInDir()).as("nothing stored in files").containsExactly("db-password", "gate.yaml",
                "shipyard.yaml");

        GateRun status = gate("status", id, "--config", config.toString());
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("State: waiting, result pass", "      approval waiting");
        GateRun listed = gate("status", "--store", server.urlWithCredentials(database));
        assertThat(listed.outLines()).singleElement().asString().startsWith(id + "  waiting  pass    production");

        GateRun approved = gate("approve", id, "--config", config.toString(), "--reason", "looks good");

        assertThat(approved.err()).isEmpty();
        assertThat(approved.exitCode()).isZero();
        assertThat(approved.out()).contains("Approving run " + id + " in production",
                "[production]   approval pass: approved: looks good", "Delivered: ");

        GateRun events = gate("events", id, "--config", config.toString());
        assertThat(events.exitCode()).isZero();
        List<String> stored = rows("SELECT data FROM qg_event WHERE run_id = ? ORDER BY position", id).stream()
                .map(row -> row.get(0)).toList();
        assertThat(stored).hasSize(13);
        assertThat(events.outLines()).as("the run's events as stored in the database").isEqualTo(stored);
        assertThat(events.outLines().get(0)).contains("\"type\":\"sh.keptn.event.dev.delivery.triggered\"",
                "\"labels\":{\"buildId\":\"7\"}");

        GateRun again = gate("approve", id, "--config", config.toString());
        assertThat(again.exitCode()).isEqualTo(GateCommand.INVALID);
        assertThat(again.err()).startsWith("gate: error: run " + id + " does not wait for an approval: it is"
                + " finished with result pass");
        assertThat(filesInDir()).containsExactly("db-password", "gate.yaml", "shipyard.yaml");
    }

    @Test
    void approve_twoJvmsAtOnce_exactlyOneContinuesTheRun() throws Exception {
        String id = runId(deliver());

        try (GateJvm first = GateJvm.start(dir, "first", "approve", id, "--config", config.toString(), "--reason",
                "by the first JVM");
                GateJvm second = GateJvm.start(dir, "second", "approve", id, "--config", config.toString(),
                        "--reason", "by the second JVM")) {
            int firstExit = first.awaitExit();
            int secondExit = second.awaitExit();

            assertThat(List.of(firstExit, secondExit)).as("first: %s%nsecond: %s", first, second)
                    .containsExactlyInAnyOrder(GateCommand.PASS, GateCommand.INVALID);
            GateJvm winner = firstExit == GateCommand.PASS ? first : second;
            GateJvm loser = winner == first ? second : first;
            assertThat(winner.out()).contains("[production]   approval pass: approved: by the " + winner.name
                    + " JVM", "Delivered: ");
            assertThat(loser.err()).as("the loser stops before running anything").satisfiesAnyOf(
                    err -> assertThat(err).contains("run " + id + " does not wait for an approval"),
                    err -> assertThat(err).contains("run " + id + " was changed by another process"));
            assertThat(loser.out()).doesNotContain("approval pass");
            assertThat(rows("SELECT data::json -> 'data' ->> 'message' FROM qg_event WHERE run_id = ? AND type ="
                    + " 'sh.keptn.event.approval.finished'", id))
                    .containsExactly(List.of("approved: by the " + winner.name + " JVM"));
        }
        GateRun status = gate("status", id, "--config", config.toString());
        assertThat(status.out()).contains("State: finished, result pass");
    }

    /** {@code gate} in a JVM of its own, with this JVM's class path; closing it kills the process if it runs. */
    private static final class GateJvm implements AutoCloseable {
        final String name;
        private final Process process;
        private final Path out;
        private final Path err;

        private GateJvm(String name, Process process, Path out, Path err) {
            this.name = name;
            this.process = process;
            this.out = out;
            this.err = err;
        }

        static GateJvm start(Path dir, String name, String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"),
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xmx256m",
                    GateCommand.class.getName()));
            command.addAll(List.of(args));
            Path out = dir.resolve(name + ".out");
            Path err = dir.resolve(name + ".err");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            return new GateJvm(name, process, out, err);
        }

        int awaitExit() throws InterruptedException {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                fail("gate approve in the " + name + " JVM did not end within 120 s: " + this);
            }
            return process.exitValue();
        }

        String out() throws IOException {
            return Files.readString(out, StandardCharsets.UTF_8);
        }

        String err() throws IOException {
            return Files.readString(err, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            try {
                return "standard output: " + out() + "; standard error: " + err();
            } catch (IOException e) {
                return "its output is unreadable: " + e;
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }
}
