package dev.qualitygate.bench;

import dev.qualitygate.history.HistoryKey;
import dev.qualitygate.jdbc.JdbcEvaluationStore;
import dev.qualitygate.model.ResultFilter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;

/**
 * A companion of {@link JdbcHistorySelectionBenchmark} for busy machines: JMH measures the two history sizes one
 * after the other, so a change of load between them skews their ratio. This program alternates between the two
 * stores the benchmark loaded (schemas {@code bench_100} and {@code bench_1000000}), one call each, many times, so
 * that both see the same load, and prints the median and 90th percentile of each and their ratio, in wall-clock time
 * and in CPU time of the calling thread (the client's share: reading the rows and parsing the JSON; the server's
 * share shows in the query plans the benchmark prints).
 *
 * <p>Run by {@code bench/jdbc-history.sh} after JMH: {@code java -cp benchmarks.jar
 * dev.qualitygate.bench.JdbcHistorySelectionInterleaved [rounds]} with {@code QUALITYGATE_BENCH_JDBC_URL} set.
 */
public final class JdbcHistorySelectionInterleaved {
    private static final HistoryKey KEY = new HistoryKey("shop", "staging", "carts");
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private JdbcHistorySelectionInterleaved() {
    }

    /**
     * Measures.
     *
     * @param args the number of rounds (default 5000; the first fifth warms up and is not counted)
     */
    public static void main(String[] args) {
        String url = System.getenv("QUALITYGATE_BENCH_JDBC_URL");
        if (url == null || url.isEmpty()) {
            throw new IllegalStateException("set QUALITYGATE_BENCH_JDBC_URL (bench/jdbc-history.sh does)");
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int warmup = rounds / 5;
        String separator = url.contains("?") ? "&" : "?";
        try (JdbcEvaluationStore smallStore = JdbcEvaluationStore.builder()
                        .url(url + separator + "currentSchema=bench_100").build();
                JdbcEvaluationStore largeStore = JdbcEvaluationStore.builder()
                        .url(url + separator + "currentSchema=bench_1000000").build()) {
            for (ResultFilter filter : List.of(ResultFilter.ALL, ResultFilter.PASS)) {
                long[][] small = new long[2][rounds - warmup];
                long[][] large = new long[2][rounds - warmup];
                for (int i = 0; i < rounds; i++) {
                    boolean smallFirst = i % 2 == 0;
                    long[] a = time(smallFirst ? smallStore : largeStore, filter);
                    long[] b = time(smallFirst ? largeStore : smallStore, filter);
                    if (i >= warmup) {
                        long[] s = smallFirst ? a : b;
                        long[] l = smallFirst ? b : a;
                        for (int k = 0; k < 2; k++) {
                            small[k][i - warmup] = s[k];
                            large[k][i - warmup] = l[k];
                        }
                    }
                }
                for (int k = 0; k < 2; k++) {
                    Arrays.sort(small[k]);
                    Arrays.sort(large[k]);
                    double smallMedian = percentile(small[k], 0.5);
                    double largeMedian = percentile(large[k], 0.5);
                    System.out.printf("recent(10, %s), %s, %d interleaved calls each: 100 evaluations: median"
                            + " %.0f us, p90 %.0f us; 1,000,000 evaluations: median %.0f us, p90 %.0f us;"
                            + " ratio of medians %.2f%n", filter.keyword(), k == 0 ? "wall clock" : "client CPU",
                            small[k].length, smallMedian / 1e3, percentile(small[k], 0.9) / 1e3, largeMedian / 1e3,
                            percentile(large[k], 0.9) / 1e3, largeMedian / smallMedian);
                }
            }
        }
    }

    /** Wall-clock and thread CPU nanoseconds of one call. */
    private static long[] time(JdbcEvaluationStore store, ResultFilter filter) {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        if (store.recent(KEY, filter, 10).size() != 10) {
            throw new IllegalStateException("expected 10 evaluations from " + store);
        }
        return new long[] {System.nanoTime() - start, THREADS.getCurrentThreadCpuTime() - cpu};
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }
}
