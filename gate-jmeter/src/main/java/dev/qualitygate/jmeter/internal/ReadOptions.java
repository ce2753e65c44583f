package dev.qualitygate.jmeter.internal;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to read a results file. Internal; not API.
 *
 * @param fields which {@link Field}s (by ordinal) get histograms; {@code ELAPSED} always does
 * @param delimiter the CSV field delimiter
 * @param columns the header of CSV files that have none, or empty for JMeter's default columns
 * @param timestampFormat the {@link java.time.format.DateTimeFormatter} pattern of {@code timeStamp} when it is not
 *     epoch milliseconds, or {@code null}
 * @param windowStart samples that start before this epoch millisecond are left out
 * @param windowEnd samples that start at or after this epoch millisecond are left out
 * @param threads how many threads may read a CSV file
 * @param failureMessages how many failure messages to collect
 */
public record ReadOptions(boolean[] fields, byte delimiter, List<String> columns,
        @Nullable String timestampFormat, long windowStart, long windowEnd, int threads,
        int failureMessages) {

    /** Checks and copies. */
    public ReadOptions {
        fields = fields.clone();
        fields[Field.ELAPSED.ordinal()] = true;
        columns = List.copyOf(columns);
        Objects.requireNonNull(columns, "columns");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
    }

    /** Options for all samples, JMeter's defaults, elapsed only, and the given threads. */
    public static ReadOptions defaults(int threads) {
        return new ReadOptions(new boolean[Field.values().length], (byte) ',', List.of(), null, Long.MIN_VALUE,
                Long.MAX_VALUE, threads, 0);
    }

    /** A copy that also keeps histograms of the given fields. */
    public ReadOptions withFields(boolean[] more) {
        boolean[] merged = fields.clone();
        for (int i = 0; i < merged.length; i++) {
            merged[i] |= more[i];
        }
        return new ReadOptions(merged, delimiter, columns, timestampFormat, windowStart, windowEnd, threads,
                failureMessages);
    }

    /** A copy that collects the first {@code n} failure messages. */
    public ReadOptions withFailureMessages(int n) {
        return new ReadOptions(fields, delimiter, columns, timestampFormat, windowStart, windowEnd, threads, n);
    }

    /** A copy that keeps only the samples starting in {@code [start, end)} (epoch milliseconds). */
    public ReadOptions withWindow(long start, long end) {
        return new ReadOptions(fields, delimiter, columns, timestampFormat, start, end, threads, failureMessages);
    }
}
