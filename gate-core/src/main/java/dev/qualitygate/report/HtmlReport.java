package dev.qualitygate.report;

import dev.qualitygate.model.EvaluationResult;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Renders a history of evaluations as one self-contained HTML page, the report people look at: a heatmap of every
 * objective over the evaluations with the total score on top, the breakdown of a chosen evaluation (each objective
 * with value, targets, baseline, score and the reason in words), and a trend chart per objective with its
 * thresholds. Given delivery runs ({@link Options#withRuns}), it starts with them: a list of the runs and, for the
 * chosen one, its stages and tasks in order with results, durations, messages and approvals, and where the run
 * stopped or waits for approval.
 *
 * <p>The page needs nothing else: its CSS and a few lines of script are inline, charts are inline SVG, it uses the
 * system fonts, and its Content-Security-Policy forbids every network access. It works offline, as a CI artifact or
 * attached to a mail; without script only the marking of the heatmap column that a link chose is lost. The output
 * depends only on the input (no current time in it).
 *
 * <p>Example: {@code HtmlReport.write(store.recent(key, ResultFilter.ALL, 50), writer)}; with the delivery runs of an
 * event log: {@code HtmlReport.render(evaluations, Options.defaults().withRuns(log.runs(5).stream().map(id ->
 * log.events(id).stream().map(LoggedEvent::json).toList()).toList()))}.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    /**
     * What to show besides the evaluations themselves.
     *
     * @param title the page title; empty for {@code Quality gate · <project> / <stage> / <service>} of the newest
     *     evaluation
     * @param chosen the id of the evaluation whose breakdown is shown first, or {@code null} for the newest
     * @param breakdowns of how many of the newest evaluations the page holds the breakdown, at least 1; the chosen
     *     one has one too. Each costs about 0.4 KB per objective; the heatmap links the evaluations that have one
     * @param runs delivery runs to show, newest first, each as its Keptn CloudEvents (JSON text, one per event) in
     *     the order of its event log, as {@link dev.qualitygate.history.EventLog#events} holds them in
     *     {@link dev.qualitygate.history.LoggedEvent#json}; empty for no delivery section
     * @param run the id of the run shown first ({@code shkeptncontext}), or {@code null} for the newest
     * @since 0.1
     */
    public record Options(String title, @Nullable String chosen, int breakdowns, List<List<String>> runs,
            @Nullable String run) {
        /** The default number of breakdowns. */
        public static final int DEFAULT_BREAKDOWNS = 30;

        /**
         * Checks and copies the components.
         *
         * @throws IllegalArgumentException if {@code breakdowns} is below 1
         */
        public Options {
            Objects.requireNonNull(title, "title");
            if (breakdowns < 1) {
                throw new IllegalArgumentException("breakdowns must be >= 1, was " + breakdowns);
            }
            runs = runs.stream().map(List::copyOf).toList();
        }

        /**
         * The defaults: a title from the evaluations, the newest evaluation chosen, {@value #DEFAULT_BREAKDOWNS}
         * breakdowns, no delivery runs.
         *
         * @return the default options
         */
        public static Options defaults() {
            return new Options("", null, DEFAULT_BREAKDOWNS, List.of(), null);
        }

        /**
         * These options with another title.
         *
         * @param title the title; empty for the default
         * @return new options
         */
        public Options withTitle(String title) {
            return new Options(title, chosen, breakdowns, runs, run);
        }

        /**
         * These options with another chosen evaluation.
         *
         * @param chosen an evaluation id, or {@code null} for the newest
         * @return new options
         */
        public Options withChosen(@Nullable String chosen) {
            return new Options(title, chosen, breakdowns, runs, run);
        }

        /**
         * These options with another number of breakdowns.
         *
         * @param breakdowns at least 1
         * @return new options
         */
        public Options withBreakdowns(int breakdowns) {
            return new Options(title, chosen, breakdowns, runs, run);
        }

        /**
         * These options with delivery runs: the page gets a section with the list of runs and, for the chosen one,
         * its stages and tasks in order with their results, durations and messages, its approvals, and where it
         * stopped or waits.
         *
         * @param runs newest first, each as its CloudEvents' JSON in log order; empty for none
         * @return new options
         * @since 0.1
         */
        public Options withRuns(List<List<String>> runs) {
            return new Options(title, chosen, breakdowns, runs, run);
        }

        /**
         * These options with another run shown first.
         *
         * @param run a run id among {@link #runs()}, or {@code null} for the newest
         * @return new options
         * @since 0.1
         */
        public Options withRun(@Nullable String run) {
            return new Options(title, chosen, breakdowns, runs, run);
        }
    }

    /**
     * Renders evaluations with the default options.
     *
     * @param evaluations the evaluations, oldest first (as {@link dev.qualitygate.history.EvaluationStore#recent}
     *     returns them); may be empty
     * @return the HTML page
     */
    public static String render(List<EvaluationResult> evaluations) {
        return render(evaluations, Options.defaults());
    }

    /**
     * Renders evaluations.
     *
     * @param evaluations the evaluations, oldest first; may be empty
     * @param options what to show
     * @return the HTML page
     * @throws IllegalArgumentException if {@code options} choose an evaluation or run id that is not among them, or
     *     an event of a run is not a CloudEvent (the message names the run's and the event's position)
     */
    public static String render(List<EvaluationResult> evaluations, Options options) {
        Grid grid = new Grid(evaluations);
        List<DeliveryRun> runs = DeliveryRun.readAll(options.runs());
        int chosenRun = chosenRun(runs, options.run());
        int objectives = grid.rows.size();
        Html html = new Html(24_000 + grid.columns() * (objectives * 40 + 200) + runs.size() * 16_000);
        List<Section> sections = new ArrayList<>();
        if (grid.columns() == 0) {
            if (!runs.isEmpty()) {
                sections.add(new DeliverySection(runs, chosenRun, Map.of()));
            }
            Page.write(html, title(grid, runs, options.title()), grid, runs, sections);
            return html.toString();
        }
        int chosen = chosen(grid, options.chosen());
        List<Integer> breakdowns = breakdowns(grid, chosen, options.breakdowns(), runs);
        if (!runs.isEmpty()) {
            Map<String, Integer> linked = new HashMap<>();
            for (int c : breakdowns) {
                String id = grid.evaluations.get(c).id();
                if (!id.isEmpty()) {
                    linked.put(id, c);
                }
            }
            sections.add(new DeliverySection(runs, chosenRun, linked));
        }
        sections.add(new HeatmapSection(grid, chosen, Set.copyOf(breakdowns)));
        sections.add(new BreakdownSection(grid, chosen, breakdowns));
        sections.add(new TrendsSection(grid));
        Page.write(html, title(grid, runs, options.title()), grid, runs, sections);
        return html.toString();
    }

    /**
     * Writes evaluations with the default options.
     *
     * @param evaluations the evaluations, oldest first; may be empty
     * @param out where the page goes, as UTF-8 text; not closed
     * @throws IOException if writing fails
     */
    public static void write(List<EvaluationResult> evaluations, Writer out) throws IOException {
        out.write(render(evaluations));
    }

    /**
     * Writes evaluations.
     *
     * @param evaluations the evaluations, oldest first; may be empty
     * @param options what to show
     * @param out where the page goes, as UTF-8 text; not closed
     * @throws IOException if writing fails
     * @throws IllegalArgumentException if {@code options} choose an evaluation or run id that is not among them, or
     *     an event of a run is not a CloudEvent (the message names the run's and the event's position)
     */
    public static void write(List<EvaluationResult> evaluations, Options options, Writer out) throws IOException {
        out.write(render(evaluations, options));
    }

    private static int chosen(Grid grid, @Nullable String id) {
        if (id == null) {
            return grid.columns() - 1;
        }
        for (int c = grid.columns() - 1; c >= 0; c--) {
            if (grid.evaluations.get(c).id().equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no evaluation with id '" + id + "' among the " + grid.columns()
                + " evaluations of the report");
    }

    private static int chosenRun(List<DeliveryRun> runs, @Nullable String id) {
        if (id == null) {
            return 0;
        }
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).runId.equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no delivery run with id '" + id + "' among the " + runs.size()
                + " runs of the report");
    }

    /**
     * The newest {@code count} columns (or all), the chosen one, and those of the evaluations the delivery runs made,
     * newest first.
     */
    private static List<Integer> breakdowns(Grid grid, int chosen, int count, List<DeliveryRun> runs) {
        Set<Integer> columns = new LinkedHashSet<>();
        for (int c = grid.columns() - 1; c >= 0 && columns.size() < count; c--) {
            columns.add(c);
        }
        columns.add(chosen);
        Set<String> fromRuns = new HashSet<>();
        for (DeliveryRun run : runs) {
            for (DeliveryRun.Sequence s : run.sequences) {
                for (DeliveryRun.Task t : s.tasks()) {
                    EvaluationResult evaluation = t.evaluation();
                    if (evaluation != null && !evaluation.id().isEmpty()) {
                        fromRuns.add(evaluation.id());
                    }
                }
            }
        }
        for (int c = 0; c < grid.columns() && !fromRuns.isEmpty(); c++) {
            if (fromRuns.contains(grid.evaluations.get(c).id())) {
                columns.add(c);
            }
        }
        List<Integer> newestFirst = new ArrayList<>(columns);
        newestFirst.sort((a, b) -> Integer.compare(b, a));
        return newestFirst;
    }

    private static String title(Grid grid, List<DeliveryRun> runs, String title) {
        if (!title.isEmpty()) {
            return title;
        }
        List<String> parts = new ArrayList<>();
        if (grid.columns() > 0) {
            EvaluationResult newest = grid.evaluations.get(grid.columns() - 1);
            parts.addAll(List.of(newest.project(), newest.stage(), newest.service()));
        } else if (!runs.isEmpty()) {
            parts.addAll(List.of(runs.get(0).project, runs.get(0).service));
        }
        parts.removeIf(String::isEmpty);
        return parts.isEmpty() ? "Quality gate" : "Quality gate · " + String.join(" / ", parts);
    }
}
