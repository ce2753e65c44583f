package dev.qualitygate.cli;

import dev.qualitygate.delivery.DeliveryEvent;
import dev.qualitygate.delivery.RunSummary;
import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.error.Problem;
import dev.qualitygate.history.EventLog;
import dev.qualitygate.history.HistoryKey;
import dev.qualitygate.history.LoggedEvent;
import dev.qualitygate.jdbc.DeliveryStore;
import dev.qualitygate.jdbc.EvaluationStores;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.ResultFilter;
import dev.qualitygate.report.EvaluationJson;
import dev.qualitygate.report.HtmlReport;
import dev.qualitygate.report.JUnitXml;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gate report}: the HTML report of a stored history, and the JUnit XML of one of its evaluations. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Writes the report of the newest evaluations of a service: one self-contained HTML file (--out) with a"
                    + " heatmap of every objective over the evaluations, the breakdown of the chosen evaluation and a"
                    + " trend chart per objective; and/or the JUnit XML of the chosen evaluation (--junit) for a CI"
                    + " server's test tab.",
            "The evaluations come from the store of 'gate evaluate --store', a directory or a PostgreSQL database"
                    + " (--store with --project, --stage"
                    + " and --service), or from a JSON file of evaluations (--history).",
            "With --store, the page starts with the newest delivery runs of the project and service from the"
                    + " store's event log ('gate deliver'): each run's stages and tasks in order with results,"
                    + " durations and approvals, and where it stopped or waits."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  the report was written",
            "  2  invalid input or usage, neither evaluations nor delivery runs, an unknown --evaluation or --run, or"
                    + " a file error"})
final class ReportCommand implements Callable<Integer> {
    /** How many delivery runs the page shows when {@code --runs} is not given. */
    static final int DEFAULT_RUNS = 5;

    @Spec
    private CommandSpec spec;

    @Option(names = "--store", paramLabel = "DIR|URL",
            description = "The store 'gate evaluate --store' and 'gate deliver --store' wrote to: a directory, or"
                    + " jdbc:postgresql://HOST:PORT/DB?... (credentials as ${env:NAME}). Needs --project, --stage"
                    + " and --service.")
    private @Nullable String store;

    @Option(names = "--history", paramLabel = "FILE",
            description = "JSON of evaluations, oldest first: an array of evaluation.finished data objects or"
                    + " CloudEvents, or a Keptn datastore page {\"events\": [...]}. Not with --store; --project,"
                    + " --stage and --service, if given, select among them.")
    private @Nullable Path history;

    @Option(names = "--project", paramLabel = "P", description = "Project of the evaluations.")
    private @Nullable String project;

    @Option(names = "--stage", paramLabel = "S", description = "Stage of the evaluations.")
    private @Nullable String stage;

    @Option(names = "--service", paramLabel = "X", description = "Service of the evaluations.")
    private @Nullable String service;

    @Option(names = "--last", paramLabel = "N", defaultValue = "50",
            description = "Report the newest N evaluations; default: ${DEFAULT-VALUE}.")
    private int last;

    @Option(names = "--evaluation", paramLabel = "ID",
            description = "The evaluation whose breakdown the page shows first and whose JUnit XML --junit writes;"
                    + " default: the newest.")
    private @Nullable String evaluation;

    @Option(names = "--breakdowns", paramLabel = "N", defaultValue = "" + HtmlReport.Options.DEFAULT_BREAKDOWNS,
            description = "The page holds the breakdowns of the newest N evaluations (and of --evaluation);"
                    + " default: ${DEFAULT-VALUE}.")
    private int breakdowns;

    @Option(names = "--runs", paramLabel = "N",
            description = "With --store: show the newest N delivery runs of --project and --service from the store's"
                    + " event log; 0 for none. Default: " + DEFAULT_RUNS + ".")
    private @Nullable Integer runs;

    @Option(names = "--run", paramLabel = "ID",
            description = "With --store: the delivery run shown first (a run id of 'gate status'), also when it is"
                    + " older than the newest --runs; default: the newest.")
    private @Nullable String run;

    @Option(names = "--title", paramLabel = "TEXT",
            description = "Title of the page; default: Quality gate · PROJECT / STAGE / SERVICE.")
    private @Nullable String title;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the HTML report to FILE.")
    private @Nullable Path out;

    @Option(names = "--junit", paramLabel = "FILE",
            description = "Write the JUnit XML of the chosen evaluation to FILE.")
    private @Nullable Path junit;

    @Override
    public Integer call() {
        checkUsage();
        List<List<String>> deliveries;
        List<EvaluationResult> evaluations;
        if (store == null) {
            deliveries = List.of();
            evaluations = fromHistoryFile();
        } else {
            if (!EvaluationStores.isJdbc(store) && !Files.isDirectory(Path.of(store))) {
                throw new GateConfigException(Problem.of(store, "not a directory: the store is the --store"
                        + " directory that 'gate evaluate --store' appended to"));
            }
            try (DeliveryStore opened = DeliveryStore.open(store, Path.of(""))) {
                deliveries = runsOf(opened);
                evaluations = fromStore(opened, deliveries);
            }
        }
        @Nullable EvaluationResult chosen = evaluations.isEmpty() && evaluation == null ? null : chosen(evaluations);
        PrintWriter console = spec.commandLine().getOut();
        Path html = out;
        if (html != null) {
            HtmlReport.Options options = HtmlReport.Options.defaults().withChosen(evaluation)
                    .withBreakdowns(breakdowns).withTitle(title == null ? "" : title).withRuns(deliveries)
                    .withRun(run);
            long bytes = ReportFiles.write(html, w -> HtmlReport.write(evaluations, options, w));
            console.println("Wrote " + html + ": " + evaluations.size()
                    + (evaluations.size() == 1 ? " evaluation" : " evaluations")
                    + (deliveries.isEmpty() ? "" : ", " + deliveries.size()
                            + (deliveries.size() == 1 ? " delivery run" : " delivery runs"))
                    + ", " + ReportFiles.kilobytes(bytes));
        }
        Path xml = junit;
        if (xml != null) {
            EvaluationResult ofJunit = Objects.requireNonNull(chosen, "--junit needs evaluations, fromStore checks");
            long bytes = ReportFiles.write(xml, w -> JUnitXml.write(ofJunit, w));
            console.println("Wrote " + xml + ": JUnit XML of evaluation "
                    + (ofJunit.id().isEmpty() ? "(without id)" : ofJunit.id()) + ", " + ofJunit.result().keyword()
                    + ", " + ReportFiles.kilobytes(bytes));
        }
        console.flush();
        return GateCommand.PASS;
    }

    private void checkUsage() {
        if (out == null && junit == null) {
            throw new ParameterException(spec.commandLine(),
                    "say what to write: --out FILE for the HTML report, --junit FILE for JUnit XML, or both");
        }
        if ((store == null) == (history == null)) {
            throw new ParameterException(spec.commandLine(), store == null
                    ? "give the evaluations: --store DIR|URL with --project, --stage and --service, or --history FILE"
                    : "--store and --history exclude each other");
        }
        if (last < 1) {
            throw new ParameterException(spec.commandLine(), "--last must be at least 1, was " + last);
        }
        if (breakdowns < 1) {
            throw new ParameterException(spec.commandLine(), "--breakdowns must be at least 1, was " + breakdowns);
        }
        if (runs != null && runs < 0) {
            throw new ParameterException(spec.commandLine(), "--runs must be at least 0, was " + runs);
        }
        if (store == null) {
            if (runs != null || run != null) {
                throw new ParameterException(spec.commandLine(), (run != null ? "--run" : "--runs")
                        + " needs --store: delivery runs are read from the event log of a store");
            }
            return;
        }
        StoreOptions.requireHistoryKey(spec, project, stage, service);
    }

    /**
     * The delivery runs of the project and service, each as its CloudEvents: the {@code --runs} with the most recent
     * activity, and the {@code --run}; newest start first.
     */
    private List<List<String>> runsOf(DeliveryStore opened) {
        int wanted = runs == null ? DEFAULT_RUNS : runs;
        String chosenRun = run;
        String wantedProject = Objects.requireNonNull(project);
        String wantedService = Objects.requireNonNull(service);
        record Selected(Instant started, List<String> events) {
        }
        Map<String, Selected> selected = new LinkedHashMap<>();
        EventLog log = opened.eventLog();
        String where = opened.description();
        if (chosenRun != null) {
            List<LoggedEvent> logged = EventLog.isValidRunId(chosenRun) ? log.events(chosenRun) : List.of();
            if (logged.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--run " + chosenRun + ": no such run in the"
                        + " event log of " + where + " ('gate status --store " + where + "' lists them)");
            }
            RunSummary summary = summary(logged);
            if (!summary.project().equals(wantedProject) || !summary.service().equals(wantedService)) {
                throw new ParameterException(spec.commandLine(), "--run " + chosenRun + " delivers "
                        + summary.service() + " of project " + summary.project() + ", not " + wantedService
                        + " of project " + wantedProject);
            }
            selected.put(chosenRun, new Selected(summary.started(), json(logged)));
        }
        int found = 0;
        for (String id : wanted == 0 ? List.<String>of() : log.runs(Integer.MAX_VALUE)) {
            if (found == wanted) {
                break;
            }
            if (id.equals(chosenRun)) {
                found++;
                continue;
            }
            List<LoggedEvent> logged = log.events(id);
            RunSummary summary = logged.isEmpty() ? null : summary(logged);
            if (summary != null && summary.project().equals(wantedProject)
                    && summary.service().equals(wantedService)) {
                found++;
                selected.put(id, new Selected(summary.started(), json(logged)));
            }
        }
        return selected.values().stream().sorted(Comparator.comparing(Selected::started).reversed())
                .map(Selected::events).toList();
    }

    private static RunSummary summary(List<LoggedEvent> logged) {
        return RunSummary.of(logged.stream().map(e -> DeliveryEvent.fromJson(e.json())).toList());
    }

    private static List<String> json(List<LoggedEvent> logged) {
        return logged.stream().map(LoggedEvent::json).toList();
    }

    private List<EvaluationResult> fromStore(DeliveryStore opened, List<List<String>> deliveries) {
        HistoryKey key = new HistoryKey(Objects.requireNonNull(project), Objects.requireNonNull(stage),
                Objects.requireNonNull(service));
        List<EvaluationResult> evaluations = opened.history().recent(key, ResultFilter.ALL, last);
        if (evaluations.isEmpty() && (deliveries.isEmpty() || junit != null)) {
            throw new GateConfigException(Problem.of(opened.description(), "no evaluations of " + key
                    + (deliveries.isEmpty() && junit == null ? " and no delivery runs of " + key.project() + "/"
                            + key.service() : "")
                    + " in the store; 'gate evaluate --store " + opened.description() + " --project " + key.project()
                    + " --stage " + key.stage() + " --service " + key.service() + "' stores them"));
        }
        return evaluations;
    }

    private List<EvaluationResult> fromHistoryFile() {
        Path file = Objects.requireNonNull(history);
        List<EvaluationResult> selected = new ArrayList<>();
        for (EvaluationResult r : EvaluationJson.readHistory(Inputs.readText(file), file.toString())) {
            if ((project == null || project.equals(r.project())) && (stage == null || stage.equals(r.stage()))
                    && (service == null || service.equals(r.service()))) {
                selected.add(r);
            }
        }
        if (selected.isEmpty()) {
            throw new GateConfigException(Problem.of(file.toString(), project == null && stage == null
                    && service == null ? "holds no evaluations" : "holds no evaluations of the given --project,"
                    + " --stage and --service"));
        }
        return List.copyOf(selected.subList(Math.max(0, selected.size() - last), selected.size()));
    }

    private EvaluationResult chosen(List<EvaluationResult> evaluations) {
        if (evaluation == null) {
            return evaluations.get(evaluations.size() - 1);
        }
        for (int i = evaluations.size() - 1; i >= 0; i--) {
            if (evaluations.get(i).id().equals(evaluation)) {
                return evaluations.get(i);
            }
        }
        throw new ParameterException(spec.commandLine(), "--evaluation " + evaluation + ": no such evaluation among"
                + " the " + evaluations.size() + " read (the newest " + last + "); an evaluation's id is the 'id'"
                + " of 'gate evaluate --format json'");
    }
}
