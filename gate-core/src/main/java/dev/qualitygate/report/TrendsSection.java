package dev.qualitygate.report;

import dev.qualitygate.model.IndicatorResult;

/** One trend chart per objective (usually one per SLI), in heatmap order. */
final class TrendsSection implements Section {
    private final Grid grid;

    TrendsSection(Grid grid) {
        this.grid = grid;
    }

    @Override
    public String id() {
        return "trends";
    }

    @Override
    public String title() {
        return "Trends";
    }

    @Override
    public void write(Html html) {
        html.raw("<p class=\"hint\">Each objective's value over the evaluations. Dashed lines are absolute thresholds,"
                + " dotted lines targets computed from a baseline; markers show warnings and failures, a cross on the"
                + " axis a missing value.</p><div class=\"trends\">");
        for (int i = 0; i < grid.rows.size(); i++) {
            Grid.Row row = grid.rows.get(i);
            IndicatorResult newest = row.newest();
            html.raw("<figure class=\"trend\" id=\"t-").raw(i).raw("\"><figcaption>");
            Page.objectiveName(html, row.label, row.sli, newest.keySli());
            html.raw("<span class=\"now ").raw(Page.statusClass(newest)).raw("\">")
                    .text(newest.success() ? Html.compact(newest.value()) : "no value").raw("</span></figcaption>");
            new TrendChart(grid, row).write(html);
            html.raw("</figure>");
        }
        html.raw("</div>");
    }
}
