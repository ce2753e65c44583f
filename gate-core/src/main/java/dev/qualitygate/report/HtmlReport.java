package dev.qualitygate.report;

import dev.qualitygate.model.EvaluationResult;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Renders a history of evaluations as one self-contained HTML page, the report people look at: a heatmap of every
 * objective over the evaluations with the total score on top, the breakdown of a chosen evaluation (each objective
 * with value, targets, baseline, score and the reason in words), and a trend chart per objective with its
 * thresholds.
 *
 * <p>The page needs nothing else: its CSS and a few lines of script are inline, charts are inline SVG, it uses the
 * system fonts, and its Content-Security-Policy forbids every network access. It works offline, as a CI artifact or
 * attached to a mail; without script only the marking of the heatmap column that a link chose is lost. The output
 * depends only on the input (no current time in it).
 *
 * <p>Example: {@code HtmlReport.write(store.recent(key, ResultFilter.ALL, 50), writer)}.
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
     * @since 0.1
     */
    public record Options(String title, @Nullable String chosen, int breakdowns) {
        /** The default number of breakdowns. */
        public static final int DEFAULT_BREAKDOWNS = 30;

        /**
         * Checks the components.
         *
         * @throws IllegalArgumentException if {@code breakdowns} is below 1
         */
        public Options {
            Objects.requireNonNull(title, "title");
            if (breakdowns < 1) {
                throw new IllegalArgumentException("breakdowns must be >= 1, was " + breakdowns);
            }
        }

        /**
         * The defaults: a title from the evaluations, the newest evaluation chosen, {@value #DEFAULT_BREAKDOWNS}
         * breakdowns.
         *
         * @return the default options
         */
        public static Options defaults() {
            return new Options("", null, DEFAULT_BREAKDOWNS);
        }

        /**
         * These options with another title.
         *
         * @param title the title; empty for the default
         * @return new options
         */
        public Options withTitle(String title) {
            return new Options(title, chosen, breakdowns);
        }

        /**
         * These options with another chosen evaluation.
         *
         * @param chosen an evaluation id, or {@code null} for the newest
         * @return new options
         */
        public Options withChosen(@Nullable String chosen) {
            return new Options(title, chosen, breakdowns);
        }

        /**
         * These options with another number of breakdowns.
         *
         * @param breakdowns at least 1
         * @return new options
         */
        public Options withBreakdowns(int breakdowns) {
            return new Options(title, chosen, breakdowns);
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
     * @throws IllegalArgumentException if {@code options} choose an evaluation id that is not among them
     */
    public static String render(List<EvaluationResult> evaluations, Options options) {
        Grid grid = new Grid(evaluations);
        int objectives = grid.rows.size();
        Html html = new Html(24_000 + grid.columns() * (objectives * 40 + 200));
        if (grid.columns() == 0) {
            Page.write(html, options.title().isEmpty() ? "Quality gate" : options.title(), grid, List.of());
            return html.toString();
        }
        int chosen = chosen(grid, options.chosen());
        List<Integer> breakdowns = breakdowns(grid, chosen, options.breakdowns());
        List<Section> sections = List.of(
                new HeatmapSection(grid, chosen, Set.copyOf(breakdowns)),
                new BreakdownSection(grid, chosen, breakdowns),
                new TrendsSection(grid));
        Page.write(html, title(grid, options.title()), grid, sections);
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
     * @throws IllegalArgumentException if {@code options} choose an evaluation id that is not among them
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

    /** The newest {@code count} columns (or all) and the chosen one, newest first. */
    private static List<Integer> breakdowns(Grid grid, int chosen, int count) {
        Set<Integer> columns = new LinkedHashSet<>();
        for (int c = grid.columns() - 1; c >= 0 && columns.size() < count; c--) {
            columns.add(c);
        }
        columns.add(chosen);
        List<Integer> newestFirst = new ArrayList<>(columns);
        newestFirst.sort((a, b) -> Integer.compare(b, a));
        return newestFirst;
    }

    private static String title(Grid grid, String title) {
        if (!title.isEmpty()) {
            return title;
        }
        EvaluationResult newest = grid.evaluations.get(grid.columns() - 1);
        List<String> parts = new ArrayList<>();
        for (String part : List.of(newest.project(), newest.stage(), newest.service())) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return parts.isEmpty() ? "Quality gate" : "Quality gate · " + String.join(" / ", parts);
    }
}
