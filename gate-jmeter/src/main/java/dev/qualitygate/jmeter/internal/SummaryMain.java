package dev.qualitygate.jmeter.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Prints the statistics JMeter's dashboard shows (samples, errors, error %, mean, min, max, median, p90, p95, p99,
 * throughput) for every label and the total of a results file, computed in one pass. The benchmark under
 * {@code bench/} times it against JMeter's report generator. Internal; not API.
 *
 * <pre>
 * java -cp gate-jmeter.jar:HdrHistogram.jar dev.qualitygate.jmeter.internal.SummaryMain results.jtl [--threads N]
 * </pre>
 */
public final class SummaryMain {
    private SummaryMain() {
    }

    /**
     * Runs the summary.
     *
     * @param args the file, optionally followed by {@code --threads N}
     */
    public static void main(String[] args) {
        if (args.length != 1 && !(args.length == 3 && args[1].equals("--threads"))) {
            throw new IllegalArgumentException("usage: SummaryMain FILE [--threads N]");
        }
        int threads = args.length == 3 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        long started = System.nanoTime();
        JtlSummary summary = JtlReader.read(Path.of(args[0]), JtlReader.Format.AUTO, ReadOptions.defaults(threads));
        long read = System.nanoTime();
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "%-28s %10s %8s %7s %9s %6s %7s %8s %8s %8s %8s %10s%n", "label", "samples",
                "errors", "error%", "mean", "min", "max", "median", "p90", "p95", "p99", "per s");
        List<String> labels = new ArrayList<>(summary.labels());
        for (String label : labels) {
            row(out, summary, label, label::equals);
        }
        row(out, summary, "Total", null);
        String note = summary.note();
        out.printf(Locale.ROOT, "%d samples, %d broken rows, %d lines; read in %.3f s, printed in %.3f s%s%n",
                summary.rows(), summary.brokenRows(), summary.lines(), (read - started) / 1e9,
                (System.nanoTime() - read) / 1e9, note.isEmpty() ? "" : "; " + note);
    }

    private static void row(PrintStream out, JtlSummary summary, String name, Predicate<String> label) {
        GroupStats all = summary.select(label, null, Field.ELAPSED);
        if (all.count == 0) {
            return;
        }
        long errors = summary.errors(label);
        int f = Field.ELAPSED.ordinal();
        double span = all.maxEnd - all.minStart;
        out.printf(Locale.ROOT, "%-28s %10d %8d %7.2f %9.2f %6d %7d %8.2f %8.2f %8.2f %8.2f %10.2f%n",
                name.length() > 28 ? name.substring(0, 27) + "…" : name, all.count, errors, errors * 100.0 / all.count,
                (double) all.sum[f] / all.count, all.min[f], all.max[f], Query.legacyPercentile(all, f, 50),
                Query.legacyPercentile(all, f, 90), Query.legacyPercentile(all, f, 95),
                Query.legacyPercentile(all, f, 99), span <= 0 ? 0 : all.count * 1000.0 / span);
    }
}
