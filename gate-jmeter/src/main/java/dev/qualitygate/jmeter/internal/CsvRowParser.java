package dev.qualitygate.jmeter.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import org.jspecify.annotations.Nullable;

/**
 * Parses the rows of a CSV JTL from a byte buffer into an {@link Aggregator}: RFC 4180 quoting (a quoted field may
 * hold the delimiter, doubled quotes and line breaks, so a row is not a line), columns mapped by the header,
 * numbers parsed from the bytes, and only the fields a sample needs decoded. A row that cannot be read is counted
 * and described, never fatal. Not thread-safe. Internal; not API.
 */
final class CsvRowParser {
    static final byte SKIP = 0;
    static final byte TIMESTAMP = 1;
    static final byte ELAPSED = 2;
    static final byte LABEL = 3;
    static final byte SUCCESS = 4;
    static final byte MESSAGE = 5;
    static final byte LATENCY = 6;
    static final byte CONNECT = 7;
    static final byte CODE = 8;
    static final byte FAILURE = 9;

    private static final byte[] TRANSACTION = "Number of samples in transaction".getBytes(StandardCharsets.US_ASCII);
    private static final ZoneId ZONE = ZoneId.systemDefault();
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LINE_FEEDS = ONES * '\n';
    private static final long QUOTES = ONES * '"';

    private final byte[] roles;
    /** For each column, how many columns from it on are skipped, up to but not including the last column. */
    private final int[] skipRun;
    private final int columns;
    /** The columns up to the last one the aggregation needs; {@link #plainRow} only counts the others. */
    private final int lead;
    private final byte delimiter;
    private final long delimiterWord;
    private final Aggregator sink;
    private final boolean plainRows;
    private final @Nullable DateTimeFormatter timestampFormat;
    private final String timestampPattern;
    private byte[] scratch = new byte[256];

    private long timestamp;
    private long elapsed;
    private long latency;
    private long connect;
    private int success;
    private int labelFrom;
    private int labelTo;
    private boolean labelEscaped;
    private boolean transactionParent;
    private int codeFrom;
    private int codeTo;
    private boolean codeEscaped;
    private int messageFrom;
    private int messageTo;
    private boolean messageEscaped;
    private int failureFrom;
    private int failureTo;
    private boolean failureEscaped;
    private @Nullable String problem;
    /**
     * The line of the row just read, for {@link #finish}, which {@link #parse} calls once for both ways of reading a
     * row (so that the JIT compiles the aggregation into one place, not into both); 0 when there is no row to hand
     * over (an empty line, a row cut off by the end of the file).
     */
    private long rowLine;
    /** The number of fields of the row just read. */
    private int rowFields;

    /** Lines consumed so far, counting line breaks inside quoted fields. */
    long lines;
    /** Whether parsing stopped at a row that starts at or after the stop offset. */
    boolean stopped;

    CsvRowParser(byte[] roles, byte delimiter, Aggregator sink, @Nullable String timestampPattern) {
        this(roles, delimiter, sink, timestampPattern, true);
    }

    /**
     * A parser that may leave out the fast path for plain rows; tests compare both ways of reading a row.
     *
     * @param plainRows whether rows are first tried with {@link #plainRow}
     */
    CsvRowParser(byte[] roles, byte delimiter, Aggregator sink, @Nullable String timestampPattern,
            boolean plainRows) {
        this.plainRows = plainRows;
        this.roles = roles.clone();
        this.columns = roles.length;
        this.skipRun = new int[columns];
        for (int c = columns - 2; c >= 0; c--) {
            skipRun[c] = roles[c] == SKIP ? skipRun[c + 1] + 1 : 0;
        }
        int needed = columns;
        while (needed > 1 && roles[needed - 1] == SKIP) {
            needed--;
        }
        this.lead = needed;
        this.delimiter = delimiter;
        this.delimiterWord = ONES * (delimiter & 0xff);
        this.sink = sink;
        this.timestampFormat = timestampPattern == null ? null : DateTimeFormatter.ofPattern(timestampPattern);
        this.timestampPattern = timestampPattern == null ? "" : timestampPattern;
    }

    /**
     * Parses the complete rows in {@code b[0, limit)}.
     *
     * @param b the buffer
     * @param limit the end of the data in it
     * @param eof whether the data ends the file (then an unfinished last row is read or counted as broken)
     * @param base the file offset of {@code b[0]}
     * @param stopAt the file offset from which on no row may start; parsing stops before such a row
     * @return the index of the first byte not consumed: the start of an unfinished row, of the row parsing stopped
     *     at, or {@code limit}
     */
    int parse(byte[] b, int limit, boolean eof, long base, long stopAt) {
        int p = 0;
        while (p < limit) {
            if (base + p >= stopAt) {
                stopped = true;
                return p;
            }
            rowLine = 0;
            int next = plainRows ? plainRow(b, p, limit) : -1;
            if (next < 0) {
                next = row(b, p, limit, eof);
                if (next < 0) {
                    return p;
                }
            }
            if (rowLine > 0) {
                finish(b, rowLine, rowFields);
            }
            p = next;
        }
        return p;
    }

    /**
     * The fast path for the common row: no line break inside a quoted field, no quoted field after the last one the
     * aggregation needs, the row ends with a line feed within the data, and it has as many fields as the header.
     * Finds the fields the aggregation needs one by one, then only counts the delimiters of the rest of the row, eight
     * bytes at a time.
     *
     * @return the index after the row, or -1 when the row is not such a row (then {@link #row} reads it)
     */
    private int plainRow(byte[] b, int p, int limit) {
        reset();
        final byte delim = delimiter;
        int q = p;
        for (int col = 0; col < lead; col++) {
            if (q >= limit) {
                return -1;
            }
            int from = q;
            int to;
            int end;
            boolean escaped = false;
            if (b[q] == '"') {
                from = q + 1;
                to = from;
                while (true) {
                    if (to >= limit) {
                        return -1;
                    }
                    byte c = b[to];
                    if (c == '"') {
                        if (to + 1 < limit && b[to + 1] == '"') {
                            escaped = true;
                            to += 2;
                            continue;
                        }
                        break;
                    }
                    if (c == '\n') {
                        return -1;
                    }
                    to++;
                }
                end = to + 1;
                if (end + 1 < limit && b[end] == '\r' && b[end + 1] == '\n') {
                    end++;
                }
                if (end >= limit || b[end] != delim && b[end] != '\n') {
                    return -1;
                }
            } else {
                end = fieldEnd(b, q, limit);
                if (end >= limit) {
                    return -1;
                }
                to = end > q && b[end] == '\n' && b[end - 1] == '\r' ? end - 1 : end;
            }
            boolean last = b[end] != delim;
            if (last != (col == columns - 1)) {
                return -1;
            }
            byte role = roles[col];
            if (role != SKIP) {
                field(role, b, from, to, escaped);
            }
            q = end + 1;
            if (last) {
                rowLine = ++lines;
                rowFields = columns;
                return q;
            }
        }
        final long delims = delimiterWord;
        int count = 0;
        while (true) {
            if (q + 8 > limit) {
                return -1;
            }
            long word = (long) LONGS.get(b, q);
            long n = word ^ LINE_FEEDS;
            long quote = word ^ QUOTES;
            long stop = ((n - ONES) & ~n | (quote - ONES) & ~quote) & HIGHS;
            long d = zeros(word ^ delims);
            if (stop != 0) {
                int at = Long.numberOfTrailingZeros(stop) >>> 3;
                if (b[q + at] != '\n') {
                    return -1;
                }
                count += Long.bitCount(d & ((stop & -stop) - 1));
                q += at + 1;
                break;
            }
            count += Long.bitCount(d);
            q += 8;
        }
        if (lead + count + 1 != columns) {
            return -1;
        }
        rowLine = ++lines;
        rowFields = columns;
        return q;
    }

    private void reset() {
        timestamp = -1;
        elapsed = -1;
        latency = 0;
        connect = 0;
        success = -1;
        labelFrom = 0;
        labelTo = 0;
        labelEscaped = false;
        transactionParent = false;
        codeFrom = 0;
        codeTo = 0;
        codeEscaped = false;
        messageFrom = 0;
        messageTo = 0;
        messageEscaped = false;
        failureFrom = 0;
        failureTo = 0;
        failureEscaped = false;
        problem = null;
    }

    /**
     * The general path: parses any row that starts at {@code p} (quoted fields anywhere, line breaks in them, empty
     * lines, rows with too few or too many fields, a last row without a line break); {@link #plainRow} leaves to it
     * every row it cannot read.
     *
     * @return the index after the row, or -1 when the row does not end in the data and more may come
     */
    private int row(byte[] b, int p, int limit, boolean eof) {
        byte first = b[p];
        if (first == '\n') {
            lines++;
            return p + 1;
        }
        if (first == '\r' && p + 1 < limit && b[p + 1] == '\n') {
            lines++;
            return p + 2;
        }
        final byte delim = delimiter;
        reset();
        int breaks = 0;
        int col = 0;
        while (true) {
            int from;
            int to;
            boolean escaped = false;
            int run = col < columns ? skipRun[col] : 0;
            boolean skippedRun = false;
            if (run > 1 && p < limit && b[p] != '"') {
                long skipped = skipFields(b, p, limit, run);
                int fields = (int) (skipped >>> 32);
                p = (int) skipped;
                skippedRun = fields == run;
                col += skippedRun ? run - 1 : fields;
            }
            if (skippedRun) {
                from = p;
                to = p;
            } else if (p < limit && b[p] == '"') {
                int q = p + 1;
                while (true) {
                    if (q >= limit) {
                        if (!eof) {
                            return -1;
                        }
                        sink.broken(lines + 1, "the file ends inside a quoted field: the row was cut off");
                        lines += 1 + breaks;
                        return limit;
                    }
                    byte c = b[q];
                    if (c == '"') {
                        if (q + 1 < limit && b[q + 1] == '"') {
                            escaped = true;
                            q += 2;
                            continue;
                        }
                        if (q + 1 >= limit && !eof) {
                            return -1;
                        }
                        break;
                    }
                    if (c == '\n') {
                        breaks++;
                    }
                    q++;
                }
                from = p + 1;
                to = q;
                p = q + 1;
                if (p < limit && b[p] != delim && b[p] != '\n' && b[p] != '\r') {
                    if (problem == null) {
                        problem = "field " + (col + 1) + " has text after its closing quote";
                    }
                    while (p < limit && b[p] != delim && b[p] != '\n') {
                        p++;
                    }
                }
            } else {
                from = p;
                p = fieldEnd(b, p, limit);
                to = p;
                if (p < limit && b[p] == '\n' && to > from && b[to - 1] == '\r') {
                    to--;
                }
            }
            if (p >= limit && !eof) {
                return -1;
            }
            if (col < columns && roles[col] != SKIP) {
                field(roles[col], b, from, to, escaped);
            }
            col++;
            if (p >= limit) {
                break;
            }
            byte c = b[p];
            if (c == delim) {
                p++;
                if (p >= limit) {
                    if (!eof) {
                        return -1;
                    }
                    col++;
                    break;
                }
                continue;
            }
            if (c == '\r') {
                p++;
                if (p < limit && b[p] == '\n') {
                    p++;
                } else if (p >= limit && !eof) {
                    return -1;
                }
            } else {
                p++;
            }
            break;
        }
        rowLine = lines + 1;
        rowFields = col;
        lines += 1 + breaks;
        return p;
    }

    /** Takes in one field the aggregation needs. */
    private void field(byte role, byte[] b, int from, int to, boolean escaped) {
        switch (role) {
            case TIMESTAMP:
                timestamp = timestampFormat == null ? digits(b, from, to) : formattedTime(b, from, to, escaped);
                if (timestamp < 0 && problem == null) {
                    problem = timestampFormat == null
                            ? "timeStamp is not epoch milliseconds (set timestampFormat for dates)"
                            : "timeStamp does not have the format " + timestampPattern;
                }
                break;
            case ELAPSED:
                elapsed = digits(b, from, to);
                if (elapsed < 0 && problem == null) {
                    problem = "elapsed is not a whole number of milliseconds";
                }
                break;
            case LATENCY:
                latency = digits(b, from, to);
                if (latency < 0 && problem == null) {
                    problem = "Latency is not a whole number of milliseconds";
                }
                break;
            case CONNECT:
                connect = digits(b, from, to);
                if (connect < 0 && problem == null) {
                    problem = "Connect is not a whole number of milliseconds";
                }
                break;
            case LABEL:
                labelFrom = from;
                labelTo = to;
                labelEscaped = escaped;
                break;
            case SUCCESS:
                success = bool(b, from, to);
                if (success < 0 && problem == null) {
                    problem = "success is neither true nor false";
                }
                break;
            case MESSAGE:
                messageFrom = from;
                messageTo = to;
                messageEscaped = escaped;
                transactionParent = startsWith(b, from, to, TRANSACTION);
                break;
            case CODE:
                codeFrom = from;
                codeTo = to;
                codeEscaped = escaped;
                break;
            case FAILURE:
                failureFrom = from;
                failureTo = to;
                failureEscaped = escaped;
                break;
            default:
                break;
        }
    }

    /** Hands a complete row to the aggregation, or counts it as broken. */
    private void finish(byte[] b, long line, int fields) {
        if (fields != columns) {
            sink.broken(line, "it has " + fields + (fields == 1 ? " field" : " fields") + ", the header " + columns);
            return;
        }
        if (problem != null) {
            sink.broken(line, problem);
            return;
        }
        if (timestamp < 0 || elapsed < 0) {
            sink.broken(line, "it has no timeStamp or elapsed value");
            return;
        }
        int label = labelEscaped ? internEscaped(b, labelFrom, labelTo) : sink.label(b, labelFrom, labelTo);
        if (success == 0 && sink.wantsFailureMessage()) {
            String failure = text(b, failureFrom, failureTo, failureEscaped);
            sink.failureMessage(!failure.isEmpty() ? failure
                    : (text(b, codeFrom, codeTo, codeEscaped) + " " + text(b, messageFrom, messageTo,
                            messageEscaped)).trim());
        }
        sink.sample(label, success == 1, transactionParent, timestamp, elapsed, latency, connect);
    }

    /**
     * The index of the first delimiter or line feed at or after {@code p}, or {@code limit}: eight bytes at a time
     * (a byte equal to the delimiter or {@code \n} becomes zero after an XOR, and the lowest zero byte of a word is
     * found exactly), then byte by byte for the rest.
     */
    private int fieldEnd(byte[] b, int p, int limit) {
        final long delims = delimiterWord;
        while (p + 8 <= limit) {
            long word = (long) LONGS.get(b, p);
            long d = word ^ delims;
            long n = word ^ LINE_FEEDS;
            long found = ((d - ONES) & ~d | (n - ONES) & ~n) & HIGHS;
            if (found != 0) {
                return p + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            p += 8;
        }
        byte c;
        while (p < limit && (c = b[p]) != delimiter && c != '\n') {
            p++;
        }
        return p;
    }

    /**
     * Skips up to {@code fields} unquoted fields from {@code p}, eight bytes at a time, counting delimiters. Stops
     * early before a quote, a line feed or the end of the data, at the start of the field it reached.
     *
     * @return the number of fields skipped in the high 32 bits; in the low 32 bits the index of the delimiter that
     *     ends the last of them when all were skipped, else the index of the field where it stopped
     */
    private long skipFields(byte[] b, int p, int limit, int fields) {
        final long delims = delimiterWord;
        int done = 0;
        int fieldStart = p;
        while (p + 8 <= limit) {
            long word = (long) LONGS.get(b, p);
            long d = zeros(word ^ delims);
            long stop = zeros(word ^ LINE_FEEDS) | zeros(word ^ QUOTES);
            if (stop != 0) {
                d &= (stop & -stop) - 1;
            }
            int count = Long.bitCount(d);
            if (done + count >= fields) {
                for (int i = done + 1; i < fields; i++) {
                    d &= d - 1;
                }
                return (long) fields << 32 | (p + (Long.numberOfTrailingZeros(d) >>> 3));
            }
            if (count > 0) {
                done += count;
                fieldStart = p + (63 - Long.numberOfLeadingZeros(d) >>> 3) + 1;
            }
            if (stop != 0) {
                return (long) done << 32 | fieldStart;
            }
            p += 8;
        }
        while (p < limit) {
            byte c = b[p];
            if (c == '\n' || c == '"') {
                break;
            }
            if (c == delimiter) {
                if (++done == fields) {
                    return (long) fields << 32 | p;
                }
                fieldStart = p + 1;
            }
            p++;
        }
        return (long) done << 32 | fieldStart;
    }

    /** The high bit of each byte of {@code v} that is zero, exactly (no false positives). */
    private static long zeros(long v) {
        long t = (v & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL;
        return ~(t | v | 0x7F7F7F7F7F7F7F7FL);
    }

    /** The value of a field of 1 to 18 ASCII digits, or -1. */
    private static long digits(byte[] b, int from, int to) {
        if (from >= to || to - from > 18) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** 1 for {@code true}, 0 for {@code false}, else -1. */
    private static int bool(byte[] b, int from, int to) {
        int n = to - from;
        if (n == 4 && b[from] == 't' && b[from + 1] == 'r' && b[from + 2] == 'u' && b[from + 3] == 'e') {
            return 1;
        }
        if (n == 5 && b[from] == 'f' && b[from + 1] == 'a' && b[from + 2] == 'l' && b[from + 3] == 's'
                && b[from + 4] == 'e') {
            return 0;
        }
        return -1;
    }

    private static boolean startsWith(byte[] b, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private long formattedTime(byte[] b, int from, int to, boolean escaped) {
        if (timestampFormat == null) {
            return -1;
        }
        try {
            TemporalAccessor t = timestampFormat.parseBest(text(b, from, to, escaped), java.time.ZonedDateTime::from,
                    LocalDateTime::from);
            Instant instant = t instanceof LocalDateTime local ? local.atZone(ZONE).toInstant()
                    : Instant.from(t);
            return instant.toEpochMilli();
        } catch (DateTimeParseException e) {
            return -1;
        }
    }

    private int internEscaped(byte[] b, int from, int to) {
        int n = unescape(b, from, to);
        return sink.label(scratch, 0, n);
    }

    /** Copies a quoted field's content into the scratch buffer with doubled quotes made single; returns its length. */
    private int unescape(byte[] b, int from, int to) {
        if (scratch.length < to - from) {
            scratch = new byte[Math.max(to - from, scratch.length * 2)];
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            scratch[n++] = b[i];
            if (b[i] == '"') {
                i++;
            }
        }
        return n;
    }

    private String text(byte[] b, int from, int to, boolean escaped) {
        if (!escaped) {
            return new String(b, from, to - from, StandardCharsets.UTF_8);
        }
        int n = unescape(b, from, to);
        return new String(scratch, 0, n, StandardCharsets.UTF_8);
    }
}
