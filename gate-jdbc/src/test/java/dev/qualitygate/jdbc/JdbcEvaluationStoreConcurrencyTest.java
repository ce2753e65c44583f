package dev.qualitygate.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qualitygate.history.ChildJvm;
import dev.qualitygate.history.HistoryKey;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.ResultFilter;
import dev.qualitygate.report.EvaluationJson;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Eight threads in two JVMs ({@link BaselineWorker}) read baselines from and append to two histories of one
 * database at once for ten seconds. Afterwards every confirmed evaluation is stored once and nothing else is, and
 * every baseline an evaluation read is what a one-at-a-time history would have given at some moment between the
 * reader's own previous append and its new one: the newest accepted evaluations of a prefix of the final history,
 * without gaps, that includes the reader's own earlier appends.
 *
 * <p>A trigger makes every append take up to 4 ms more (at random) between taking its {@code seq} and committing,
 * as a busy disk would: without the store's per-history lock, appends would then often commit out of {@code seq}
 * order and readers would see gaps.
 */
class JdbcEvaluationStoreConcurrencyTest {
    private static final Logger log = LoggerFactory.getLogger(JdbcEvaluationStoreConcurrencyTest.class);
    private static final int JVMS = 2;
    private static final int THREADS_PER_JVM = 4;
    private static final long RUN_MILLIS = 10_000;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void appendAndRecent_eightThreadsInTwoJvmsForTenSeconds_loseNothingAndReadConsistentBaselines()
            throws Exception {
        PostgresServer server = PostgresServer.shared();
        String database = server.createDatabase();
        String url = server.urlWithCredentials(database);
        JdbcEvaluationStore.builder().url(url).build().close();
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            s.execute("CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS"
                    + " $$ BEGIN PERFORM pg_sleep(random() * 0.004); RETURN NULL; END $$");
            s.execute("CREATE TRIGGER slow_commit AFTER INSERT ON qg_evaluation FOR EACH ROW"
                    + " EXECUTE FUNCTION slow_commit()");
        }
        Set<String> confirmed = new HashSet<>();
        List<ChildJvm> jvms = new ArrayList<>();
        try {
            for (int j = 0; j < JVMS; j++) {
                jvms.add(ChildJvm.start(BaselineWorker.class, List.of(url, "jvm" + j,
                        Integer.toString(THREADS_PER_JVM), Long.toString(RUN_MILLIS)),
                        dir.resolve("jvm" + j + ".log")));
            }
            for (ChildJvm jvm : jvms) {
                jvm.awaitLine("READY", Duration.ofSeconds(60));
            }
            for (ChildJvm jvm : jvms) {
                jvm.send("go");
            }
            for (ChildJvm jvm : jvms) {
                assertThat(jvm.awaitExit(Duration.ofSeconds(60))).as("exit status; %s", jvm.logText()).isZero();
                List<String> lines = jvm.lines();
                assertThat(lines).endsWith("DONE");
                for (String line : lines) {
                    if (line.startsWith("OK ")) {
                        confirmed.add(line.substring(3, line.length() - 1));
                    }
                }
            }
        } finally {
            jvms.forEach(ChildJvm::close);
        }

        Map<HistoryKey, List<EvaluationResult>> histories = new LinkedHashMap<>();
        List<String> stored = new ArrayList<>();
        try (Connection c = server.connect(database); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, body FROM qg_evaluation ORDER BY seq")) {
            while (rs.next()) {
                EvaluationResult r = EvaluationJson.read(rs.getString(2), rs.getString(1));
                stored.add(r.id());
                histories.computeIfAbsent(HistoryKey.of(r), k -> new ArrayList<>()).add(r);
            }
        }
        assertThat(stored).doesNotHaveDuplicates().hasSameSizeAs(confirmed);
        assertThat(new HashSet<>(stored)).isEqualTo(confirmed);
        assertThat(histories.keySet()).containsExactlyInAnyOrderElementsOf(BaselineWorker.KEYS);

        int full = 0;
        for (List<EvaluationResult> history : histories.values()) {
            full += checkBaselines(history);
        }
        log.info("{} evaluations in {} s by {} threads in {} JVMs ({} per second); {} of them compared with {}",
                stored.size(), RUN_MILLIS / 1000, JVMS * THREADS_PER_JVM, JVMS, stored.size() * 1000 / RUN_MILLIS,
                full, BaselineWorker.BASELINE_SIZE);
        assertThat(full).as("evaluations that found a full baseline").isGreaterThan(stored.size() / 2);
    }

    /**
     * Checks every baseline of one history in its final order.
     *
     * @return how many evaluations had a full baseline
     */
    private static int checkBaselines(List<EvaluationResult> history) {
        Map<String, Integer> position = new HashMap<>();
        for (int p = 0; p < history.size(); p++) {
            position.put(history.get(p).id(), p);
        }
        Map<ResultFilter, List<Integer>> accepted = new HashMap<>();
        for (ResultFilter f : ResultFilter.values()) {
            List<Integer> positions = new ArrayList<>();
            for (int p = 0; p < history.size(); p++) {
                if (f.accepts(history.get(p).result())) {
                    positions.add(p);
                }
            }
            accepted.put(f, positions);
        }
        Map<String, Integer> previousOfThread = new HashMap<>();
        int full = 0;
        for (int p = 0; p < history.size(); p++) {
            EvaluationResult e = history.get(p);
            String thread = e.id().substring(0, e.id().lastIndexOf('-'));
            ResultFilter filter = ResultFilter.valueOf(e.labels().get(BaselineWorker.FILTER));
            List<Integer> eligible = accepted.get(filter);
            List<String> baseline = new ArrayList<>(e.comparedEvents());
            Collections.reverse(baseline);

            int seenUpTo;
            int nextEligible;
            if (baseline.isEmpty()) {
                seenUpTo = 0;
                nextEligible = eligible.isEmpty() ? history.size() : eligible.get(0);
            } else {
                Integer last = position.get(baseline.get(baseline.size() - 1));
                assertThat(last).as("the newest evaluation of %s's baseline %s is stored", e.id(), baseline)
                        .isNotNull();
                int k = eligible.indexOf(last);
                assertThat(k).as("%s compared with %s, which its filter %s accepts", e.id(), baseline, filter)
                        .isNotNegative();
                List<String> expected = eligible.subList(Math.max(0, k - BaselineWorker.BASELINE_SIZE + 1), k + 1)
                        .stream().map(i -> history.get(i).id()).toList();
                assertThat(baseline).as("baseline of %s (filter %s): the newest accepted ones up to its newest,"
                        + " without gaps", e.id(), filter).isEqualTo(expected);
                seenUpTo = last + 1;
                nextEligible = k + 1 < eligible.size() ? eligible.get(k + 1) : history.size();
                if (baseline.size() == BaselineWorker.BASELINE_SIZE) {
                    full++;
                }
            }
            assertThat(seenUpTo).as("%s read its baseline before it was appended", e.id()).isLessThanOrEqualTo(p);
            Integer previous = previousOfThread.put(thread, p);
            if (previous != null) {
                assertThat(nextEligible).as("%s's baseline includes every accepted evaluation up to its thread's"
                        + " previous append to this history at %d", e.id(), previous).isGreaterThan(previous);
                int previousNumber = Integer.parseInt(history.get(previous).id().substring(thread.length() + 1));
                int number = Integer.parseInt(e.id().substring(thread.length() + 1));
                assertThat(number).as("the appends of %s keep their order", thread).isGreaterThan(previousNumber);
            }
        }
        return full;
    }
}
