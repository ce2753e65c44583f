package dev.qualitygate.jmeter.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * What one pass over a results file found: per label the aggregates of its successful and failed samples
 * (transaction-controller parents apart), the rows that could not be read, and the first failure messages.
 * Immutable once built; safe to share between threads. Internal; not API.
 */
public final class JtlSummary {
    private final String file;
    private final Map<String, GroupStats[]> groups;
    private final boolean[] fields;
    private final long rows;
    private final long outsideWindow;
    private final long brokenRows;
    private final long lines;
    private final List<Aggregator.BrokenRow> described;
    private final List<String> failures;

    JtlSummary(String file, Map<String, GroupStats[]> groups, boolean[] fields, long rows, long outsideWindow,
            long brokenRows, long lines, List<Aggregator.BrokenRow> described, List<String> failures) {
        this.file = file;
        this.groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
        this.fields = fields.clone();
        this.rows = rows;
        this.outsideWindow = outsideWindow;
        this.brokenRows = brokenRows;
        this.lines = lines;
        this.described = List.copyOf(described);
        this.failures = List.copyOf(failures);
    }

    /** The file as named to the reader. */
    public String file() {
        return file;
    }

    /** The labels in order of first appearance. */
    public List<String> labels() {
        return List.copyOf(groups.keySet());
    }

    /** Whether the file has the column of a field (elapsed always; Latency and Connect may be missing). */
    public boolean hasField(Field field) {
        return fields[field.ordinal()];
    }

    /** Samples read, in or outside the window; broken rows not included. */
    public long rows() {
        return rows;
    }

    /** Samples left out because they started outside the window. */
    public long outsideWindow() {
        return outsideWindow;
    }

    /** Rows that could not be read. */
    public long brokenRows() {
        return brokenRows;
    }

    /** Lines of the file, counting line breaks inside quoted fields. */
    public long lines() {
        return lines;
    }

    /** The first failure messages, in file order (the failure message, else response code and message). */
    public List<String> failures() {
        return failures;
    }

    /**
     * Merges the groups a query selects.
     *
     * @param label which labels; {@code null} for all labels, which then leaves transaction-controller parent
     *     samples out as JMeter's Total does
     * @param success which samples by outcome; {@code null} for both
     * @param field the field whose histogram is merged
     * @return the merged aggregates; a count of 0 when nothing matched
     */
    public GroupStats select(@Nullable Predicate<String> label, @Nullable Boolean success, Field field) {
        boolean[] only = new boolean[fields.length];
        only[field.ordinal()] = fields[field.ordinal()];
        GroupStats merged = new GroupStats(only);
        for (Map.Entry<String, GroupStats[]> e : groups.entrySet()) {
            if (label != null && !label.test(e.getKey())) {
                continue;
            }
            GroupStats[] g = e.getValue();
            for (int i = 0; i < 4; i++) {
                boolean ok = (i & 1) == 0;
                boolean parent = (i & 2) != 0;
                if (g[i] == null || (success != null && success != ok) || (label == null && parent)) {
                    continue;
                }
                merged.merge(g[i]);
            }
        }
        return merged;
    }

    /** Failed samples among those {@link #select} picks with {@code success == null}. */
    public long errors(@Nullable Predicate<String> label) {
        return select(label, Boolean.FALSE, Field.ELAPSED).count;
    }

    /**
     * A sentence about what was left out, for the note of a value: broken rows with the first few described, and
     * samples outside the window; empty when nothing was left out.
     */
    public String note() {
        List<String> parts = new ArrayList<>();
        if (brokenRows > 0) {
            StringBuilder sb = new StringBuilder().append(brokenRows).append(brokenRows == 1 ? " row" : " rows")
                    .append(" of ").append(file).append(" could not be read and ")
                    .append(brokenRows == 1 ? "was" : "were").append(" left out");
            String sep = ": ";
            for (Aggregator.BrokenRow r : described) {
                sb.append(sep).append("line ").append(r.line()).append(": ").append(r.reason());
                sep = "; ";
            }
            if (brokenRows > described.size()) {
                sb.append("; …");
            }
            parts.add(sb.toString());
        }
        if (outsideWindow > 0) {
            parts.add(outsideWindow + " of " + rows + " samples started outside the evaluated window and were left"
                    + " out");
        }
        return String.join(". ", parts);
    }

    /** The raw groups of a label, indexed successful/failed × plain/transaction parent; for tests. */
    GroupStats @Nullable [] groups(String label) {
        return groups.get(label);
    }
}
