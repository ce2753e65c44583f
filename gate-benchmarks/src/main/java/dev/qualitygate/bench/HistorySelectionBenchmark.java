package dev.qualitygate.bench;

import dev.qualitygate.engine.Evaluator;
import dev.qualitygate.history.EvaluationStore;
import dev.qualitygate.history.HistoryKey;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.ResultFilter;
import dev.qualitygate.model.Slo;
import dev.qualitygate.model.Verdict;
import dev.qualitygate.report.EvaluationJson;
import dev.qualitygate.yaml.GateYaml;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Choosing the baseline from the embedded file store, out of a history of 10 or 100,000 evaluations.
 *
 * <p>{@link #recentTen()} asks for the 10 newest evaluations whose result the SLO accepts, in a history where all of
 * them are eligible, so both sizes return the same 10: the target is that the large history costs no more than 1.5×
 * the small one. {@link #recentTenPassingAmongFailures()} asks for the 10 newest <em>passing</em> ones in a
 * history where 3 in 10 failed, which shows what skipping ineligible evaluations costs (the small history holds only
 * 7 passing ones, so it returns fewer).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class HistorySelectionBenchmark {
    private static final HistoryKey KEY = new HistoryKey("shop", "staging", "carts");
    private static final HistoryKey MIXED = new HistoryKey("shop", "mixed", "carts");

    /** How many evaluations the history holds. */
    @Param({"10", "100000"})
    public int size;

    private Path directory;
    private EvaluationStore store;

    /**
     * Writes the history file in one go (appending 100,000 records one by one, each forced to disk, would take
     * minutes) in the store's documented layout, {@code <dir>/<project>/<stage>/<service>.jsonl}.
     *
     * @throws IOException if the temporary files cannot be written
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("qualitygate-history-bench");
        Slo slo = GateYaml.readSlo(EvaluationBenchmark.Fixtures.tenObjectiveSlo(), "bench-slo.yaml");
        Path file = directory.resolve("shop").resolve("staging").resolve("carts.jsonl");
        Path mixed = directory.resolve("shop").resolve("mixed").resolve("carts.jsonl");
        Files.createDirectories(file.getParent());
        Files.createDirectories(mixed.getParent());
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                BufferedWriter outMixed = Files.newBufferedWriter(mixed, StandardCharsets.UTF_8)) {
            for (int i = 0; i < size; i++) {
                EvaluationResult r = Evaluator.evaluate(slo, EvaluationBenchmark.Fixtures.values(i).values(), List.of());
                for (String stage : List.of("staging", "mixed")) {
                    Verdict verdict = stage.equals("staging") || i % 10 < 7 ? Verdict.PASS : Verdict.FAIL;
                    BufferedWriter w = stage.equals("staging") ? out : outMixed;
                    w.write(EvaluationJson.write(r.toBuilder().id("build-" + i).project("shop").stage(stage)
                            .service("carts").time(start.plusSeconds(60L * i)).result(verdict).build()));
                    w.write('\n');
                }
            }
        }
        store = EvaluationStore.files(directory);
    }

    /**
     * Deletes the temporary history.
     *
     * @throws IOException if it cannot be deleted
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        store.close();
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * The 10 newest eligible evaluations, all of them eligible.
     *
     * @return the selected evaluations, consumed by JMH
     */
    @Benchmark
    public List<EvaluationResult> recentTen() {
        return store.recent(KEY, ResultFilter.PASS, 10);
    }

    /**
     * The 10 newest passing evaluations where 3 in 10 failed.
     *
     * @return the selected evaluations, consumed by JMH
     */
    @Benchmark
    public List<EvaluationResult> recentTenPassingAmongFailures() {
        return store.recent(MIXED, ResultFilter.PASS, 10);
    }
}
