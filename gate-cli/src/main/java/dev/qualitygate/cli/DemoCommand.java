package dev.qualitygate.cli;

import dev.qualitygate.Gate;
import dev.qualitygate.Plugins;
import dev.qualitygate.cli.demo.SampleService;
import dev.qualitygate.criteria.GoNumbers;
import dev.qualitygate.delivery.DeliveryEvent;
import dev.qualitygate.delivery.DeliveryRequest;
import dev.qualitygate.delivery.DeliveryRunner;
import dev.qualitygate.delivery.RunState;
import dev.qualitygate.delivery.RunSummary;
import dev.qualitygate.history.EvaluationStore;
import dev.qualitygate.history.EventLog;
import dev.qualitygate.history.HistoryKey;
import dev.qualitygate.history.LoggedEvent;
import dev.qualitygate.jdbc.DeliveryStore;
import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.IndicatorResult;
import dev.qualitygate.model.ObjectiveStatus;
import dev.qualitygate.model.ResultFilter;
import dev.qualitygate.model.Verdict;
import dev.qualitygate.report.HtmlReport;
import dev.qualitygate.report.TextReport;
import dev.qualitygate.spi.MetricSourceProvider;
import dev.qualitygate.spi.TesterProvider;
import dev.qualitygate.yaml.GateYaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gate demo}: the seed story. A bundled sample service in three versions goes through the demo shipyard with
 * the local deployer and the JMeter tester: v1 is healthy and is delivered; v2 has a raised error rate, is stopped at
 * the staging quality gate with the failing objective explained, and rolled back; v3 is fixed, passes, waits for the
 * manual approval of production, which the demo gives; then production serves v3. {@code gate demo --gate-only} is
 * the quality gate alone: two builds' values scored against an SLO with a file history.
 */
@Command(
        name = "demo",
        header = "The seed story: three versions of a sample service through dev, staging and production.",
        mixinStandardHelpOptions = true,
        description = {
            "Delivers three versions of a bundled sample service (carts) through dev, staging and production, with"
                    + " the local deployer (each version a process on 127.0.0.1, blue/green in staging behind a local"
                    + " proxy) and JMeter tests: v1 is delivered; v2, whose error rate is 10%%, is stopped at the"
                    + " staging quality gate and rolled back; v3 passes, waits for approval, is approved, and"
                    + " production serves it. Needs the JMeter tester (dev.qualitygate:gate-jmeter) on the class path.",
            "Everything happens in a temporary directory, deleted at the end; --report keeps the HTML report of the"
                    + " staging quality gate and the three delivery runs.",
            "With --gate-only: evaluates two builds of the service against an SLO with a file history; build 2's"
                    + " response time regressed by more than 10%% against build 1, so it fails. No processes, no"
                    + " JMeter."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  the demo ran as expected", "  2  it did not, or the JMeter tester is missing"})
final class DemoCommand implements Callable<Integer> {
    private static final String DEMO = "demo/";
    private static final String DELIVERY = DEMO + "delivery/";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Spec
    private CommandSpec spec;

    @Option(names = "--gate-only", description = "Only the quality gate: two builds' values, no deployments or tests.")
    private boolean gateOnly;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Also write the HTML report of the three delivery runs and the staging quality gate's"
                    + " evaluations to FILE, as 'gate report' would from the demo's store.")
    private @Nullable Path report;

    private final Supplier<Plugins> plugins;

    /** The demo with the plugins on the class path. */
    DemoCommand() {
        this(Plugins::discover);
    }

    /** The demo with the given plugins, for tests. */
    DemoCommand(Supplier<Plugins> plugins) {
        this.plugins = plugins;
    }

    @Override
    public Integer call() throws IOException {
        return gateOnly ? gateOnly() : delivery();
    }

    /** One version of the sample service and what the demo says about it. */
    private record Version(int number, String note) {
        String jar() {
            return "carts-" + number + ".jar";
        }
    }

    private Integer delivery() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Plugins available = plugins.get();
        List<String> missing = new ArrayList<>();
        if (!available.ids(TesterProvider.class).contains("jmeter")) {
            missing.add("the JMeter tester (tester id jmeter)");
        }
        if (!available.ids(MetricSourceProvider.class).contains("jmeter")) {
            missing.add("the JMeter results metric source (metric source id jmeter)");
        }
        if (!missing.isEmpty()) {
            err.println("gate: error: gate demo runs JMeter tests, but " + String.join(" and ", missing)
                    + (missing.size() == 1 ? " is" : " are") + " not on the class path: add"
                    + " dev.qualitygate:gate-jmeter to it. 'gate demo --gate-only' runs the quality-gate demo,"
                    + " which needs neither.");
            return GateCommand.INVALID;
        }
        Path dir = Files.createTempDirectory("qualitygate-demo-");
        try {
            Path config = writeDeliveryFiles(dir);
            List<Version> versions = List.of(new Version(1, "healthy"),
                    new Version(2, "a bug: every tenth cart request fails"), new Version(3, "the bug fixed"));
            for (Version v : versions) {
                writeJar(dir.resolve(v.jar()), v.number());
            }
            out.println("QualityGate demo: three versions of the service carts go through dev, staging and"
                    + " production.");
            out.println("Shipyard (" + DELIVERY + "shipyard.yaml): dev deploys directly and runs a functional test;"
                    + " staging deploys blue/green behind a local proxy, runs a JMeter performance test, evaluates"
                    + " the quality gate on its results (error rate at most 1%, key objective; p95 response time"
                    + " within +100% of the last passing build and under 500 ms) and releases, or rolls back when"
                    + " the delivery fails; production waits for a manual approval, then deploys.");
            out.println("Each version runs as a process on 127.0.0.1; files, history and event log are in " + dir
                    + ", deleted at the end.");
            out.flush();
            DeliveryWiring.Loaded in = DeliveryWiring.read(dir.resolve("shipyard.yaml"), config);
            Map<Integer, String> outcomes = new LinkedHashMap<>();
            boolean asExpected;
            try (DeliveryStore store = DeliveryWiring.openStore(null, config, in.settings());
                    DeliveryWiring wiring = DeliveryWiring.create(in.shipyard(), config, in.settings(), store,
                            available, List.of(), List.of(new ProgressPrinter(out, "  ")))) {
                asExpected = deliverV1(wiring, dir, versions.get(0), outcomes)
                        & deliverV2(wiring, dir, versions.get(1), outcomes)
                        & deliverV3(wiring, dir, versions.get(2), outcomes);
                if (report != null) {
                    writeReport(store, report);
                }
            }
            out.println();
            out.println("== Summary ==");
            outcomes.values().forEach(out::println);
            out.flush();
            if (!asExpected) {
                err.println("gate: error: the demo did not turn out as expected (see above)");
                err.flush();
                return GateCommand.INVALID;
            }
            return GateCommand.PASS;
        } finally {
            deleteRecursively(dir);
        }
    }

    /** The page 'gate report' writes for the staging stage of the demo's store, with the three runs. */
    private void writeReport(DeliveryStore store, Path file) {
        List<EvaluationResult> evaluations = store.history().recent(new HistoryKey("demo", "staging", "carts"),
                ResultFilter.ALL, 10);
        EventLog log = store.eventLog();
        List<List<String>> runs = log.runs(3).stream()
                .map(id -> log.events(id).stream().map(LoggedEvent::json).toList()).toList();
        HtmlReport.Options options = HtmlReport.Options.defaults().withRuns(runs)
                .withTitle("QualityGate demo · carts in staging");
        long bytes = ReportFiles.write(file, w -> HtmlReport.write(evaluations, options, w));
        PrintWriter out = spec.commandLine().getOut();
        out.println();
        out.println("Wrote " + file + ": the staging quality gate's " + evaluations.size() + " evaluations and "
                + runs.size() + " delivery runs, " + ReportFiles.kilobytes(bytes) + "; open it in a browser.");
        out.flush();
    }

    private boolean deliverV1(DeliveryWiring wiring, Path dir, Version v, Map<Integer, String> outcomes) {
        RunSummary run = approveIfWaiting(wiring, start(wiring, dir, v));
        String production = serves(wiring, run, "production");
        boolean ok = run.state() == RunState.FINISHED && run.result() != Verdict.FAIL
                && production.equals("carts v1");
        outcomes.put(1, ok ? "v1: delivered to production after approval; production serves " + production + "."
                : "v1: NOT delivered as expected: " + ProgressPrinter.outcome(run));
        return ok;
    }

    private boolean deliverV2(DeliveryWiring wiring, Path dir, Version v, Map<Integer, String> outcomes) {
        RunSummary run = start(wiring, dir, v);
        Optional<Map.Entry<RunSummary.SequenceSummary, RunSummary.TaskSummary>> failure = run.firstFailure();
        boolean stoppedAtGate = run.state() == RunState.FINISHED && !run.errored() && failure.isPresent()
                && failure.get().getKey().stage().equals("staging")
                && failure.get().getValue().name().equals("evaluation");
        boolean rolledBack = run.sequences().stream().anyMatch(s -> s.stage().equals("staging")
                && s.name().equals("rollback") && s.result() == Verdict.PASS);
        String staging = serves(wiring, run, "staging");
        String production = serves(wiring, run, "production");
        PrintWriter out = spec.commandLine().getOut();
        out.println("  staging serves " + staging + "; production serves " + production + ".");
        boolean ok = stoppedAtGate && rolledBack && staging.equals("carts v1") && production.equals("carts v1");
        String why = failure.map(f -> f.getValue().message()).orElse("");
        int objective = why.indexOf("Objective");
        outcomes.put(2, ok ? "v2: stopped at the staging quality gate ("
                + (objective < 0 ? why : why.substring(objective)) + ") and rolled back; staging and production"
                + " still serve carts v1."
                : "v2: NOT stopped at the staging quality gate as expected: " + ProgressPrinter.outcome(run));
        return ok;
    }

    private boolean deliverV3(DeliveryWiring wiring, Path dir, Version v, Map<Integer, String> outcomes) {
        RunSummary waiting = start(wiring, dir, v);
        boolean waited = waiting.state() == RunState.WAITING && waiting.stage().equals("production");
        RunSummary run = approveIfWaiting(wiring, waiting);
        String production = serves(wiring, run, "production");
        boolean ok = waited && run.state() == RunState.FINISHED && run.result() != Verdict.FAIL
                && production.equals("carts v3");
        outcomes.put(3, ok ? "v3: passed the staging quality gate, waited for approval in production, was approved;"
                + " production serves " + production + "."
                : "v3: NOT delivered as expected: " + ProgressPrinter.outcome(run));
        return ok;
    }

    private RunSummary start(DeliveryWiring wiring, Path dir, Version v) {
        PrintWriter out = spec.commandLine().getOut();
        out.println();
        out.println("== v" + v.number() + ": " + v.jar() + " (" + v.note() + ") ==");
        out.flush();
        RunSummary run = wiring.runner.start(new DeliveryRequest("demo", "carts", v.jar(),
                Map.of("version", String.valueOf(v.number())), null, "delivery", Map.of()));
        out.println("  " + ProgressPrinter.outcome(run).replace("\n", "\n  "));
        out.flush();
        return run;
    }

    private RunSummary approveIfWaiting(DeliveryWiring wiring, RunSummary run) {
        if (run.state() != RunState.WAITING) {
            return run;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("  The demo approves it, as 'gate approve " + run.runId() + "' would from any process.");
        out.flush();
        RunSummary after = wiring.runner.approve(run.runId(), "by the demo");
        out.println("  " + ProgressPrinter.outcome(after).replace("\n", "\n  "));
        out.flush();
        return after;
    }

    /**
     * Asks the stage's live endpoint what it serves: the first endpoint of the stage's last passed deployment, in this
     * run if it deployed there, else in the most recent run that did.
     */
    private static String serves(DeliveryWiring wiring, RunSummary run, String stage) {
        String url = null;
        for (String id : wiring.eventLog.runs(100)) {
            for (DeliveryEvent e : DeliveryRunner.events(wiring.eventLog, id)) {
                if (e.type().equals("sh.keptn.event.deployment.finished") && e.stage().equals(stage)
                        && e.result().orElse(Verdict.FAIL) != Verdict.FAIL
                        && e.data().get("deployment") instanceof Map<?, ?> d
                        && d.get("deploymentURIsLocal") instanceof List<?> uris && !uris.isEmpty()) {
                    if (url == null || id.equals(run.runId())) {
                        url = String.valueOf(uris.get(0));
                    }
                }
            }
        }
        if (url == null) {
            return "nothing";
        }
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body().trim() : "status " + r.statusCode();
        } catch (IOException e) {
            return "nothing (" + url + " does not answer)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "nothing (interrupted)";
        }
    }

    private static Path writeDeliveryFiles(Path dir) throws IOException {
        for (String name : List.of("shipyard.yaml", "staging/slo.yaml", "staging/sli.yaml", "jmeter/jmeter.conf.yaml",
                "jmeter/basiccheck.jmx", "jmeter/load.jmx")) {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, resource("delivery/" + name));
        }
        Path config = dir.resolve("gate.yaml");
        Files.writeString(config, new String(resource("delivery/gate.yaml"), StandardCharsets.UTF_8)
                .replace("@DIR@", dir.toAbsolutePath().toString()), StandardCharsets.UTF_8);
        return config;
    }

    /** Packs the sample service into a runnable jar whose manifest names its version. */
    private static void writeJar(Path jar, int version) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, SampleService.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_TITLE, "carts");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, String.valueOf(version));
        String entry = SampleService.class.getName().replace('.', '/') + ".class";
        byte[] bytes;
        try (InputStream in = SampleService.class.getClassLoader().getResourceAsStream(entry)) {
            if (in == null) {
                throw new IllegalStateException("the sample service class " + entry + " is missing from the gate jar");
            }
            bytes = in.readAllBytes();
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry(entry));
            out.write(bytes);
            out.closeEntry();
        }
    }

    private Integer gateOnly() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("qualitygate-demo-");
        try {
            Path slo = dir.resolve("slo.yaml");
            Files.write(slo, resource("slo.yaml"));
            out.println("QualityGate demo: project demo, stage staging, service carts.");
            out.println("SLO (" + DEMO + "slo.yaml): response_time_p95 must stay within +10% of the last passing"
                    + " build and under 600 ms (warning up to 800 ms; weight 2), error_rate at most 1, throughput is"
                    + " informational; a total score of 90% passes, 75% warns.");
            out.println("History: a file store in a temporary directory, deleted at the end.");
            EvaluationResult first;
            EvaluationResult second;
            try (EvaluationStore store = EvaluationStore.files(dir.resolve("history"));
                    Gate gate = Gate.builder().slo(slo).store(store).build()) {
                first = evaluate(gate, 1, out);
                second = evaluate(gate, 2, out);
            }
            out.println();
            out.println("== Summary ==");
            out.println(summary(1, first));
            out.println(summary(2, second));
            if (second.result() != Verdict.PASS) {
                out.println("Why build 2 " + outcome(second.result()) + ":");
                for (IndicatorResult ir : second.indicatorResults()) {
                    if (ir.status() != ObjectiveStatus.PASS && ir.status() != ObjectiveStatus.INFO) {
                        out.println("  " + ir.explanation());
                    }
                }
                out.println("  " + second.message());
            }
            out.flush();
            if (first.result() != Verdict.PASS || second.result() != Verdict.FAIL) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("gate: error: the demo did not turn out as expected: build 1 " + outcome(first.result())
                        + ", build 2 " + outcome(second.result()));
                err.flush();
                return GateCommand.INVALID;
            }
            return GateCommand.PASS;
        } finally {
            deleteRecursively(dir);
        }
    }

    private static EvaluationResult evaluate(Gate gate, int build, PrintWriter out) {
        String name = "build-" + build + ".yaml";
        EvaluationContext context = EvaluationContext.of("demo", "staging", "carts")
                .withLabel("buildId", String.valueOf(build));
        EvaluationResult result = gate.score(context, null, GateYaml.readValues(resource(name), DEMO + name));
        out.println();
        out.println("== Build " + build + " (values from " + DEMO + name + ") ==");
        out.print(TextReport.render(result));
        return result;
    }

    private static String summary(int build, EvaluationResult result) {
        StringBuilder sb = new StringBuilder("Build ").append(build).append(' ').append(outcome(result.result()))
                .append(" with a score of ").append(GoNumbers.format(Math.round(result.score() * 100) / 100.0))
                .append('.');
        if (result.indicatorResults().stream().anyMatch(IndicatorResult::missingBaseline)) {
            sb.append(" No earlier evaluation had a value, so its relative criteria had no baseline and counted as"
                    + " met.");
        } else if (!result.comparedEvents().isEmpty()) {
            int n = result.comparedEvents().size();
            sb.append(" Its relative criteria were computed from ").append(n)
                    .append(n == 1 ? " earlier evaluation" : " earlier evaluations").append(" in the store.");
        }
        return sb.toString();
    }

    private static String outcome(Verdict verdict) {
        switch (verdict) {
            case PASS:
                return "passed";
            case WARNING:
                return "ended with a warning";
            default:
                return "failed";
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = DemoCommand.class.getResourceAsStream(DEMO + name)) {
            if (in == null) {
                throw new IllegalStateException("the demo file " + DEMO + name + " is missing from the gate jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
