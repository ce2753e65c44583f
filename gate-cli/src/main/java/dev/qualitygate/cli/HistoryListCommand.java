package dev.qualitygate.cli;

import dev.qualitygate.history.EvaluationStore;
import dev.qualitygate.history.HistoryKey;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.ResultFilter;
import dev.qualitygate.report.EvaluationJson;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gate history list}: the newest evaluations of one history. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Lists the newest evaluations of one history (project, stage and service), oldest first: those a"
                    + " baseline can be chosen from, so not the invalidated ones."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  listed (also when the history is empty)", "  2  invalid input or usage, or the store failed"})
final class HistoryListCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private StoreOptions storeOptions;

    @Option(names = "--project", required = true, paramLabel = "P", description = "Project of the history.")
    private String project;

    @Option(names = "--stage", required = true, paramLabel = "S", description = "Stage of the history.")
    private String stage;

    @Option(names = "--service", required = true, paramLabel = "X", description = "Service of the history.")
    private String service;

    @Option(names = "--last", paramLabel = "N", defaultValue = "20",
            description = "How many of the newest evaluations; default: ${DEFAULT-VALUE}.")
    private int last;

    @Option(names = "--format", paramLabel = "json|text", defaultValue = "text",
            converter = EvaluateCommand.FormatConverter.class,
            description = "text: one line per evaluation; json: an array of evaluation.finished data objects."
                    + " Default: ${DEFAULT-VALUE}.")
    private EvaluateCommand.Format format;

    @Override
    public Integer call() {
        if (last < 1) {
            throw new ParameterException(spec.commandLine(), "--last must be at least 1, was " + last);
        }
        HistoryKey key = new HistoryKey(project, stage, service);
        List<EvaluationResult> results;
        String where;
        try (EvaluationStore store = storeOptions.open(spec)) {
            results = store.recent(key, ResultFilter.ALL, last);
            where = store.toString();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == EvaluateCommand.Format.JSON) {
            out.println(EvaluationJson.writeArray(results));
        } else if (results.isEmpty()) {
            out.println("No evaluations of " + key + " in the " + where + ".");
        } else {
            out.println(results.size() + " evaluation" + (results.size() == 1 ? "" : "s") + " of " + key
                    + " in the " + where + ", oldest first:");
            out.println(String.format(Locale.ROOT, "%-24s  %-7s  %6s  %-36s  %s", "TIME", "RESULT", "SCORE", "ID",
                    "LABELS"));
            for (EvaluationResult r : results) {
                out.println(String.format(Locale.ROOT, "%-24s  %-7s  %6.2f  %-36s  %s",
                        r.time() == null ? "-" : r.time().toString(), r.result().keyword(), r.score(), r.id(),
                        labels(r.labels())));
            }
        }
        out.flush();
        return GateCommand.PASS;
    }

    private static String labels(Map<String, String> labels) {
        StringBuilder sb = new StringBuilder();
        labels.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return sb.toString();
    }
}
