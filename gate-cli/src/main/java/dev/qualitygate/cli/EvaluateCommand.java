package dev.qualitygate.cli;

import dev.qualitygate.Gate;
import dev.qualitygate.QualityGate;
import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.error.Problem;
import dev.qualitygate.history.EvaluationStore;
import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.IndicatorValues;
import dev.qualitygate.model.Verdict;
import dev.qualitygate.report.EvaluationJson;
import dev.qualitygate.report.TextReport;
import dev.qualitygate.yaml.GateYaml;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code gate evaluate}: scores indicator values against an SLO, with history from a file or a store. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Evaluates indicator values against an SLO, as Keptn's lighthouse did.",
            "Without --store, earlier evaluations come from --history (if given) and nothing is stored. With"
                    + " --store, they come from the store under --project/--stage/--service, and the new"
                    + " result is appended to it."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  pass", "  1  fail", "  2  invalid input or usage", "  3  warning"})
final class EvaluateCommand implements Callable<Integer> {
    /** How the result is printed. */
    enum Format {
        /** The result as indented JSON, the {@code data} of Keptn's {@code evaluation.finished} event. */
        JSON,
        /** One line per objective, then the total. */
        TEXT
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--slo", required = true, paramLabel = "FILE", description = "The slo.yaml.")
    private Path slo;

    @Option(names = "--values", required = true, paramLabel = "FILE",
            description = "YAML or JSON map of SLI name to value: a number was measured; a string (the reason)"
                    + " or null means the retrieval failed.")
    private Path values;

    @Option(names = "--history", paramLabel = "FILE",
            description = "JSON of earlier evaluations, oldest first: an array of evaluation.finished data objects"
                    + " or CloudEvents, or a Keptn datastore page {\"events\": [...]}. Not with --store.")
    private @Nullable Path history;

    @Option(names = "--store", paramLabel = "DIR",
            description = "Directory of the file history store: read the baseline from it and append the result."
                    + " Needs --project, --stage and --service.")
    private @Nullable Path store;

    @Option(names = "--project", paramLabel = "P", description = "Project of the evaluation.")
    private @Nullable String project;

    @Option(names = "--stage", paramLabel = "S", description = "Stage of the evaluation.")
    private @Nullable String stage;

    @Option(names = "--service", paramLabel = "X", description = "Service of the evaluation.")
    private @Nullable String service;

    @Option(names = "--label", paramLabel = "KEY=VALUE",
            description = "A label of the evaluated build, such as buildId=42; repeatable.")
    private Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = "--format", paramLabel = "json|text", defaultValue = "text", converter = FormatConverter.class,
            description = "Output format; default: ${DEFAULT-VALUE}.")
    private Format format;

    @Override
    public Integer call() {
        checkUsage();
        EvaluationContext context = new EvaluationContext(orEmpty(project), orEmpty(stage), orEmpty(service),
                "primary", labels);
        EvaluationResult result = store == null ? evaluate(context) : evaluateWithStore(store, context);
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.JSON) {
            out.println(EvaluationJson.writePretty(result));
        } else {
            out.print(TextReport.render(result));
        }
        out.flush();
        return exitCode(result.result());
    }

    private void checkUsage() {
        if (store == null) {
            return;
        }
        if (history != null) {
            throw new ParameterException(spec.commandLine(),
                    "--history and --store exclude each other: with --store the history comes from the store");
        }
        List<String> missing = new ArrayList<>();
        if (project == null) {
            missing.add("--project");
        }
        if (stage == null) {
            missing.add("--stage");
        }
        if (service == null) {
            missing.add("--service");
        }
        if (!missing.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--store needs " + String.join(", ", missing)
                    + ": the store keeps one history per project, stage and service");
        }
    }

    private EvaluationResult evaluate(EvaluationContext context) {
        List<Problem> problems = new ArrayList<>();
        QualityGate gate = collect(() -> QualityGate.fromSlo(slo), problems);
        IndicatorValues indicatorValues = collect(() -> GateYaml.readValues(values), problems);
        Path historyFile = history;
        List<EvaluationResult> earlier = historyFile == null ? List.of()
                : collect(() -> EvaluationJson.readHistory(Inputs.readText(historyFile), historyFile.toString()),
                        problems);
        if (gate == null || indicatorValues == null || earlier == null) {
            throw new GateConfigException(problems);
        }
        return gate.evaluate(indicatorValues, earlier).toBuilder().context(context).build();
    }

    private EvaluationResult evaluateWithStore(Path directory, EvaluationContext context) {
        List<Problem> problems = new ArrayList<>();
        IndicatorValues indicatorValues = collect(() -> GateYaml.readValues(values), problems);
        Gate.Builder builder = collect(() -> Gate.builder().slo(slo), problems);
        if (builder == null || indicatorValues == null) {
            throw new GateConfigException(problems);
        }
        try (EvaluationStore evaluations = EvaluationStore.files(directory);
                Gate gate = builder.store(evaluations).build()) {
            return gate.score(context, null, indicatorValues);
        }
    }

    /** Runs a read, adding its problems to the list instead of throwing, so that all inputs are checked at once. */
    private static <T> @Nullable T collect(Supplier<T> read, List<Problem> problems) {
        try {
            return read.get();
        } catch (GateConfigException e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    private static int exitCode(Verdict verdict) {
        switch (verdict) {
            case PASS:
                return GateCommand.PASS;
            case WARNING:
                return GateCommand.WARNING;
            default:
                return GateCommand.FAIL;
        }
    }

    private static String orEmpty(@Nullable String s) {
        return s == null ? "" : s;
    }

    /** Reads {@code json} or {@code text}, in any case. */
    static final class FormatConverter implements ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            for (Format f : Format.values()) {
                if (f.name().equalsIgnoreCase(value)) {
                    return f;
                }
            }
            throw new TypeConversionException("expected json or text, was '" + value + "'");
        }
    }
}
