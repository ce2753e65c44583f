package dev.qualitygate.report;

import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.EvaluationStatus;
import dev.qualitygate.model.IndicatorResult;
import java.util.Set;

/**
 * The heatmap: one column per evaluation (build label and time in the header, oldest on the left) and one row per
 * objective, the total score on top; each cell shows the value and is coloured by status.
 *
 * <p>The objective names are a table of their own beside a horizontal scroller that holds the cells in tables of
 * {@value #BLOCK} columns (the newest one may have fewer). Rows have fixed heights, so the tables line up. Each block
 * is a {@code div} with {@code content-visibility: auto} (which has no effect on a table itself), so a browser lays out
 * and paints only the blocks in view; with a thousand evaluations that is most of the cost of opening the page. The
 * scroller is a {@code row-reverse} flex box holding the newest block first, so it opens scrolled to the newest
 * evaluations without a script (a script that scrolled would make the browser lay out every block first).
 *
 * <p>A column whose breakdown is in the page links to it. Cells are written without closing tags and with unquoted
 * one-letter classes, which HTML allows, because a long history has tens of thousands of them.
 */
final class HeatmapSection implements Section {
    /** Columns per table: tables outside the scrolled view are skipped by the browser (content-visibility). */
    static final int BLOCK = 50;
    /** Sizes in CSS pixels, the same as in {@link Page#CSS}. */
    static final int COLUMN_WIDTH = 58;
    static final int HEAD_HEIGHT = 64;
    static final int TOTAL_HEIGHT = 34;
    static final int ROW_HEIGHT = 28;

    private final Grid grid;
    private final int chosen;
    private final Set<Integer> withBreakdown;

    HeatmapSection(Grid grid, int chosen, Set<Integer> withBreakdown) {
        this.grid = grid;
        this.chosen = chosen;
        this.withBreakdown = withBreakdown;
    }

    @Override
    public String id() {
        return "heatmap";
    }

    @Override
    public String title() {
        return "Heatmap";
    }

    @Override
    public String css() {
        int height = HEAD_HEIGHT + TOTAL_HEIGHT + ROW_HEIGHT * grid.rows.size();
        return ".hm .blk{contain-intrinsic-size:auto " + BLOCK * COLUMN_WIDTH + "px auto " + height + "px}\n";
    }

    @Override
    public void write(Html html) {
        html.raw("<p class=\"hint\">One column per evaluation, oldest on the left. Each cell shows the measured value,"
                + " coloured by the objective's status. Click a build to see its breakdown.</p>");
        html.raw("<div class=\"hmw\"><table class=\"names\"><thead><tr><th scope=\"col\">Objective</th></tr></thead>"
                + "<tbody><tr class=\"total\"><th scope=\"row\">Total score</th></tr>");
        for (Grid.Row row : grid.rows) {
            html.raw("<tr><th scope=\"row\">");
            Page.objectiveName(html, row.label, row.sli, row.newest().keySli());
            html.raw("</th></tr>");
        }
        html.raw("</tbody></table><div class=\"hm\" id=\"hm\" tabindex=\"0\">");
        int newestBlock = (grid.columns() - 1) / BLOCK * BLOCK;
        for (int from = newestBlock; from >= 0; from -= BLOCK) {
            block(html, from, Math.min(grid.columns(), from + BLOCK));
        }
        html.raw("</div></div>");
        legend(html);
    }

    /** One table of the columns {@code [from, to)}: headers, the total row, then one row per objective. */
    private void block(Html html, int from, int to) {
        html.raw("<div class=\"blk\"><table class=\"heatmap\"><thead><tr>");
        for (int c = from; c < to; c++) {
            header(html, c);
        }
        html.raw("</tr></thead><tbody><tr class=\"total\" aria-label=\"Total score\">");
        for (int c = from; c < to; c++) {
            EvaluationResult r = grid.evaluations.get(c);
            if (r.status() == EvaluationStatus.ERRORED) {
                html.raw("<td class=f>error");
            } else {
                html.raw("<td class=").raw(Page.verdictClass(r.result())).raw('>').tenths(r.score());
            }
        }
        html.raw("</tr>");
        for (Grid.Row row : grid.rows) {
            html.raw("<tr aria-label=\"").attr(row.label).raw("\">");
            for (int c = from; c < to; c++) {
                IndicatorResult cell = row.cells[c];
                if (cell == null) {
                    html.raw("<td class=x>");
                } else if (!cell.success()) {
                    html.raw("<td class=").raw(Page.statusClass(cell)).raw(">n/a");
                } else {
                    html.raw("<td class=").raw(Page.statusClass(cell)).raw('>').text(Html.compact(cell.value()));
                }
            }
            html.raw("</tr>");
        }
        html.raw("</tbody></table></div>");
    }

    private void header(Html html, int column) {
        EvaluationResult r = grid.evaluations.get(column);
        String label = grid.buildLabel(column);
        String when = grid.whenText(column);
        html.raw("<th scope=\"col\"");
        if (column == chosen) {
            html.raw(" class=\"sel\"");
        }
        html.raw(" title=\"").attr(label);
        if (!when.isEmpty()) {
            html.raw(" · ").attr(when).raw(" UTC");
        }
        html.raw(" · ").raw(r.result().keyword()).raw("\">");
        if (withBreakdown.contains(column)) {
            html.raw("<a href=\"#e-").raw(column).raw("\">").text(label).raw("</a>");
        } else {
            html.raw("<span class=\"b\">").text(label).raw("</span>");
        }
        if (!when.isEmpty()) {
            html.raw("<span>").raw(when.substring(5, 10)).raw("</span><span>").raw(when.substring(11)).raw("</span>");
        }
        html.raw("</th>");
    }

    private static void legend(Html html) {
        html.raw("<ul class=\"legend\">"
                + "<li><i class=p></i>pass</li>"
                + "<li><i class=w></i>warning: pass criteria missed, warning criteria met (half the weight)</li>"
                + "<li><i class=f></i>fail</li>"
                + "<li><i class=n></i>no value: the retrieval failed (counts as fail)</li>"
                + "<li><i class=i></i>informational, not scored</li>"
                + "<li><i class=x></i>not in that evaluation's SLO</li></ul>");
    }
}
