package dev.qualitygate.report;

import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.IndicatorResult;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Evaluations laid out as the heatmap shows them: one column per evaluation (oldest first), one row per objective.
 *
 * <p>An objective is identified by its SLI, its label and, when one evaluation judges the same SLI under the same
 * label more than once, its occurrence. Rows come in the order of the newest evaluation's objectives, followed by
 * objectives that only older evaluations had (a changed SLO); a cell is {@code null} where an evaluation did not have
 * the row's objective.
 */
final class Grid {
    /** Label keys naming a build, in order of preference; otherwise the first label, otherwise the position. */
    static final List<String> BUILD_LABELS = List.of("buildId", "build", "buildNumber", "version", "commit");

    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);

    final List<EvaluationResult> evaluations;
    final List<Row> rows;

    /** One objective across the evaluations. */
    static final class Row {
        final String sli;
        final String label;
        final @Nullable IndicatorResult[] cells;

        Row(String sli, String label, int columns) {
            this.sli = sli;
            this.label = label;
            this.cells = new IndicatorResult[columns];
        }

        /** The newest result of this objective; every row has one. */
        IndicatorResult newest() {
            for (int i = cells.length - 1; i >= 0; i--) {
                IndicatorResult cell = cells[i];
                if (cell != null) {
                    return cell;
                }
            }
            throw new IllegalStateException("row " + label + " has no cell");
        }
    }

    Grid(List<EvaluationResult> evaluations) {
        this.evaluations = List.copyOf(evaluations);
        int columns = this.evaluations.size();
        Map<String, Row> byKey = new LinkedHashMap<>();
        for (int c = columns - 1; c >= 0; c--) {
            Map<String, Integer> seen = new HashMap<>();
            for (IndicatorResult ir : this.evaluations.get(c).indicatorResults()) {
                String base = ir.sli() + '\u0000' + ir.label();
                int occurrence = seen.merge(base, 1, Integer::sum);
                Row row = byKey.computeIfAbsent(base + '\u0000' + occurrence,
                        k -> new Row(ir.sli(), ir.label(), columns));
                row.cells[c] = ir;
            }
        }
        this.rows = List.copyOf(new ArrayList<>(byKey.values()));
    }

    int columns() {
        return evaluations.size();
    }

    /**
     * The name of the build an evaluation judged: the first of the labels {@link #BUILD_LABELS}, else its first
     * label, else {@code #n} (its 1-based position).
     */
    String buildLabel(int column) {
        Map<String, String> labels = evaluations.get(column).labels();
        for (String key : BUILD_LABELS) {
            String value = labels.get(key);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        for (String value : labels.values()) {
            if (!value.isBlank()) {
                return value;
            }
        }
        return "#" + (column + 1);
    }

    /** When the evaluation was made, else the end of its window, else {@code null}. */
    @Nullable Instant when(int column) {
        EvaluationResult r = evaluations.get(column);
        if (r.time() != null) {
            return r.time();
        }
        return r.timeframe() == null ? null : r.timeframe().end();
    }

    /** {@link #when} as {@code yyyy-MM-dd HH:mm} in UTC, or an empty string. */
    String whenText(int column) {
        Instant when = when(column);
        return when == null ? "" : DAY_TIME.format(when);
    }
}
