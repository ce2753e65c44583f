package dev.qualitygate.bench;

import dev.qualitygate.engine.Evaluator;
import dev.qualitygate.history.HistoryKey;
import dev.qualitygate.jdbc.JdbcEvaluationStore;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.ResultFilter;
import dev.qualitygate.model.Slo;
import dev.qualitygate.model.Verdict;
import dev.qualitygate.report.EvaluationJson;
import dev.qualitygate.yaml.GateYaml;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Choosing the baseline from the JDBC store in PostgreSQL, out of a history of 100 or 1,000,000 stored evaluations;
 * the target is that the large history costs no more than 2× the small one. Run it with {@code bench/jdbc-history.sh},
 * which starts a private PostgreSQL server and passes its URL in {@code QUALITYGATE_BENCH_JDBC_URL}.
 *
 * <p>One history ({@code shop/staging/carts}) holds all the evaluations, 3 in 10 of them failed: {@link #recentTen()}
 * asks for the 10 newest whatever their result, {@link #recentTenPassing()} for the 10 newest passing ones (so it
 * skips the failed ones, which the partial index of that filter does not hold). Each stored evaluation is the JSON of
 * a real ten-objective evaluation (6.8 KB).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 10, time = 2)
public class JdbcHistorySelectionBenchmark {
    private static final HistoryKey KEY = new HistoryKey("shop", "staging", "carts");

    /** How many evaluations the history holds. */
    @Param({"100", "1000000"})
    public int size;

    private JdbcEvaluationStore store;

    /**
     * Loads the history on the server with {@code INSERT ... SELECT ... FROM generate_series} (appending a million
     * evaluations one by one would take an hour) into the store's own tables, in a PostgreSQL schema of its own per
     * size, then vacuums and analyzes it as autovacuum would; a schema that already holds the history (from an
     * earlier run, or the other benchmark of this run) is used as it is. All but the newest 100 evaluations are
     * compressed with LZ4 where the server supports it, which loads four times faster than PostgreSQL's default
     * pglz; the newest 100, the only ones the benchmarks read, are compressed with the server's default, in both
     * sizes alike. Prints the plan of the baseline query with the buffers it touched.
     *
     * @throws SQLException if the database cannot be set up
     */
    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        String url = System.getenv("QUALITYGATE_BENCH_JDBC_URL");
        if (url == null || url.isEmpty()) {
            throw new IllegalStateException("set QUALITYGATE_BENCH_JDBC_URL to the JDBC URL of a PostgreSQL database"
                    + " (bench/jdbc-history.sh starts one)");
        }
        String schema = "bench_" + size;
        String storeUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            if (stored(s, schema) == size) {
                System.out.printf("%nUsing the %,d evaluations loaded before in schema %s%n", size, schema);
                store = JdbcEvaluationStore.builder().url(storeUrl).build();
                explain(s, schema);
                return;
            }
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
        }
        store = JdbcEvaluationStore.builder().url(storeUrl).build();

        Slo slo = GateYaml.readSlo(EvaluationBenchmark.Fixtures.tenObjectiveSlo(), "bench-slo.yaml");
        EvaluationResult template = Evaluator.evaluate(slo, EvaluationBenchmark.Fixtures.values(0).values(),
                List.of()).toBuilder().id("build-0").project(KEY.project()).stage(KEY.stage())
                .service(KEY.service()).time(Instant.parse("2026-01-01T00:00:00Z")).build();
        String passBody = EvaluationJson.write(template);
        String failBody = EvaluationJson.write(template.toBuilder().result(Verdict.FAIL).build());
        long start = System.nanoTime();
        try (Connection c = DriverManager.getConnection(storeUrl); Statement s = c.createStatement()) {
            int old = Math.max(0, size - 100);
            try {
                s.execute("SET default_toast_compression = 'lz4'");
            } catch (SQLException e) {
                System.out.println("LZ4 is not available (" + e.getMessage() + "); loading with pglz");
            }
            insert(c, 1, old, passBody, failBody);
            s.execute("RESET default_toast_compression");
            insert(c, old + 1, size, passBody, failBody);
            long loaded = System.nanoTime();
            s.execute("VACUUM (ANALYZE) qg_evaluation");
            try (ResultSet rs = s.executeQuery("SELECT pg_size_pretty(pg_total_relation_size('qg_evaluation'))")) {
                rs.next();
                System.out.printf("%nLoaded %,d evaluations of %,d bytes in %.1f s (vacuum and analyze %.1f s);"
                        + " the table with its indexes takes %s%n", size, passBody.length(),
                        (loaded - start) / 1e9, (System.nanoTime() - loaded) / 1e9, rs.getString(1));
            }
            explain(s, schema);
        }
    }

    private static long stored(Statement s, String schema) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT to_regclass('" + schema + ".qg_evaluation') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return -1;
            }
        }
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + schema + ".qg_evaluation")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void insert(Connection c, int from, int to, String passBody, String failBody)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO qg_evaluation"
                + " (id, project, stage, service, result, score, evaluated_at, body)"
                + " SELECT 'build-' || i, ?, ?, ?, CASE WHEN i % 10 < 7 THEN 'pass' ELSE 'fail' END, 100,"
                + " timestamptz '2026-01-01 00:00:00+00' + i * interval '1 minute',"
                + " replace(CASE WHEN i % 10 < 7 THEN ? ELSE ? END, '\"id\":\"build-0\"',"
                + " '\"id\":\"build-' || i || '\"')"
                + " FROM generate_series(?, ?) i ORDER BY i")) {
            insert.setString(1, KEY.project());
            insert.setString(2, KEY.stage());
            insert.setString(3, KEY.service());
            insert.setString(4, passBody);
            insert.setString(5, failBody);
            insert.setInt(6, from);
            insert.setInt(7, to);
            insert.executeUpdate();
        }
    }

    /** Prints how the server runs the baseline query of the filter pass, and which buffers it touched. */
    private static void explain(Statement s, String schema) throws SQLException {
        s.execute("SET search_path = " + schema);
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF)"
                + " SELECT seq, id, body FROM qg_evaluation WHERE project = 'shop' AND stage = 'staging'"
                + " AND service = 'carts' AND invalidated_at IS NULL AND result = 'pass'"
                + " AND seq < 9223372036854775807 ORDER BY seq DESC LIMIT 10")) {
            while (rs.next()) {
                plan.append("  ").append(rs.getString(1)).append('\n');
            }
        }
        s.execute("RESET search_path");
        System.out.print("The baseline query (filter pass):\n" + plan);
    }

    /**
     * Closes the store; the schema stays for a look afterwards and is replaced by the next run.
     */
    @TearDown(Level.Trial)
    public void tearDown() {
        store.close();
    }

    /**
     * The 10 newest evaluations, whatever their result.
     *
     * @return the selected evaluations, consumed by JMH
     */
    @Benchmark
    public List<EvaluationResult> recentTen() {
        return store.recent(KEY, ResultFilter.ALL, 10);
    }

    /**
     * The 10 newest passing evaluations where 3 in 10 failed.
     *
     * @return the selected evaluations, consumed by JMH
     */
    @Benchmark
    public List<EvaluationResult> recentTenPassing() {
        return store.recent(KEY, ResultFilter.PASS, 10);
    }
}
