package dev.qualitygate.bench;

import dev.qualitygate.QualityGate;
import dev.qualitygate.delivery.DeliveryRequest;
import dev.qualitygate.delivery.DeliveryRunner;
import dev.qualitygate.delivery.RunState;
import dev.qualitygate.delivery.RunSummary;
import dev.qualitygate.history.EvaluationStore;
import dev.qualitygate.history.EventLog;
import dev.qualitygate.history.HistoryKey;
import dev.qualitygate.history.LoggedEvent;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.IndicatorValues;
import dev.qualitygate.model.ResultFilter;
import dev.qualitygate.model.TimeWindow;
import dev.qualitygate.model.shipyard.Shipyard;
import dev.qualitygate.report.HtmlReport;
import dev.qualitygate.report.JUnitXml;
import dev.qualitygate.yaml.GateYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The HTML report of 1,000 evaluations of a 20-objective SLO, made by the engine: rendering it from results in
 * memory, and what {@code gate report --last 1000} does (read the newest 1,000 from the file store, then render).
 * Target: under one second per report, and under 2 MB (the size is printed at setup; a gate-core test asserts it).
 * The same page with the {@value #RUNS} delivery runs {@code gate report} shows by default, made by the real runner
 * (approvals and the staging evaluation, whose results are those of the history), measures the Deliveries section.
 *
 * <p>{@code java -cp gate-benchmarks/target/benchmarks.jar dev.qualitygate.bench.ReportBenchmark FILE} writes that
 * report to FILE, for looking at it in a browser ({@code bench/report-in-chromium.sh}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class ReportBenchmark {
    static final int EVALUATIONS = 1000;
    static final int OBJECTIVES = 20;
    static final int RUNS = 5;
    private static final HistoryKey KEY = new HistoryKey("shop", "hardening", "carts");

    private List<EvaluationResult> history;
    private HtmlReport.Options withRuns;
    private Path directory;
    private EvaluationStore store;

    /** Makes the history and stores it in a file store in a temporary directory. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        history = history(EVALUATIONS, OBJECTIVES, 7);
        directory = Files.createTempDirectory("report-bench");
        store = EvaluationStore.files(directory);
        history.forEach(store::append);
        withRuns = HtmlReport.Options.defaults().withRuns(deliveryRuns(history, RUNS));
        int bytes = HtmlReport.render(history).getBytes(StandardCharsets.UTF_8).length;
        int bytesWithRuns = HtmlReport.render(history, withRuns).getBytes(StandardCharsets.UTF_8).length;
        System.out.printf("%nHTML report of %d evaluations x %d objectives: %,d bytes; with %d delivery runs:"
                + " %,d bytes%n", EVALUATIONS, OBJECTIVES, bytes, RUNS, bytesWithRuns);
    }

    /** Deletes the store. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * Renders the page from results in memory.
     *
     * @return the page, consumed by JMH
     */
    @Benchmark
    public String renderHtml() {
        return HtmlReport.render(history);
    }

    /**
     * Renders the page with {@value #RUNS} delivery runs from results and events in memory.
     *
     * @return the page, consumed by JMH
     */
    @Benchmark
    public String renderHtmlWithRuns() {
        return HtmlReport.render(history, withRuns);
    }

    /**
     * Reads the newest 1,000 results from the file store and renders the page, as {@code gate report} does.
     *
     * @return the page, consumed by JMH
     */
    @Benchmark
    public String readStoreAndRenderHtml() {
        return HtmlReport.render(store.recent(KEY, ResultFilter.ALL, EVALUATIONS));
    }

    /**
     * Renders the newest evaluation as JUnit XML.
     *
     * @return the document, consumed by JMH
     */
    @Benchmark
    public String renderJUnit() {
        return JUnitXml.render(history.get(history.size() - 1));
    }

    /**
     * Writes the benchmark's report to a file.
     *
     * @param args the file
     * @throws IOException if it cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ReportBenchmark FILE");
        }
        Files.writeString(Path.of(args[0]), HtmlReport.render(history(EVALUATIONS, OBJECTIVES, 7)),
                StandardCharsets.UTF_8);
    }

    /**
     * Delivery runs of carts through dev (automatic approval), staging (the gate, answered by the newest evaluations
     * of the history in turn) and production (manual approval, given), each as its events' JSON, newest first.
     */
    static List<List<String>> deliveryRuns(List<EvaluationResult> history, int count) {
        Shipyard shipyard = GateYaml.readShipyard(String.join("\n",
                "apiVersion: spec.keptn.sh/0.2.3",
                "kind: Shipyard",
                "metadata: {name: shop}",
                "spec:",
                "  stages:",
                "    - name: dev",
                "      sequences:",
                "        - name: delivery",
                "          tasks: [{name: approval, properties: {pass: automatic, warning: automatic}}]",
                "    - name: staging",
                "      sequences:",
                "        - name: delivery",
                "          triggeredOn: [{event: dev.delivery.finished}]",
                "          tasks: [{name: evaluation}]",
                "    - name: production",
                "      sequences:",
                "        - name: delivery",
                "          triggeredOn: [{event: staging.delivery.finished}]",
                "          tasks: [{name: approval, properties: {pass: manual, warning: manual}}]",
                "").getBytes(StandardCharsets.UTF_8), "shipyard.yaml");
        int[] next = {history.size() - count};
        EventLog log = EventLog.inMemory();
        try (DeliveryRunner runner = DeliveryRunner.builder(shipyard)
                .evaluator("staging", (context, window, testRun) -> history.get(next[0]++))
                .eventLog(log)
                .clock(Clock.fixed(Instant.parse("2026-11-30T08:00:00Z"), ZoneOffset.UTC))
                .build()) {
            for (int i = 0; i < count; i++) {
                RunSummary run = runner.start(DeliveryRequest.of("shop", "carts", "carts-" + i + ".jar"));
                if (run.state() == RunState.WAITING) {
                    runner.approve(run.runId(), "by the benchmark");
                }
            }
        }
        return log.runs(count).stream().map(id -> log.events(id).stream().map(LoggedEvent::json).toList()).toList();
    }

    /**
     * A history of {@code count} evaluations of an SLO with {@code objectives} objectives (alternately absolute and
     * relative, every fifth a key SLI, the last one informational), values drawn around a level so that most pass
     * and some warn, fail or miss their value.
     */
    static List<EvaluationResult> history(int count, int objectives, long seed) {
        StringBuilder slo = new StringBuilder("spec_version: \"1.0\"\ncomparison:\n  compare_with: several_results\n"
                + "  include_result_with_score: pass\n  number_of_comparison_results: 3\nobjectives:\n");
        for (int k = 0; k < objectives; k++) {
            slo.append("  - sli: indicator_").append(k).append('\n');
            if (k == objectives - 1) {
                continue;
            }
            slo.append("    displayName: Indicator number ").append(k).append('\n');
            if (k % 5 == 0) {
                slo.append("    key_sli: true\n");
            }
            slo.append("    pass:\n      - criteria: [\"").append(k % 2 == 0 ? "<=110" : "<=+10%").append("\"]\n");
            slo.append("    warning:\n      - criteria: [\"<=130\"]\n");
        }
        slo.append("total_score:\n  pass: \"90%\"\n  warning: \"75%\"\n");
        QualityGate gate = QualityGate.fromSloYaml(slo.toString());
        Random random = new Random(seed);
        Instant start = Instant.parse("2026-11-02T08:00:00Z");
        List<EvaluationResult> history = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            IndicatorValues.Builder values = IndicatorValues.builder();
            for (int k = 0; k < objectives; k++) {
                if (random.nextInt(200) == 0) {
                    values.failed("indicator_" + k, "no data");
                } else {
                    values.put("indicator_" + k, Math.round((100 + random.nextGaussian() * 8) * 1000) / 1000.0);
                }
            }
            List<EvaluationResult> recent = history.subList(Math.max(0, history.size() - 10), history.size());
            Instant end = start.plus(Duration.ofMinutes(47L * i));
            history.add(gate.evaluate(values.build(), recent).toBuilder()
                    .id("eval-" + (i + 1))
                    .project(KEY.project()).stage(KEY.stage()).service(KEY.service())
                    .labels(Map.of("buildId", "build-" + (i + 1)))
                    .timeframe(TimeWindow.ending(end, Duration.ofMinutes(5)))
                    .time(end.plusSeconds(2))
                    .build());
        }
        return history;
    }
}
