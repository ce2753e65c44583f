package dev.qualitygate.jmeter.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the samples one reading thread sees: labels interned by their bytes, one {@link GroupStats} per label and
 * kind of sample (successful or failed, transaction parent or not), the broken rows, and the first failure
 * messages. Not thread-safe. Internal; not API.
 */
final class Aggregator {
    /** How many broken rows are described; the rest are only counted. */
    static final int DESCRIBED_BROKEN_ROWS = 5;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    private final boolean[] fields;
    private final int failureMessages;
    private final long windowStart;
    private final long windowEnd;

    private byte[][] names = new byte[16][];
    private int[] hashes = new int[16];
    private int[] slots = new int[64];
    private int labels;
    private GroupStats[] groups = new GroupStats[64];

    long rows;
    long failedRows;
    long outsideWindow;
    long brokenRows;
    final List<BrokenRow> described = new ArrayList<>();
    final List<String> failures = new ArrayList<>();

    /** A row that could not be read: its 1-based line (relative to the reader's start until rebased) and why. */
    record BrokenRow(long line, String reason) {
    }

    Aggregator(ReadOptions options, boolean[] fields) {
        this.fields = fields.clone();
        this.failureMessages = options.failureMessages();
        this.windowStart = options.windowStart();
        this.windowEnd = options.windowEnd();
        Arrays.fill(slots, -1);
    }

    /** Whether another failure message is wanted. */
    boolean wantsFailureMessage() {
        return failures.size() < failureMessages;
    }

    void failureMessage(String message) {
        failures.add(message);
    }

    /** Counts a broken row, describing the first few. */
    void broken(long line, String reason) {
        brokenRows++;
        if (described.size() < DESCRIBED_BROKEN_ROWS) {
            described.add(new BrokenRow(line, reason));
        }
    }

    /** Finds or adds the label with the given bytes; hashes the length and the first and last eight bytes. */
    int label(byte[] bytes, int from, int to) {
        int n = to - from;
        long mix;
        if (n >= 8) {
            mix = (long) LONGS.get(bytes, from) * 0x9E3779B97F4A7C15L ^ (long) LONGS.get(bytes, to - 8);
        } else {
            mix = 0;
            for (int i = from; i < to; i++) {
                mix = mix << 8 | (bytes[i] & 0xff);
            }
        }
        mix = (mix + n) * 0x9E3779B97F4A7C15L;
        int h = (int) (mix ^ mix >>> 32);
        int mask = slots.length - 1;
        for (int s = h & mask; ; s = (s + 1) & mask) {
            int index = slots[s];
            if (index < 0) {
                return add(Arrays.copyOfRange(bytes, from, to), h, s);
            }
            if (hashes[index] == h && Arrays.equals(names[index], 0, names[index].length, bytes, from, to)) {
                return index;
            }
        }
    }

    private int add(byte[] name, int hash, int slot) {
        if (labels == names.length) {
            names = Arrays.copyOf(names, labels * 2);
            hashes = Arrays.copyOf(hashes, labels * 2);
            groups = Arrays.copyOf(groups, labels * 8);
        }
        int index = labels++;
        names[index] = name;
        hashes[index] = hash;
        slots[slot] = index;
        if (labels * 2 > slots.length) {
            rehash();
        }
        return index;
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        Arrays.fill(slots, -1);
        int mask = slots.length - 1;
        for (int i = 0; i < labels; i++) {
            int s = hashes[i] & mask;
            while (slots[s] >= 0) {
                s = (s + 1) & mask;
            }
            slots[s] = i;
        }
    }

    /** Records one sample of a label found with {@link #label}. */
    void sample(int label, boolean success, boolean transactionParent, long start, long elapsed, long latency,
            long connect) {
        rows++;
        if (!success) {
            failedRows++;
        }
        if (start < windowStart || start >= windowEnd) {
            outsideWindow++;
            return;
        }
        int g = label * 4 + (success ? 0 : 1) + (transactionParent ? 2 : 0);
        GroupStats stats = groups[g];
        if (stats == null) {
            stats = new GroupStats(fields);
            groups[g] = stats;
        }
        stats.add(start, elapsed, latency, connect);
    }

    /**
     * The groups by label name, in order of first appearance; each an array indexed as in {@link #sample}, flushed
     * (see {@link GroupStats#flush}).
     */
    Map<String, GroupStats[]> groupsByLabel() {
        Map<String, GroupStats[]> result = new LinkedHashMap<>();
        for (int i = 0; i < labels * 4; i++) {
            if (groups[i] != null) {
                groups[i].flush();
            }
        }
        for (int i = 0; i < labels; i++) {
            result.put(new String(names[i], StandardCharsets.UTF_8), Arrays.copyOfRange(groups, i * 4, i * 4 + 4));
        }
        return result;
    }
}
