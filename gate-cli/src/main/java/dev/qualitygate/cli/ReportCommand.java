package dev.qualitygate.cli;

import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.error.Problem;
import dev.qualitygate.history.EvaluationStore;
import dev.qualitygate.history.HistoryKey;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.ResultFilter;
import dev.qualitygate.report.EvaluationJson;
import dev.qualitygate.report.HtmlReport;
import dev.qualitygate.report.JUnitXml;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
            "The evaluations come from the file store of 'gate evaluate --store' (--store with --project, --stage"
                    + " and --service), or from a JSON file of evaluations (--history)."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  the report was written", "  2  invalid input or usage, no evaluations, or a file error"})
final class ReportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--store", paramLabel = "DIR",
            description = "Directory of the file history store. Needs --project, --stage and --service.")
    private @Nullable Path store;

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
        List<EvaluationResult> evaluations = store == null ? fromHistoryFile() : fromStore(store);
        EvaluationResult chosen = chosen(evaluations);
        PrintWriter console = spec.commandLine().getOut();
        Path html = out;
        if (html != null) {
            HtmlReport.Options options = HtmlReport.Options.defaults().withChosen(evaluation)
                    .withBreakdowns(breakdowns).withTitle(title == null ? "" : title);
            long bytes = write(html, w -> HtmlReport.write(evaluations, options, w));
            console.println("Wrote " + html + ": " + evaluations.size()
                    + (evaluations.size() == 1 ? " evaluation" : " evaluations") + ", " + kilobytes(bytes));
        }
        Path xml = junit;
        if (xml != null) {
            long bytes = write(xml, w -> JUnitXml.write(chosen, w));
            console.println("Wrote " + xml + ": JUnit XML of evaluation "
                    + (chosen.id().isEmpty() ? "(without id)" : chosen.id()) + ", " + chosen.result().keyword()
                    + ", " + kilobytes(bytes));
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
                    ? "give the evaluations: --store DIR with --project, --stage and --service, or --history FILE"
                    : "--store and --history exclude each other");
        }
        if (last < 1) {
            throw new ParameterException(spec.commandLine(), "--last must be at least 1, was " + last);
        }
        if (breakdowns < 1) {
            throw new ParameterException(spec.commandLine(), "--breakdowns must be at least 1, was " + breakdowns);
        }
        if (store == null) {
            return;
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

    private List<EvaluationResult> fromStore(Path directory) {
        HistoryKey key = new HistoryKey(Objects.requireNonNull(project), Objects.requireNonNull(stage),
                Objects.requireNonNull(service));
        if (!Files.isDirectory(directory)) {
            throw new GateConfigException(Problem.of(directory.toString(), "not a directory: the store is the --store"
                    + " directory that 'gate evaluate --store' appended to"));
        }
        List<EvaluationResult> evaluations;
        try (EvaluationStore evaluationStore = EvaluationStore.files(directory)) {
            evaluations = evaluationStore.recent(key, ResultFilter.ALL, last);
        }
        if (evaluations.isEmpty()) {
            throw new GateConfigException(Problem.of(directory.toString(), "no evaluations of " + key
                    + " in the store; 'gate evaluate --store " + directory + " --project " + key.project()
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

    /** What writes a report into a writer. */
    private interface Rendering {
        void writeTo(Writer writer) throws IOException;
    }

    /** Writes a file as UTF-8, creating missing parent directories; returns its size in bytes. */
    private static long write(Path file, Rendering rendering) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                rendering.writeTo(writer);
            }
            return Files.size(file);
        } catch (IOException e) {
            throw new GateConfigException(Problem.of(file.toString(), "cannot write the file: " + describe(e)));
        }
    }

    private static String describe(IOException e) {
        if (e instanceof FileAlreadyExistsException) {
            return e.getMessage() + " is a file, not a directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied for " + e.getMessage();
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory: " + e.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String kilobytes(long bytes) {
        return (bytes + 1023) / 1024 + " KB";
    }
}
