package dev.qualitygate.jmeter.internal;

import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * Aggregates of the samples of one group (label, success, transaction parent or not): counts, the time span, and
 * per field the sum, minimum, maximum and a histogram. Not thread-safe; one per reading thread, merged at the end.
 * Internal; not API.
 */
public final class GroupStats {
    /** Significant decimal digits of the histograms: values below 2048 are exact, larger ones within 1/1024. */
    public static final int DIGITS = 3;
    /**
     * Values below this are counted in a plain array first and added to the histogram by {@link #flush}: the same
     * histogram in the end (these values have buckets of their own at {@link #DIGITS} digits), at a fraction of the
     * cost per sample.
     */
    private static final int DENSE = 2048;

    long count;
    long minStart = Long.MAX_VALUE;
    long maxEnd = Long.MIN_VALUE;
    final long[] sum = new long[Field.values().length];
    final long[] min = new long[Field.values().length];
    final long[] max = new long[Field.values().length];
    final @Nullable Histogram[] histograms = new Histogram[Field.values().length];
    private final long[][] dense = new long[Field.values().length][];

    GroupStats(boolean[] fields) {
        for (int f = 0; f < fields.length; f++) {
            min[f] = Long.MAX_VALUE;
            max[f] = Long.MIN_VALUE;
            if (fields[f]) {
                Histogram h = new Histogram(DIGITS);
                h.setAutoResize(true);
                histograms[f] = h;
                dense[f] = new long[DENSE];
            }
        }
    }

    /** Records one sample: its start, elapsed time and the other fields' values (negative when absent). */
    void add(long start, long elapsed, long latency, long connect) {
        count++;
        if (start < minStart) {
            minStart = start;
        }
        long end = start + elapsed;
        if (end > maxEnd) {
            maxEnd = end;
        }
        record(0, elapsed);
        if (histograms[1] != null) {
            record(1, latency);
        }
        if (histograms[2] != null) {
            record(2, connect);
        }
    }

    private void record(int f, long value) {
        sum[f] += value;
        if (value < min[f]) {
            min[f] = value;
        }
        if (value > max[f]) {
            max[f] = value;
        }
        long[] counts = dense[f];
        if (counts == null) {
            return;
        }
        if (value >= 0 && value < DENSE) {
            counts[(int) value]++;
        } else {
            histograms[f].recordValue(value);
        }
    }

    /** Adds the values counted in the plain arrays to the histograms; due before the histograms are read. */
    void flush() {
        for (int f = 0; f < dense.length; f++) {
            if (dense[f] != null) {
                flush(f);
            }
        }
    }

    private void flush(int f) {
        long[] counts = dense[f];
        Histogram h = histograms[f];
        for (int v = 0; v < counts.length; v++) {
            if (counts[v] != 0) {
                h.recordValueWithCount(v, counts[v]);
                counts[v] = 0;
            }
        }
    }

    /** Adds another group's aggregates to this one; both flushed. */
    void merge(GroupStats other) {
        flush();
        other.flush();
        count += other.count;
        minStart = Math.min(minStart, other.minStart);
        maxEnd = Math.max(maxEnd, other.maxEnd);
        for (int f = 0; f < sum.length; f++) {
            sum[f] += other.sum[f];
            min[f] = Math.min(min[f], other.min[f]);
            max[f] = Math.max(max[f], other.max[f]);
            Histogram mine = histograms[f];
            Histogram theirs = other.histograms[f];
            if (mine != null && theirs != null) {
                mine.add(theirs);
            }
        }
    }
}
