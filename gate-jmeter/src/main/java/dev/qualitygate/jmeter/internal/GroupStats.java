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

    long count;
    long minStart = Long.MAX_VALUE;
    long maxEnd = Long.MIN_VALUE;
    final long[] sum = new long[Field.values().length];
    final long[] min = new long[Field.values().length];
    final long[] max = new long[Field.values().length];
    final @Nullable Histogram[] histograms = new Histogram[Field.values().length];

    GroupStats(boolean[] fields) {
        for (int f = 0; f < fields.length; f++) {
            min[f] = Long.MAX_VALUE;
            max[f] = Long.MIN_VALUE;
            if (fields[f]) {
                Histogram h = new Histogram(DIGITS);
                h.setAutoResize(true);
                histograms[f] = h;
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
        Histogram h = histograms[f];
        if (h != null) {
            h.recordValue(value);
        }
    }

    /** Adds another group's aggregates to this one. */
    void merge(GroupStats other) {
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
