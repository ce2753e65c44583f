package dev.qualitygate.jmeter.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads a CSV JTL in one pass, split among threads: the file is cut into segments; each thread starts at the first
 * line break after its cut, guessing that this is a row start, and reads up to the first row that starts at or
 * after the next cut. The guess is checked against the thread before it, which knows where its last row really ended;
 * a wrong guess (a cut inside a quoted field with a line break) is thrown away and that stretch read again in order,
 * so the result never depends on the guess. Memory stays bounded: one buffer per thread and a histogram per label.
 * Internal; not API.
 */
final class CsvJtlReader {
    /** JMeter's default columns, for files written without a header (jmeter.save.saveservice defaults). */
    static final List<String> DEFAULT_COLUMNS = List.of("timeStamp", "elapsed", "label", "responseCode",
            "responseMessage", "threadName", "dataType", "success", "failureMessage", "bytes", "sentBytes",
            "grpThreads", "allThreads", "URL", "Latency", "IdleTime", "Connect");
    private static final int BUFFER = 64 << 10;
    /**
     * The first buffer is small and doubles up to {@link #BUFFER}, so that the rare paths at a buffer's end (a row or
     * a field cut off) are taken several times while the JIT still profiles the parser; otherwise its compiled code
     * assumes they never happen and is thrown away at the first buffer end.
     */
    private static final int FIRST_BUFFER = 16 << 10;
    private static final int MAX_ROW = 16 << 20;
    private static final long MIN_SEGMENT = 8L << 20;

    private final FileChannel channel;
    private final String file;
    private final ReadOptions options;
    private final long size;
    private final long minSegment;

    private CsvJtlReader(FileChannel channel, String file, ReadOptions options, long minSegment) throws IOException {
        this.channel = channel;
        this.file = file;
        this.options = options;
        this.size = channel.size();
        this.minSegment = minSegment;
    }

    static JtlSummary read(FileChannel channel, String file, ReadOptions options) throws IOException {
        return read(channel, file, options, MIN_SEGMENT);
    }

    /** Reads with segments of at least {@code minSegment} bytes; tests use small ones to exercise the cuts. */
    static JtlSummary read(FileChannel channel, String file, ReadOptions options, long minSegment)
            throws IOException {
        return new CsvJtlReader(channel, file, options, minSegment).read();
    }

    private JtlSummary read() throws IOException {
        byte[] head = new byte[(int) Math.min(size, 64 << 10)];
        int headLength = readFully(head, 0);
        List<String> firstRow = new ArrayList<>();
        int firstRowEnd = firstRow(head, headLength, firstRow);
        while (firstRowEnd < 0 && headLength < size && head.length < MAX_ROW) {
            head = java.util.Arrays.copyOf(head, (int) Math.min(size, head.length * 4L));
            headLength = readFully(head, 0);
            firstRow.clear();
            firstRowEnd = firstRow(head, headLength, firstRow);
        }
        boolean header = firstRow.contains("elapsed") && !firstRow.isEmpty() && !isDigits(firstRow.get(0));
        List<String> names = header ? firstRow : options.columns().isEmpty() ? DEFAULT_COLUMNS : options.columns();
        boolean[] fields = options.fields().clone();
        byte[] roles = roles(names, fields);
        long dataStart = header ? (firstRowEnd < 0 ? size : firstRowEnd) : 0;
        long headerLines = header ? lineBreaks(head, (int) Math.min(dataStart, headLength)) : 0;

        int threads = (int) Math.max(1, Math.min(options.threads(), (size - dataStart) / minSegment));
        long[] starts = new long[threads + 1];
        starts[0] = dataStart;
        starts[threads] = size;
        for (int i = 1; i < threads; i++) {
            starts[i] = Math.max(starts[i - 1], afterLineBreak(dataStart + (size - dataStart) * i / threads));
        }
        List<Segment> segments = new ArrayList<>();
        if (threads == 1) {
            segments.add(segment(starts[0], size, roles, fields));
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "jtl-reader");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<Segment>> futures = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    long from = starts[i];
                    long to = starts[i + 1];
                    futures.add(pool.submit(() -> segment(from, to, roles, fields)));
                }
                for (Future<Segment> f : futures) {
                    segments.add(f.get());
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                }
                throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JtlException("interrupted while reading " + file, e);
            } finally {
                pool.shutdownNow();
            }
        }
        return merge(segments, starts, roles, fields, headerLines);
    }

    /** Accepts each segment whose start the one before confirmed; reads the others again in order. */
    private JtlSummary merge(List<Segment> segments, long[] starts, byte[] roles, boolean[] fields, long headerLines)
            throws IOException {
        List<Segment> accepted = new ArrayList<>();
        long expected = starts[0];
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            if (s.start != expected) {
                s = segment(expected, starts[i + 1], roles, fields);
            }
            accepted.add(s);
            expected = s.stoppedAt;
        }
        Map<String, GroupStats[]> groups = new LinkedHashMap<>();
        long rows = 0;
        long outside = 0;
        long broken = 0;
        long lines = headerLines;
        List<Aggregator.BrokenRow> described = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Segment s : accepted) {
            Aggregator a = s.aggregator;
            for (Map.Entry<String, GroupStats[]> e : a.groupsByLabel().entrySet()) {
                GroupStats[] into = groups.computeIfAbsent(e.getKey(), k -> new GroupStats[4]);
                for (int i = 0; i < 4; i++) {
                    GroupStats g = e.getValue()[i];
                    if (g == null) {
                        continue;
                    }
                    if (into[i] == null) {
                        into[i] = g;
                    } else {
                        into[i].merge(g);
                    }
                }
            }
            rows += a.rows;
            outside += a.outsideWindow;
            broken += a.brokenRows;
            for (Aggregator.BrokenRow r : a.described) {
                if (described.size() < Aggregator.DESCRIBED_BROKEN_ROWS) {
                    described.add(new Aggregator.BrokenRow(r.line() + lines, r.reason()));
                }
            }
            for (String f : a.failures) {
                if (failures.size() < options.failureMessages()) {
                    failures.add(f);
                }
            }
            lines += s.lines;
        }
        return new JtlSummary(file, groups, fields, rows, outside, broken, lines, described, failures);
    }

    /** What one thread read: from a row start to the first row at or after its end. */
    private static final class Segment {
        final long start;
        final Aggregator aggregator;
        long stoppedAt;
        long lines;

        Segment(long start, Aggregator aggregator) {
            this.start = start;
            this.aggregator = aggregator;
        }
    }

    private Segment segment(long from, long to, byte[] roles, boolean[] fields) throws IOException {
        Aggregator aggregator = new Aggregator(options, fields);
        Segment s = new Segment(from, aggregator);
        CsvRowParser parser = new CsvRowParser(roles, options.delimiter(), aggregator, options.timestampFormat());
        byte[] buf = new byte[(int) Math.min(FIRST_BUFFER, Math.max(1024, size - from))];
        long base = from;
        int fill = 0;
        while (true) {
            int n = fill < buf.length ? channel.read(ByteBuffer.wrap(buf, fill, buf.length - fill), base + fill) : 0;
            if (n > 0) {
                fill += n;
            }
            boolean eof = base + fill >= size;
            int consumed = parser.parse(buf, fill, eof, base, to);
            if (parser.stopped || (eof && consumed >= fill)) {
                s.stoppedAt = parser.stopped ? base + consumed : size;
                break;
            }
            if (consumed == 0 && fill == buf.length) {
                if (buf.length >= MAX_ROW) {
                    int skip = skipLine(buf, fill);
                    aggregator.broken(parser.lines + 1, "the row is longer than " + (MAX_ROW >> 20)
                            + " MiB; skipped to the next line");
                    parser.lines++;
                    consumed = skip;
                } else {
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                    continue;
                }
            }
            if (buf.length < BUFFER) {
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            }
            System.arraycopy(buf, consumed, buf, 0, fill - consumed);
            base += consumed;
            fill -= consumed;
        }
        s.lines = parser.lines;
        return s;
    }

    private static int skipLine(byte[] buf, int fill) {
        for (int i = 0; i < fill; i++) {
            if (buf[i] == '\n') {
                return i + 1;
            }
        }
        return fill;
    }

    /** The offset just after the first line break at or after {@code at}, or the file size. */
    private long afterLineBreak(long at) throws IOException {
        byte[] buf = new byte[8192];
        long pos = at;
        while (pos < size) {
            int n = channel.read(ByteBuffer.wrap(buf), pos);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    return pos + i + 1;
                }
            }
            pos += n;
        }
        return size;
    }

    private int readFully(byte[] buf, long position) throws IOException {
        int fill = 0;
        while (fill < buf.length) {
            int n = channel.read(ByteBuffer.wrap(buf, fill, buf.length - fill), position + fill);
            if (n <= 0) {
                break;
            }
            fill += n;
        }
        return fill;
    }

    /** Splits the first row into fields; returns the offset after it, or -1 if it does not end in the buffer. */
    private int firstRow(byte[] b, int limit, List<String> fields) {
        byte delim = options.delimiter();
        StringBuilder field = new StringBuilder();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        boolean quoted = false;
        int p = 0;
        if (limit >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            p = 3;
        }
        for (; p < limit; p++) {
            byte c = b[p];
            if (quoted) {
                if (c == '"') {
                    if (p + 1 < limit && b[p + 1] == '"') {
                        bytes.write('"');
                        p++;
                    } else {
                        quoted = false;
                    }
                } else {
                    bytes.write(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == delim) {
                fields.add(bytes.toString(StandardCharsets.UTF_8));
                bytes.reset();
            } else if (c == '\n') {
                fields.add(bytes.toString(StandardCharsets.UTF_8).stripTrailing());
                return p + 1;
            } else {
                bytes.write(c);
            }
        }
        if (limit == size && !quoted) {
            fields.add(bytes.toString(StandardCharsets.UTF_8).stripTrailing());
            return limit;
        }
        return -1;
    }

    private static long lineBreaks(byte[] b, int to) {
        long n = 0;
        for (int i = 0; i < to; i++) {
            if (b[i] == '\n') {
                n++;
            }
        }
        return n;
    }

    private static boolean isDigits(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** The role of each column; clears the fields whose column is missing; fails without a required column. */
    private byte[] roles(List<String> names, boolean[] fields) {
        byte[] roles = new byte[names.size()];
        List<String> missing = new ArrayList<>(List.of("timeStamp", "elapsed", "label", "success"));
        boolean latency = false;
        boolean connect = false;
        for (int i = 0; i < roles.length; i++) {
            String name = names.get(i);
            missing.remove(name);
            switch (name) {
                case "timeStamp":
                    roles[i] = CsvRowParser.TIMESTAMP;
                    break;
                case "elapsed":
                    roles[i] = CsvRowParser.ELAPSED;
                    break;
                case "label":
                    roles[i] = CsvRowParser.LABEL;
                    break;
                case "success":
                    roles[i] = CsvRowParser.SUCCESS;
                    break;
                case "responseMessage":
                    roles[i] = CsvRowParser.MESSAGE;
                    break;
                case "responseCode":
                    roles[i] = options.failureMessages() > 0 ? CsvRowParser.CODE : CsvRowParser.SKIP;
                    break;
                case "failureMessage":
                    roles[i] = options.failureMessages() > 0 ? CsvRowParser.FAILURE : CsvRowParser.SKIP;
                    break;
                case "Latency":
                    latency = true;
                    roles[i] = fields[Field.LATENCY.ordinal()] ? CsvRowParser.LATENCY : CsvRowParser.SKIP;
                    break;
                case "Connect":
                    connect = true;
                    roles[i] = fields[Field.CONNECT.ordinal()] ? CsvRowParser.CONNECT : CsvRowParser.SKIP;
                    break;
                default:
                    roles[i] = CsvRowParser.SKIP;
                    break;
            }
        }
        if (!missing.isEmpty()) {
            throw new JtlException(file + " has no " + String.join(", ", missing) + (missing.size() == 1 ? " column"
                    : " columns") + "; its columns are " + names + ". Save them in JMeter (jmeter.save.saveservice.*)"
                    + " or, for a file without a header, name its columns in the setting 'columns'");
        }
        fields[Field.LATENCY.ordinal()] &= latency;
        fields[Field.CONNECT.ordinal()] &= connect;
        return roles;
    }
}
