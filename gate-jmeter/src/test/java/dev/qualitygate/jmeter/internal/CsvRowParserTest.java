package dev.qualitygate.jmeter.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.HistogramIterationValue;
import org.junit.jupiter.api.Test;

/**
 * The parser's fast path for plain rows against its general path: the same rows, cut into buffers anywhere, must
 * give the same samples, broken rows, failure messages and line numbers.
 */
class CsvRowParserTest {
    private static final int COLUMNS = 17;
    private static final String[] WORDS = {"a", "GET /api/items", "OK", "Thread Group 1-7", "text", "ü", "x\ry",
        "say \"hi\"", "http://127.0.0.1/x"};
    private static final String[] QUOTED = {"\"Login, step 1\"", "\"a \"\"b\"\", c\"", "\"line\nbreak\"", "\"\"",
        "\"plain\"", "\"cr\r\nlf\""};

    /** Roles of JMeter's default columns; failure text, Latency and Connect only when asked, as the reader does. */
    private static byte[] roles(boolean failures, boolean latency, boolean connect) {
        byte[] roles = new byte[COLUMNS];
        roles[0] = CsvRowParser.TIMESTAMP;
        roles[1] = CsvRowParser.ELAPSED;
        roles[2] = CsvRowParser.LABEL;
        roles[3] = failures ? CsvRowParser.CODE : CsvRowParser.SKIP;
        roles[4] = CsvRowParser.MESSAGE;
        roles[7] = CsvRowParser.SUCCESS;
        roles[8] = failures ? CsvRowParser.FAILURE : CsvRowParser.SKIP;
        roles[14] = latency ? CsvRowParser.LATENCY : CsvRowParser.SKIP;
        roles[16] = connect ? CsvRowParser.CONNECT : CsvRowParser.SKIP;
        return roles;
    }

    /** A field: mostly what JMeter writes, sometimes quoted, empty, not a number, or with a quote or CR inside. */
    private static String field(Random r, int column) {
        int kind = r.nextInt(20);
        if (kind == 0) {
            return QUOTED[r.nextInt(QUOTED.length)];
        }
        if (kind == 1) {
            return "";
        }
        if (kind == 2) {
            return WORDS[r.nextInt(WORDS.length)];
        }
        switch (column) {
            case 0:
                return Long.toString(1_795_663_000_000L + r.nextInt(1_000_000));
            case 1:
            case 14:
            case 16:
                return Integer.toString(r.nextInt(r.nextBoolean() ? 100 : 100_000));
            case 7:
                return r.nextInt(10) == 0 ? "false" : "true";
            default:
                return WORDS[r.nextInt(WORDS.length)];
        }
    }

    /** Random rows: complete ones, short and long ones, empty lines, LF or CRLF, maybe no line break at the end. */
    private static byte[] rows(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(25);
            int columns = kind == 0 ? 1 + r.nextInt(COLUMNS - 1) : kind == 1 ? COLUMNS + 1 : COLUMNS;
            if (kind == 2) {
                columns = 0;
            }
            for (int c = 0; c < columns; c++) {
                if (c > 0) {
                    sb.append(',');
                }
                sb.append(field(r, c));
            }
            if (i < n - 1 || r.nextBoolean()) {
                sb.append(r.nextInt(4) == 0 ? "\r\n" : "\n");
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses {@code data} as the reader does, in buffers of {@code chunk} bytes (larger while a row does not fit),
     * and describes everything the aggregation kept.
     */
    private static String parse(byte[] data, int chunk, boolean plainRows, byte[] roles, boolean[] fields) {
        ReadOptions options = ReadOptions.defaults(1).withFields(fields).withFailureMessages(3);
        Aggregator sink = new Aggregator(options, options.fields());
        CsvRowParser parser = new CsvRowParser(roles, (byte) ',', sink, null, plainRows);
        int start = 0;
        int size = chunk;
        while (true) {
            int end = Math.min(data.length, start + size);
            boolean eof = end == data.length;
            int consumed = parser.parse(Arrays.copyOfRange(data, start, end), end - start, eof, start,
                    Long.MAX_VALUE);
            if (eof && consumed >= end - start) {
                break;
            }
            if (consumed == 0) {
                size *= 2;
                continue;
            }
            start += consumed;
            size = chunk;
        }
        return describe(sink, parser.lines);
    }

    private static String describe(Aggregator a, long lines) {
        StringBuilder sb = new StringBuilder();
        sb.append("rows ").append(a.rows).append(", failed ").append(a.failedRows).append(", broken ")
                .append(a.brokenRows).append(", lines ").append(lines).append('\n');
        sb.append("described ").append(a.described).append('\n');
        sb.append("failures ").append(a.failures).append('\n');
        for (Map.Entry<String, GroupStats[]> e : a.groupsByLabel().entrySet()) {
            GroupStats[] groups = e.getValue();
            for (int g = 0; g < groups.length; g++) {
                GroupStats s = groups[g];
                if (s == null) {
                    continue;
                }
                sb.append('[').append(e.getKey()).append("] ").append(g).append(": count ").append(s.count)
                        .append(", span ").append(s.minStart).append('-').append(s.maxEnd)
                        .append(", sum ").append(Arrays.toString(s.sum)).append(", min ")
                        .append(Arrays.toString(s.min)).append(", max ").append(Arrays.toString(s.max));
                for (int f = 0; f < s.histograms.length; f++) {
                    if (s.histograms[f] != null) {
                        sb.append(", histogram ").append(f).append(':');
                        for (HistogramIterationValue v : s.histograms[f].recordedValues()) {
                            sb.append(' ').append(v.getValueIteratedTo()).append('x')
                                    .append(v.getCountAtValueIteratedTo());
                        }
                    }
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    @Test
    void parse_randomRowsCutAnywhere_fastPathEqualsGeneralPath() {
        qt().withExamples(300).forAll(longs().all(), integers().between(0, 60), integers().between(1, 400))
                .checkAssert((seed, n, chunk) -> {
                    Random r = new Random(seed);
                    boolean[] fields = {true, r.nextBoolean(), r.nextBoolean()};
                    byte[] roles = roles(r.nextBoolean(), fields[1], fields[2]);
                    byte[] data = rows(r, n);

                    String general = parse(data, data.length + 1, false, roles, fields);

                    assertThat(parse(data, chunk, true, roles, fields)).isEqualTo(general);
                    assertThat(parse(data, data.length + 1, true, roles, fields)).isEqualTo(general);
                });
    }

    @Test
    void parse_plainRowsCutAtEveryOffset_readsEveryRowOnce() {
        String text = "1795663000000,12,GET /a,200,OK,g 1-1,text,true,,100,50,1,1,http://h/a,11,0,3\n"
                + "1795663000001,7,\"Login, step 1\",200,OK,g 1-2,text,true,,100,50,1,1,http://h/l,6,0,0\r\n"
                + "1795663000002,30000,GET /a,500,Error,g 1-1,text,false,\"got \"\"x\"\",\ny\",1,1,1,1,u,1,0,0\n"
                + "1795663000003,5,GET /a,200,OK,g 1-1,text,true,,100,50,1,1,http://h/a,4,0,1\n"
                + "1795663000004,5,GET /a,200,OK,g 1-1,text,true\n"
                + "1795663000005,9,GET /b,200,OK,g 1-1,text,true,,100,50,1,1,http://h/b,8,0,0";
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        boolean[] fields = {true, true, true};
        byte[] roles = roles(true, true, true);
        String general = parse(data, data.length + 1, false, roles, fields);

        assertThat(general).startsWith("rows 5, failed 1, broken 1, lines 7\n")
                .contains("described [BrokenRow[line=6, reason=it has 8 fields, the header 17]]")
                .contains("failures [got \"x\",\ny]");
        for (int chunk = 1; chunk <= data.length; chunk++) {
            assertThat(parse(data, chunk, true, roles, fields)).as("buffers of %d bytes", chunk).isEqualTo(general);
        }
    }
}
