package dev.qualitygate.report;

import dev.qualitygate.criteria.GoNumbers;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.EvaluationStatus;
import dev.qualitygate.model.IndicatorResult;
import dev.qualitygate.model.KeySliFailure;
import dev.qualitygate.model.ObjectiveStatus;
import dev.qualitygate.model.Target;
import dev.qualitygate.model.TargetBasis;
import dev.qualitygate.model.TimeWindow;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The breakdown of single evaluations: for each objective its value, pass and warning targets (with the baseline a
 * relative target came from), score, status and the reason in words ({@link IndicatorResult#explanation()}).
 *
 * <p>The page holds the breakdowns of a bounded number of evaluations; the chosen one is shown, and a link to
 * {@code #e-<column>} (the heatmap's column headers) shows another one instead, with CSS alone.
 */
final class BreakdownSection implements Section {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final Grid grid;
    private final int chosen;
    private final List<Integer> columns;

    /**
     * @param columns the columns with a breakdown, newest first; includes {@code chosen}
     */
    BreakdownSection(Grid grid, int chosen, List<Integer> columns) {
        this.grid = grid;
        this.chosen = chosen;
        this.columns = columns;
    }

    @Override
    public String id() {
        return "breakdown";
    }

    @Override
    public String title() {
        return "Breakdown";
    }

    @Override
    public void write(Html html) {
        html.raw("<p class=\"hint\">");
        if (columns.size() < grid.columns()) {
            html.raw("This page holds the breakdowns of ").raw(columns.size()).raw(" of the ").raw(grid.columns())
                    .raw(" evaluations (the newest, and the chosen one); their builds are links in the heatmap.");
        } else {
            html.raw("Click a build in the heatmap to see its breakdown here.");
        }
        html.raw("</p><div class=\"bds\">");
        for (int column : columns) {
            evaluation(html, column);
        }
        html.raw("</div>");
    }

    private void evaluation(Html html, int column) {
        EvaluationResult r = grid.evaluations.get(column);
        html.raw("<article class=\"bd").raw(column == chosen ? " chosen" : "").raw("\" id=\"e-").raw(column)
                .raw("\"><header class=\"bd-head\">");
        if (r.status() == EvaluationStatus.ERRORED) {
            html.raw("<span class=\"badge f big\">error</span>");
        } else {
            html.raw("<span class=\"badge big ").raw(Page.verdictClass(r.result())).raw("\">")
                    .raw(r.result().keyword()).raw("</span>");
        }
        html.raw("<div><h3>Build ").text(grid.buildLabel(column));
        String when = grid.whenText(column);
        if (!when.isEmpty()) {
            html.raw(" <small>").raw(when).raw(" UTC</small>");
        }
        html.raw("</h3><p class=\"facts\">Score <b>").tenths(r.score()).raw("</b>");
        TimeWindow window = r.timeframe();
        if (window != null) {
            html.raw(" · window ").raw(TIME.format(window.start())).raw("–").raw(TIME.format(window.end()))
                    .raw(" UTC");
        }
        int compared = r.comparedEvents().size();
        html.raw(" · ").raw(compared == 0 ? "no earlier evaluation compared"
                : "compared with " + compared + (compared == 1 ? " earlier evaluation" : " earlier evaluations"));
        if (!r.labels().isEmpty()) {
            html.raw(" · labels ");
            boolean first = true;
            for (var e : r.labels().entrySet()) {
                html.raw(first ? "" : ", ").raw("<code>").text(e.getKey()).raw('=').text(e.getValue())
                        .raw("</code>");
                first = false;
            }
        }
        if (!r.id().isEmpty()) {
            html.raw(" · id <code>").text(r.id()).raw("</code>");
        }
        html.raw("</p>");
        counts(html, r.indicatorResults());
        KeySliFailure keyFailure = r.keySliFailure();
        if (!r.message().isEmpty()) {
            html.raw("<p class=\"msg\">").text(r.message()).raw("</p>");
        } else if (keyFailure != null) {
            html.raw("<p class=\"msg\">Key SLI ").text(keyFailure.displayName().isEmpty() ? keyFailure.sli()
                    : keyFailure.displayName()).raw(" failed: ").text(keyFailure.reason()).raw("</p>");
        }
        html.raw("</div></header>");
        if (!r.indicatorResults().isEmpty()) {
            objectives(html, r.indicatorResults());
        }
        html.raw("</article>");
    }

    /** How many objectives passed, warned, failed, missed their value and were informational. */
    private static void counts(Html html, List<IndicatorResult> results) {
        int[] counts = new int[5];
        for (IndicatorResult ir : results) {
            counts["pwfni".indexOf(Page.statusClass(ir))]++;
        }
        String[] names = {" passed", " warning", " failed", " without value", " informational"};
        html.raw("<p class=\"facts counts\">");
        boolean first = true;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                html.raw(first ? "" : " · ").raw("<span class=\"c ").raw("pwfni".charAt(i)).raw("\"></span>")
                        .raw(counts[i]).raw(names[i].equals(" warning") && counts[i] > 1 ? " warnings" : names[i]);
                first = false;
            }
        }
        html.raw("</p>");
    }

    private static void objectives(Html html, List<IndicatorResult> results) {
        html.raw("<table class=\"objectives\"><thead><tr><th>Objective</th><th class=\"num\">Value</th>"
                + "<th>Pass criteria</th><th>Warning criteria</th><th class=\"num\">Baseline</th>"
                + "<th class=\"num\">Score</th><th>Status</th></tr></thead>");
        for (IndicatorResult ir : results) {
            String css = Page.statusClass(ir);
            html.raw("<tbody class=\"o ").raw(css).raw("\"><tr><td>");
            Page.objectiveName(html, ir.label(), ir.sli(), ir.keySli());
            html.raw("</td><td class=\"num\">").text(ir.success() ? Html.readable(ir.value()) : "no value")
                    .raw("</td><td>");
            targets(html, ir, ir.passTargets());
            html.raw("</td><td>");
            targets(html, ir, ir.warningTargets());
            html.raw("</td><td class=\"num\">").text(baseline(ir)).raw("</td><td class=\"num\">");
            if (ir.status() == ObjectiveStatus.INFO) {
                html.raw("–");
            } else {
                html.text(GoNumbers.format(ir.score())).raw(" / ").raw(ir.weight());
            }
            html.raw("</td><td><span class=\"badge ").raw(css).raw("\">")
                    .raw(ir.success() ? ir.status().keyword() : "no value").raw("</span></td></tr>")
                    .raw("<tr class=\"why\"><td colspan=\"7\">").text(ir.explanation()).raw("</td></tr></tbody>");
        }
        html.raw("</table>");
    }

    private static void targets(Html html, IndicatorResult ir, List<Target> targets) {
        if (targets.isEmpty()) {
            html.raw("–");
            return;
        }
        for (Target t : targets) {
            boolean judged = ir.success();
            html.raw("<span class=\"t").raw(!judged ? "" : t.violated() ? " bad" : " ok").raw("\">");
            if (judged) {
                html.raw(t.violated() ? "✗ " : "✓ ");
            }
            html.text(t.criteria());
            if (judged && t.basis() == TargetBasis.BASELINE) {
                html.raw(" <small>→ ").text(Html.readable(t.targetValue())).raw("</small>");
            } else if (judged && t.basis() == TargetBasis.NO_BASELINE) {
                html.raw(" <small>no baseline</small>");
            }
            html.raw("</span>");
        }
    }

    /** The baseline the relative targets came from, if any target had one. */
    private static String baseline(IndicatorResult ir) {
        for (List<Target> targets : List.of(ir.passTargets(), ir.warningTargets())) {
            for (Target t : targets) {
                if (t.basis() == TargetBasis.BASELINE) {
                    return Html.readable(t.comparedValue());
                }
            }
        }
        return "–";
    }
}
