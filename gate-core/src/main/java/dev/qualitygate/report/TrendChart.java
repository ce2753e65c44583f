package dev.qualitygate.report;

import dev.qualitygate.model.IndicatorResult;
import dev.qualitygate.model.ObjectiveStatus;
import dev.qualitygate.model.Target;
import dev.qualitygate.model.TargetBasis;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws one objective's values over the evaluations as an inline SVG line chart: the measured values as a line,
 * one marker per evaluation coloured by status (a cross on the axis where the value was missing), the absolute
 * pass and warning thresholds as dashed lines, and targets computed from a baseline as dotted lines.
 *
 * <p>Up to {@value #ALL_MARKERS_UP_TO} evaluations every marker has a tooltip (build, time, value, status). Above, only
 * non-passing evaluations get a marker, drawn compactly without tooltip, so that a long history stays small; the line
 * still shows every value.
 */
final class TrendChart {
    static final int ALL_MARKERS_UP_TO = 150;

    private static final int WIDTH = 560;
    private static final int HEIGHT = 190;
    private static final int LEFT = 50;
    private static final int RIGHT = 112;
    private static final int TOP = 12;
    private static final int BOTTOM = 34;
    private static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
    private static final int PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;
    private static final double LABEL_GAP = 11;

    private final Grid grid;
    private final Grid.Row row;
    private final int n;
    private double low;
    private double high;

    /** A line of targets of one criterion: its value per evaluation, NaN where it had none. */
    private record Series(String name, String cssClass, double[] values) {
    }

    TrendChart(Grid grid, Grid.Row row) {
        this.grid = grid;
        this.row = row;
        this.n = grid.columns();
    }

    void write(Html html) {
        double[] values = new double[n];
        Arrays.fill(values, Double.NaN);
        for (int c = 0; c < n; c++) {
            IndicatorResult cell = row.cells[c];
            if (cell != null && cell.success()) {
                values[c] = cell.value();
            }
        }
        List<Series> thresholds = thresholds();
        scale(values, thresholds);

        html.raw("<svg class=\"chart\" viewBox=\"0 0 ").raw(WIDTH).raw(' ').raw(HEIGHT)
                .raw("\" role=\"img\" aria-label=\"").attr(row.label).raw(" over ").raw(n)
                .raw(n == 1 ? " evaluation" : " evaluations").raw("\">");
        axes(html);
        List<double[]> labels = new ArrayList<>();
        for (Series s : thresholds) {
            html.raw("<path class=\"").raw(s.cssClass).raw("\" d=\"");
            path(html, s.values, true);
            html.raw("\"/>");
            double last = lastFinite(s.values);
            labels.add(new double[] {y(last), labels.size()});
        }
        html.raw("<path class=\"ln\" d=\"");
        path(html, values, false);
        html.raw("\"/>");
        markers(html, values);
        thresholdLabels(html, thresholds, labels);
        html.raw("</svg>");
    }

    /** The absolute and baseline targets of this row's objective, one series per kind and criterion. */
    private List<Series> thresholds() {
        Map<String, Series> byName = new LinkedHashMap<>();
        for (int c = 0; c < n; c++) {
            IndicatorResult cell = row.cells[c];
            if (cell == null || cell.status() == ObjectiveStatus.INFO) {
                continue;
            }
            collect(byName, "pass", cell.passTargets(), c, cell.success());
            collect(byName, "warning", cell.warningTargets(), c, cell.success());
        }
        return new ArrayList<>(byName.values());
    }

    /** Adds targets; without a value, relative criteria were not computed, so only absolute ones count. */
    private void collect(Map<String, Series> byName, String kind, List<Target> targets, int column,
            boolean judged) {
        for (Target t : targets) {
            if (t.basis() == TargetBasis.NO_BASELINE || !judged && t.basis() != TargetBasis.ABSOLUTE) {
                continue;
            }
            boolean absolute = t.basis() == TargetBasis.ABSOLUTE;
            String name = kind + " " + t.criteria();
            Series s = byName.computeIfAbsent(name, k -> {
                double[] v = new double[n];
                Arrays.fill(v, Double.NaN);
                return new Series(k, (kind.equals("pass") ? "tp" : "tw") + (absolute ? "" : " rel"), v);
            });
            s.values[column] = t.targetValue();
        }
    }

    /** Chooses the value range: every value and target, with a margin, widened to round tick steps. */
    private void scale(double[] values, List<Series> thresholds) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        for (Series s : thresholds) {
            for (double v : s.values) {
                if (!Double.isNaN(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (min > max) {
            min = 0;
            max = 1;
        } else if (min == max) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            min -= pad;
            max += pad;
        } else {
            double pad = (max - min) * 0.08;
            min = min >= 0 && min - pad < 0 ? 0 : min - pad;
            max += pad;
        }
        double step = step(min, max);
        low = Math.floor(min / step) * step;
        high = Math.ceil(max / step) * step;
    }

    /** A round tick step (1, 2 or 5 times a power of ten) giving about four intervals. */
    private static double step(double min, double max) {
        double raw = (max - min) / 4;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double fraction = raw / magnitude;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    private double x(int column) {
        return n == 1 ? LEFT + PLOT_WIDTH / 2.0 : LEFT + PLOT_WIDTH * (double) column / (n - 1);
    }

    private double y(double value) {
        return TOP + PLOT_HEIGHT * (high - value) / (high - low);
    }

    private void axes(Html html) {
        html.raw("<rect class=\"plot\" x=\"").raw(LEFT).raw("\" y=\"").raw(TOP).raw("\" width=\"").raw(PLOT_WIDTH)
                .raw("\" height=\"").raw(PLOT_HEIGHT).raw("\"/>");
        double step = step(low, high);
        for (int i = 0; ; i++) {
            double v = low + i * step;
            if (v > high + step / 1000) {
                break;
            }
            double y = y(v);
            html.raw("<path class=\"grid\" d=\"M").raw(LEFT).raw(' ').tenths(y).raw('H').raw(LEFT + PLOT_WIDTH)
                    .raw("\"/><text class=\"ytick\" x=\"").raw(LEFT - 6).raw("\" y=\"").tenths(y + 4).raw("\">")
                    .text(Html.compact(Math.abs(v) < step / 1e6 ? 0 : v)).raw("</text>");
        }
        int labels = Math.min(n, 5);
        int previous = -1;
        for (int i = 0; i < labels; i++) {
            int column = labels == 1 ? 0 : (int) Math.round((double) i * (n - 1) / (labels - 1));
            if (column == previous) {
                continue;
            }
            previous = column;
            String anchor = labels == 1 ? "middle" : i == 0 ? "start" : i == labels - 1 ? "end" : "middle";
            String label = grid.buildLabel(column);
            if (label.length() > 12) {
                label = label.substring(0, 11) + "…";
            }
            html.raw("<text class=\"xtick\" text-anchor=\"").raw(anchor).raw("\" x=\"").tenths(x(column))
                    .raw("\" y=\"").raw(TOP + PLOT_HEIGHT + 16).raw("\">").text(label).raw("</text>");
        }
    }

    /**
     * Writes path data through the finite values, starting a new sub-path after each gap. Points inside a
     * horizontal run are left out (they add nothing to the line). With {@code widenSingles}, a point without
     * neighbours becomes a short horizontal stroke, so that a target of a single evaluation is visible.
     */
    private void path(Html html, double[] values, boolean widenSingles) {
        for (int c = 0; c < n; c++) {
            double v = values[c];
            if (Double.isNaN(v)) {
                continue;
            }
            boolean startsSegment = c == 0 || Double.isNaN(values[c - 1]);
            boolean endsSegment = c == n - 1 || Double.isNaN(values[c + 1]);
            if (startsSegment && endsSegment) {
                if (widenSingles) {
                    double half = n == 1 ? PLOT_WIDTH / 2.0 : 4;
                    html.raw('M').tenths(x(c) - half).raw(' ').tenths(y(v)).raw('h').tenths(2 * half);
                }
                continue;
            }
            if (!startsSegment && !endsSegment && values[c - 1] == v && values[c + 1] == v) {
                continue;
            }
            html.raw(startsSegment ? 'M' : 'L').tenths(x(c)).raw(' ').tenths(y(v));
        }
    }

    private void markers(Html html, double[] values) {
        if (n > ALL_MARKERS_UP_TO) {
            dots(html, values);
            return;
        }
        for (int c = 0; c < n; c++) {
            IndicatorResult cell = row.cells[c];
            if (cell == null) {
                continue;
            }
            if (!cell.success()) {
                html.raw("<path class=\"miss\" d=\"");
                cross(html, c);
                html.raw("\">");
            } else {
                html.raw("<circle class=\"").raw(Page.statusClass(cell)).raw("\" cx=\"").tenths(x(c))
                        .raw("\" cy=\"").tenths(y(values[c])).raw("\" r=\"3.5\">");
            }
            html.raw("<title>").text(grid.buildLabel(c)).raw(" · ").text(grid.whenText(c)).raw(": ")
                    .text(cell.success() ? Html.readable(cell.value()) : "no value").raw(" (")
                    .raw(cell.status().keyword()).raw(")</title>").raw(cell.success() ? "</circle>" : "</path>");
        }
    }

    /**
     * The markers of a long history, compactly: every non-passing value as a round dot (a zero-length stroke with
     * round caps) in one path per status, every missing value as a cross in one more path; no tooltips.
     */
    private void dots(Html html, double[] values) {
        for (String css : new String[] {"w", "f", "i"}) {
            boolean open = false;
            for (int c = 0; c < n; c++) {
                IndicatorResult cell = row.cells[c];
                if (cell == null || !cell.success() || !Page.statusClass(cell).equals(css)) {
                    continue;
                }
                if (!open) {
                    html.raw("<path class=\"dots ").raw(css).raw("\" d=\"");
                    open = true;
                }
                html.raw('M').tenths(x(c)).raw(' ').tenths(y(values[c])).raw("h0");
            }
            if (open) {
                html.raw("\"/>");
            }
        }
        boolean open = false;
        for (int c = 0; c < n; c++) {
            IndicatorResult cell = row.cells[c];
            if (cell != null && !cell.success()) {
                html.raw(open ? "" : "<path class=\"miss\" d=\"");
                cross(html, c);
                open = true;
            }
        }
        if (open) {
            html.raw("\"/>");
        }
    }

    private void cross(Html html, int column) {
        double yAxis = TOP + PLOT_HEIGHT;
        html.raw('M').tenths(x(column) - 3.5).raw(' ').tenths(yAxis - 3.5).raw("l7 7m0-7l-7 7");
    }

    /** Names each target line at its right end, moving names apart where lines are close. */
    private void thresholdLabels(Html html, List<Series> thresholds, List<double[]> labels) {
        labels.sort((a, b) -> Double.compare(a[0], b[0]));
        for (int i = 1; i < labels.size(); i++) {
            labels.get(i)[0] = Math.max(labels.get(i)[0], labels.get(i - 1)[0] + LABEL_GAP);
        }
        double overflow = labels.isEmpty() ? 0 : labels.get(labels.size() - 1)[0] - (HEIGHT - 4);
        for (double[] label : labels) {
            Series s = thresholds.get((int) label[1]);
            html.raw("<text class=\"tl ").raw(s.cssClass).raw("\" x=\"").raw(LEFT + PLOT_WIDTH + 6)
                    .raw("\" y=\"").tenths(label[0] + 4 - Math.max(0, overflow)).raw("\">").text(s.name)
                    .raw("</text>");
        }
    }

    private static double lastFinite(double[] values) {
        for (int i = values.length - 1; i >= 0; i--) {
            if (!Double.isNaN(values[i])) {
                return values[i];
            }
        }
        throw new IllegalStateException("a series has at least one value");
    }
}
