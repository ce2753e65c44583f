package dev.qualitygate.cli;

import dev.qualitygate.Gate;
import dev.qualitygate.QualityGate;
import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.error.Problem;
import dev.qualitygate.history.EvaluationStore;
import dev.qualitygate.internal.GoDuration;
import dev.qualitygate.jdbc.EvaluationStores;
import dev.qualitygate.model.EvaluationContext;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.GateSettings;
import dev.qualitygate.model.TimeWindow;
import dev.qualitygate.model.IndicatorValues;
import dev.qualitygate.model.Verdict;
import dev.qualitygate.report.EvaluationJson;
import dev.qualitygate.report.JUnitXml;
import dev.qualitygate.report.TextReport;
import dev.qualitygate.yaml.GateYaml;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
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
            "The values come from --values, or are fetched for a time window (--from/--to or --window) from the"
                    + " metric sources of --config for the queries of the --sli files.",
            "Without a store, earlier evaluations come from --history (if given) and nothing is stored. With"
                    + " --store (or a store in --config), they come from the store under"
                    + " --project/--stage/--service, and the new result is appended to it."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  pass", "  1  fail", "  2  invalid input or usage", "  3  warning"})
final class EvaluateCommand implements Callable<Integer> {
    /** How the result is printed. */
    enum Format {
        /** The result as indented JSON, the {@code data} of Keptn's {@code evaluation.finished} event. */
        JSON,
        /** One line per objective, then the total. */
        TEXT,
        /** JUnit XML: one test case per objective and one for the total score, for a CI server's test tab. */
        JUNIT
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--slo", required = true, paramLabel = "FILE", description = "The slo.yaml.")
    private Path slo;

    @Option(names = "--values", paramLabel = "FILE",
            description = "YAML or JSON map of SLI name to value: a number was measured; a string (the reason)"
                    + " or null means the retrieval failed. Not with --sli.")
    private @Nullable Path values;

    @Option(names = "--sli", paramLabel = "FILE",
            description = "An sli.yaml whose queries are fetched; repeatable, later files override earlier ones."
                    + " Its metric source is its source: key, else its directory name, else the only source of"
                    + " --config.")
    private List<Path> slis = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE",
            description = "Gate configuration (gate.yaml): the metric sources by name with their settings, and"
                    + " optionally the history store. Needed with --sli.")
    private @Nullable Path config;

    @Option(names = "--from", paramLabel = "TIME",
            description = "Start of the evaluated window, RFC 3339 such as 2026-11-26T10:00:00Z.")
    private @Nullable String from;

    @Option(names = "--to", paramLabel = "TIME",
            description = "End of the evaluated window, RFC 3339; default: now (with --window).")
    private @Nullable String to;

    @Option(names = "--window", paramLabel = "DURATION",
            description = "Length of the evaluated window ending at --to (or now), such as 5m or 1h30m.")
    private @Nullable String window;

    @Option(names = "--history", paramLabel = "FILE",
            description = "JSON of earlier evaluations, oldest first: an array of evaluation.finished data objects"
                    + " or CloudEvents, or a Keptn datastore page {\"events\": [...]}. Not with --store.")
    private @Nullable Path history;

    @Option(names = "--store", paramLabel = "DIR|URL",
            description = "The history store: a directory (the file store), or a PostgreSQL database as"
                    + " jdbc:postgresql://HOST:PORT/DB?user=$${env:U}&password=$${env:P}. Read the baseline from it and"
                    + " append the result. Needs --project, --stage and --service.")
    private @Nullable String store;

    @Option(names = "--project", paramLabel = "P", description = "Project of the evaluation.")
    private @Nullable String project;

    @Option(names = "--stage", paramLabel = "S", description = "Stage of the evaluation.")
    private @Nullable String stage;

    @Option(names = "--service", paramLabel = "X", description = "Service of the evaluation.")
    private @Nullable String service;

    @Option(names = "--label", paramLabel = "KEY=VALUE",
            description = "A label of the evaluated build, such as buildId=42; repeatable.")
    private Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = "--format", paramLabel = "json|text|junit", defaultValue = "text",
            converter = FormatConverter.class,
            description = "Output format: json (Keptn's evaluation.finished data), text, or junit (JUnit XML for a CI"
                    + " server's test tab); default: ${DEFAULT-VALUE}.")
    private Format format;

    @Override
    public Integer call() {
        checkUsage();
        EvaluationContext context = new EvaluationContext(orEmpty(project), orEmpty(stage), orEmpty(service),
                "primary", labels);
        EvaluationResult result;
        if (values == null) {
            result = fetchAndEvaluate(context);
        } else {
            result = store == null ? evaluate(context) : evaluateWithStore(store, context);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.JSON) {
            out.println(EvaluationJson.writePretty(result));
        } else if (format == Format.JUNIT) {
            out.print(JUnitXml.render(result));
        } else {
            out.print(TextReport.render(result));
        }
        out.flush();
        return exitCode(result.result());
    }

    private void checkUsage() {
        if (values == null && slis.isEmpty()) {
            throw new ParameterException(spec.commandLine(),
                    "give the values: --values FILE, or --sli FILE with --config FILE and a window to fetch them");
        }
        if (values != null && (!slis.isEmpty() || config != null || from != null || to != null || window != null)) {
            throw new ParameterException(spec.commandLine(),
                    "--values excludes --sli, --config, --from, --to and --window: the values are given, not fetched");
        }
        if (values == null) {
            if (config == null) {
                throw new ParameterException(spec.commandLine(),
                        "--sli needs --config: the gate configuration names the metric sources and their settings");
            }
            if (window == null && (from == null || to == null)) {
                throw new ParameterException(spec.commandLine(),
                        "fetching needs a window: --from and --to, or --window (ending at --to or now)");
            }
            if (window != null && from != null) {
                throw new ParameterException(spec.commandLine(),
                        "--window and --from exclude each other: --window counts back from --to (or now)");
            }
        }
        if (store == null) {
            return;
        }
        if (history != null) {
            throw new ParameterException(spec.commandLine(),
                    "--history and --store exclude each other: with --store the history comes from the store");
        }
        StoreOptions.requireHistoryKey(spec, project, stage, service);
    }

    private EvaluationResult evaluate(EvaluationContext context) {
        List<Problem> problems = new ArrayList<>();
        QualityGate gate = collect(() -> QualityGate.fromSlo(slo), problems);
        Path valuesFile = java.util.Objects.requireNonNull(values);
        IndicatorValues indicatorValues = collect(() -> GateYaml.readValues(valuesFile), problems);
        Path historyFile = history;
        List<EvaluationResult> earlier = historyFile == null ? List.of()
                : collect(() -> EvaluationJson.readHistory(Inputs.readText(historyFile), historyFile.toString()),
                        problems);
        if (gate == null || indicatorValues == null || earlier == null) {
            throw new GateConfigException(problems);
        }
        return gate.evaluate(indicatorValues, earlier).toBuilder().context(context).build();
    }

    private EvaluationResult evaluateWithStore(String location, EvaluationContext context) {
        List<Problem> problems = new ArrayList<>();
        Path valuesFile = java.util.Objects.requireNonNull(values);
        IndicatorValues indicatorValues = collect(() -> GateYaml.readValues(valuesFile), problems);
        Gate.Builder builder = collect(() -> Gate.builder().slo(slo), problems);
        if (builder == null || indicatorValues == null) {
            throw new GateConfigException(problems);
        }
        try (EvaluationStore evaluations = EvaluationStores.open(location, Path.of(""));
                Gate gate = builder.store(evaluations).build()) {
            return gate.score(context, null, indicatorValues);
        }
    }

    private EvaluationResult fetchAndEvaluate(EvaluationContext context) {
        Path configFile = java.util.Objects.requireNonNull(config);
        List<Problem> problems = new ArrayList<>();
        GateSettings settings = collect(() -> GateYaml.readSettings(configFile), problems);
        Gate.Builder builder = collect(() -> Gate.builder().slo(slo), problems);
        for (Path sli : slis) {
            if (builder != null) {
                collect(() -> builder.sli(sli), problems);
            }
        }
        TimeWindow timeWindow = collect(this::timeWindow, problems);
        Path historyFile = history;
        List<EvaluationResult> earlier = historyFile == null ? List.of()
                : collect(() -> EvaluationJson.readHistory(Inputs.readText(historyFile), historyFile.toString()),
                        problems);
        if (settings == null || builder == null || timeWindow == null || earlier == null || !problems.isEmpty()) {
            throw new GateConfigException(problems);
        }
        String location = store;
        Path base = Path.of("");
        if (location == null && settings.store() != null) {
            location = settings.store();
            Path configDirectory = configFile.toAbsolutePath().getParent();
            base = configDirectory == null ? base : configDirectory;
            if (context.project().isEmpty() || context.stage().isEmpty() || context.service().isEmpty()) {
                throw new ParameterException(spec.commandLine(), configFile + " names a store ("
                        + settings.store() + "), which needs --project, --stage and --service: it keeps one history"
                        + " per project, stage and service");
            }
        }
        EvaluationStore evaluations = location == null ? new FixedHistoryStore(earlier)
                : EvaluationStores.open(location, base);
        try (evaluations; Gate gate = builder.sources(settings).store(evaluations).build()) {
            return gate.evaluate(context, timeWindow);
        }
    }

    private TimeWindow timeWindow() {
        Instant end = to == null ? Instant.now() : instant("--to", to);
        if (window != null) {
            try {
                return TimeWindow.ending(end, GoDuration.parse(window));
            } catch (IllegalArgumentException e) {
                throw new GateConfigException(new Problem("--window", 0, 0, "", e.getMessage(), window));
            }
        }
        Instant start = instant("--from", java.util.Objects.requireNonNull(from));
        if (!end.isAfter(start)) {
            throw new GateConfigException(new Problem("--to", 0, 0, "", "must be after --from (" + from + ")", to));
        }
        return new TimeWindow(start, end);
    }

    private static Instant instant(String option, String text) {
        Instant instant = EvaluationJson.instant(text);
        if (instant == null) {
            throw new GateConfigException(new Problem(option, 0, 0, "",
                    "must be a time in RFC 3339 form, such as 2026-11-26T10:00:00Z", text));
        }
        return instant;
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

    /** Reads {@code json}, {@code text} or {@code junit}, in any case. */
    static final class FormatConverter implements ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            for (Format f : Format.values()) {
                if (f.name().equalsIgnoreCase(value)) {
                    return f;
                }
            }
            throw new TypeConversionException("expected json, text or junit, was '" + value + "'");
        }
    }
}
