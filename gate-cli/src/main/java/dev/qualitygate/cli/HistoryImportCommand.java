package dev.qualitygate.cli;

import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.error.Problem;
import dev.qualitygate.error.StoreException;
import dev.qualitygate.history.EvaluationStore;
import dev.qualitygate.history.HistoryKey;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.report.EvaluationJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code gate history import FILE...}: appends evaluations exported from Keptn (the datastore's
 * {@code {"events": [...]}} pages of {@code sh.keptn.event.evaluation.finished}) to a store.
 */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Appends evaluations to a store, oldest first: Keptn's evaluation history as its datastore API exported"
                    + " it ({\"events\": [...]} pages of sh.keptn.event.evaluation.finished), or JSON arrays of"
                    + " evaluations as gate evaluate --format json writes them.",
            "Evaluations that an sh.keptn.event.evaluation.invalidated event in any of the files names are left"
                    + " out. An evaluation whose id is in several files is imported once. Every file is checked"
                    + " before anything is stored."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  imported", "  2  invalid input or usage, or the store failed"})
final class HistoryImportCommand implements Callable<Integer> {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern NUMBERED = Pattern.compile("#[0-9]+");

    @Spec
    private CommandSpec spec;

    @Mixin
    private StoreOptions storeOptions;

    @Option(names = "--project", paramLabel = "P",
            description = "Import into this project instead of the project each evaluation names.")
    private @Nullable String project;

    @Option(names = "--stage", paramLabel = "S",
            description = "Import into this stage instead of the stage each evaluation names.")
    private @Nullable String stage;

    @Option(names = "--service", paramLabel = "X",
            description = "Import into this service instead of the service each evaluation names.")
    private @Nullable String service;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Exported history files.")
    private List<Path> files = new ArrayList<>();

    @Override
    public Integer call() {
        List<EvaluationResult> evaluations = read();
        PrintWriter out = spec.commandLine().getOut();
        Map<HistoryKey, Integer> counts = new LinkedHashMap<>();
        try (EvaluationStore store = storeOptions.open(spec)) {
            int done = 0;
            try {
                for (EvaluationResult e : evaluations) {
                    store.append(e);
                    counts.merge(HistoryKey.of(e), 1, Integer::sum);
                    done++;
                }
            } catch (StoreException e) {
                throw new StoreException(e.getMessage() + " (" + done + " of " + evaluations.size()
                        + " evaluations were imported before; importing again is safe for a JDBC store, which keeps"
                        + " one row per id)", e);
            }
            out.println("Imported " + evaluations.size() + " evaluation" + (evaluations.size() == 1 ? "" : "s")
                    + " into the " + store + ":");
        }
        counts.forEach((key, n) -> out.println("  " + key + ": " + n));
        out.flush();
        return GateCommand.PASS;
    }

    /** Reads every file, reporting every problem of every file at once. */
    private List<EvaluationResult> read() {
        List<Problem> problems = new ArrayList<>();
        List<EvaluationResult> all = new ArrayList<>();
        Map<String, Path> sourceOf = new HashMap<>();
        Set<String> invalidated = new HashSet<>();
        Map<String, String> triggeredOf = new HashMap<>();
        for (Path file : files) {
            String text;
            List<EvaluationResult> read;
            try {
                text = Inputs.readText(file);
                read = EvaluationJson.readHistory(text, file.toString());
            } catch (GateConfigException e) {
                problems.addAll(e.problems());
                continue;
            }
            collectInvalidations(text, invalidated, triggeredOf);
            for (EvaluationResult r : read) {
                if (sourceOf.putIfAbsent(r.id(), file) == null) {
                    all.add(r);
                }
            }
        }
        List<EvaluationResult> kept = new ArrayList<>();
        for (EvaluationResult r : all) {
            String triggered = triggeredOf.get(r.id());
            if (triggered != null && invalidated.contains(triggered)) {
                continue;
            }
            EvaluationResult e = r.toBuilder()
                    .project(project == null ? r.project() : project)
                    .stage(stage == null ? r.stage() : stage)
                    .service(service == null ? r.service() : service)
                    .build();
            String where = sourceOf.get(r.id()).toString();
            if (NUMBERED.matcher(e.id()).matches()) {
                problems.add(Problem.of(where, "evaluation " + e.id() + " (in file order) has no id (an event id or"
                        + " data.id); a store needs one"));
            }
            List<String> missing = new ArrayList<>();
            if (e.project().isEmpty()) {
                missing.add("project (give --project)");
            }
            if (e.stage().isEmpty()) {
                missing.add("stage (give --stage)");
            }
            if (e.service().isEmpty()) {
                missing.add("service (give --service)");
            }
            if (!missing.isEmpty()) {
                problems.add(Problem.of(where, "evaluation " + e.id() + " has no " + String.join(", ", missing)
                        + ": a store keeps one history per project, stage and service"));
            }
            kept.add(e);
        }
        if (!problems.isEmpty()) {
            throw new GateConfigException(problems);
        }
        if (kept.stream().allMatch(e -> e.time() != null)) {
            kept.sort(Comparator.comparing(EvaluationResult::time));
        }
        return kept;
    }

    /**
     * Notes, from a datastore page, which sequences an {@code evaluation.invalidated} event names and which sequence
     * each finished evaluation belongs to, so that an invalidation in one file applies to an evaluation in another.
     */
    private static void collectInvalidations(String text, Set<String> invalidated, Map<String, String> triggeredOf) {
        JsonNode events;
        try {
            events = JSON.readTree(text).path("events");
        } catch (JacksonException e) {
            return;
        }
        for (JsonNode event : events) {
            String triggered = event.path("triggeredid").asString("");
            if (triggered.isEmpty()) {
                continue;
            }
            String type = event.path("type").asString("");
            if (EvaluationJson.INVALIDATED_TYPE.equals(type)) {
                invalidated.add(triggered);
            } else if (EvaluationJson.FINISHED_TYPE.equals(type)) {
                String id = event.path("data").path("id").asString(event.path("id").asString(""));
                triggeredOf.put(id, triggered);
            }
        }
    }
}
