package dev.qualitygate.cli;

import dev.qualitygate.Gate;
import dev.qualitygate.criteria.GoNumbers;
import dev.qualitygate.history.EvaluationStore;
import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.IndicatorResult;
import dev.qualitygate.model.ObjectiveStatus;
import dev.qualitygate.model.Verdict;
import dev.qualitygate.report.TextReport;
import dev.qualitygate.yaml.GateYaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code gate demo}: evaluates two builds of a bundled example service through a {@link Gate} with a file store, the
 * second of which regressed, and explains why it failed.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluates two builds of a bundled example service and explains why the second fails.",
            "History is kept in a file store in a temporary directory, deleted at the end. Build 1 passes; build 2's"
                    + " response time regressed by more than 10%% against build 1, so it fails. Prints both reports"
                    + " and why build 2 failed."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  the demo ran as expected", "  2  it did not"})
final class DemoCommand implements Callable<Integer> {
    private static final String DEMO = "demo/";

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
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
