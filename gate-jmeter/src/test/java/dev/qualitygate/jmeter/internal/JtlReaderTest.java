package dev.qualitygate.jmeter.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JtlReaderTest {
    @TempDir
    Path dir;

    private static JtlSummary read(Path file) {
        return JtlReader.read(file, JtlReader.Format.AUTO, ReadOptions.defaults(1));
    }

    private static double value(JtlSummary summary, String query) {
        Query.Result r = Query.parse(query).evaluate(summary);
        assertThat(r.failure()).as("failure of %s", query).isNull();
        return r.value();
    }

    private Path file(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    @Nested
    class ExactValues {
        private final List<Samples.Sample> samples = Samples.random(5_000, 7);

        @ParameterizedTest
        @ValueSource(doubles = {1, 50, 90, 95, 99, 99.9, 100})
        void percentile_everyLabelAndTotal_equalsJMetersLegacyDefinitionWithinTheStatedAccuracy(double p)
                throws IOException {
            JtlSummary summary = read(Samples.write(dir.resolve("r.jtl"), samples));

            for (String label : Samples.LABELS) {
                long[] sorted = Samples.sorted(samples, s -> s.label().equals(label));
                String query = "p" + (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p))
                        + "(elapsed) where label = \"" + label.replace("\"", "\\\"") + "\"";
                assertPercentile(value(summary, query), sorted, p, query);
            }
            long[] all = Samples.sorted(samples, s -> true);
            String query = "p" + (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)) + "()";
            assertPercentile(value(summary, query), all, p, query);
        }

        private void assertPercentile(double actual, long[] sorted, double p, String query) {
            double exact = Samples.legacy(sorted, p);
            if (exact < 2048) {
                assertThat(actual).as(query).isEqualTo(exact);
            } else {
                assertThat(actual).as(query).isCloseTo(exact, withinPercentage(100.0 / 1024));
            }
        }

        @Test
        void countErrorsMeanMinMax_equalTheExactValues() throws IOException {
            JtlSummary summary = read(Samples.write(dir.resolve("r.jtl"), samples));
            String label = "POST /api/cart";
            Predicate<Samples.Sample> of = s -> s.label().equals(label);
            long[] sorted = Samples.sorted(samples, of);
            long errors = samples.stream().filter(of).filter(s -> !s.success()).count();
            String where = " where label = \"" + label + "\"";

            assertThat(value(summary, "count()" + where)).isEqualTo(sorted.length);
            assertThat(value(summary, "errors()" + where)).isEqualTo(errors);
            assertThat(value(summary, "error_rate()" + where)).isCloseTo(errors * 100.0 / sorted.length,
                    offset(1e-9));
            assertThat(value(summary, "mean(elapsed)" + where)).isCloseTo(Samples.mean(sorted), offset(1e-9));
            assertThat(value(summary, "min()" + where)).isEqualTo(sorted[0]);
            assertThat(value(summary, "max()" + where)).isEqualTo(sorted[sorted.length - 1]);
            assertThat(summary.rows()).isEqualTo(samples.size());
            assertThat(summary.brokenRows()).isZero();
        }

        @Test
        void throughput_isCountOverTheLabelsWallSpan_asJMeterComputesIt() throws IOException {
            JtlSummary summary = read(Samples.write(dir.resolve("r.jtl"), samples));
            String label = "GET /static";
            List<Samples.Sample> of = samples.stream().filter(s -> s.label().equals(label)).toList();
            long first = of.stream().mapToLong(Samples.Sample::start).min().orElseThrow();
            long last = of.stream().mapToLong(s -> s.start() + s.elapsed()).max().orElseThrow();

            assertThat(value(summary, "throughput() where label = \"" + label + "\""))
                    .isCloseTo(of.size() * 1000.0 / (last - first), offset(1e-9));
        }

        @Test
        void successCondition_selectsSamplesByOutcome() throws IOException {
            JtlSummary summary = read(Samples.write(dir.resolve("r.jtl"), samples));
            long[] ok = Samples.sorted(samples, Samples.Sample::success);

            assertThat(value(summary, "count() where success = true")).isEqualTo(ok.length);
            assertThat(value(summary, "max() where success != false")).isEqualTo(ok[ok.length - 1]);
            assertThat(value(summary, "error_rate() where success = true")).isZero();
        }

        @Test
        void latencyAndConnect_areAggregatedWhenAsked() throws IOException {
            Path file = Samples.write(dir.resolve("r.jtl"), samples);
            boolean[] fields = {true, true, true};
            JtlSummary summary = JtlReader.read(file, JtlReader.Format.AUTO, ReadOptions.defaults(1)
                    .withFields(fields));

            assertThat(value(summary, "max(latency)")).isEqualTo(
                    samples.stream().mapToLong(Samples.Sample::latency).max().orElseThrow());
            assertThat(value(summary, "mean(connect)")).isCloseTo(
                    samples.stream().mapToLong(Samples.Sample::connect).average().orElseThrow(), offset(1e-9));
        }
    }

    @Nested
    class Quoting {
        @Test
        void read_quotedFieldsWithDelimitersQuotesAndLineBreaks_areOneRowEach() throws IOException {
            Path f = file("q.jtl", Samples.HEADER,
                    "1000,10,\"GET /a, b\",500,Internal Server Error,g 1-1,text,false,\"flaky, \"\"non-200\"\"\n"
                            + "second line\",1,1,1,1,http://x,10,0,0",
                    "1010,20,\"say \"\"hi\"\"\",200,OK,g 1-1,text,true,,1,1,1,1,http://x,20,0,0");

            JtlSummary s = JtlReader.read(f, JtlReader.Format.AUTO, ReadOptions.defaults(1).withFailureMessages(5));

            assertThat(s.labels()).containsExactly("GET /a, b", "say \"hi\"");
            assertThat(s.failures()).containsExactly("flaky, \"non-200\"\nsecond line");
            assertThat(s.rows()).isEqualTo(2);
            assertThat(s.lines()).isEqualTo(4);
            assertThat(s.brokenRows()).isZero();
        }

        @Test
        void read_failureWithoutMessage_usesResponseCodeAndMessage() throws IOException {
            Path f = file("q.jtl", Samples.HEADER,
                    "1000,10,a,Non HTTP response code: java.net.SocketTimeoutException,Non HTTP response message: "
                            + "Read timed out,g 1-1,text,false,,1,1,1,1,http://x,10,0,0");

            JtlSummary s = JtlReader.read(f, JtlReader.Format.AUTO, ReadOptions.defaults(1).withFailureMessages(5));

            assertThat(s.failures()).containsExactly("Non HTTP response code: java.net.SocketTimeoutException "
                    + "Non HTTP response message: Read timed out");
        }

        @Test
        void read_crlfLineEndsAndByteOrderMark_areRead() throws IOException {
            Path f = dir.resolve("crlf.jtl");
            Files.write(f, ("\uFEFF" + Samples.HEADER + "\r\n1000,10,a,200,OK,g,text,true,,1,1,1,1,u,1,0,0\r\n")
                    .getBytes(StandardCharsets.UTF_8));

            JtlSummary s = read(f);

            assertThat(s.rows()).isEqualTo(1);
            assertThat(s.brokenRows()).isZero();
            assertThat(s.labels()).containsExactly("a");
        }
    }

    @Nested
    class Columns {
        @Test
        void read_withoutHeader_usesJMetersDefaultColumns() throws IOException {
            Path f = file("nh.jtl", "1000,10,a,200,OK,g,text,true,,1,1,1,1,u,1,0,0",
                    "1005,30,a,500,Error,g,text,false,,1,1,1,1,u,1,0,0");

            JtlSummary s = read(f);

            assertThat(value(s, "count()")).isEqualTo(2);
            assertThat(value(s, "error_rate()")).isEqualTo(50);
            assertThat(value(s, "max()")).isEqualTo(30);
        }

        @Test
        void read_withoutHeaderAndConfiguredColumns_mapsByThoseNames() throws IOException {
            Path f = file("nh.jtl", "a,true,1000,10", "a,false,1005,30");
            ReadOptions o = new ReadOptions(new boolean[3], (byte) ',', List.of("label", "success", "timeStamp",
                    "elapsed"), null, Long.MIN_VALUE, Long.MAX_VALUE, 1, 0);

            JtlSummary s = JtlReader.read(f, JtlReader.Format.CSV, o);

            assertThat(value(s, "mean()")).isEqualTo(20);
            assertThat(value(s, "errors()")).isEqualTo(1);
        }

        @Test
        void read_headerInOtherOrderWithExtraColumns_mapsByName() throws IOException {
            Path f = file("x.jtl", "success,label,elapsed,SampleCount,ErrorCount,Hostname,timeStamp,myVar",
                    "true,a,12,1,0,host,1000,\"v, 1\"", "false,b,20,1,1,host,1001,v2");

            JtlSummary s = read(f);

            assertThat(s.labels()).containsExactly("a", "b");
            assertThat(value(s, "max() where label = \"a\"")).isEqualTo(12);
            assertThat(value(s, "error_rate()")).isEqualTo(50);
        }

        @Test
        void read_tabDelimiterAndDateTimestamps_readWithTheirSettings() throws IOException {
            Path f = file("t.jtl", "timeStamp\telapsed\tlabel\tsuccess", "2026/01/01 10:00:00.000\t10\ta\ttrue",
                    "2026/01/01 10:00:01.000\t20\ta\ttrue");
            ReadOptions o = new ReadOptions(new boolean[3], (byte) '\t', List.of(), "yyyy/MM/dd HH:mm:ss.SSS",
                    Long.MIN_VALUE, Long.MAX_VALUE, 1, 0);

            JtlSummary s = JtlReader.read(f, JtlReader.Format.AUTO, o);

            assertThat(value(s, "throughput()")).isEqualTo(2 * 1000.0 / 1020);
        }

        @Test
        void read_headerWithoutElapsedOrSuccess_failsNamingTheMissingColumns() throws IOException {
            Path f = file("x.jtl", "timeStamp,elapsed,label,bytes", "1000,10,a,1");

            assertThatThrownBy(() -> read(f)).isInstanceOf(JtlException.class)
                    .hasMessageContaining("has no success column")
                    .hasMessageContaining("[timeStamp, elapsed, label, bytes]");
        }

        @Test
        void query_onLatencyWithoutLatencyColumn_failsNamingIt() throws IOException {
            Path f = file("x.jtl", "timeStamp,elapsed,label,success", "1000,10,a,true");
            JtlSummary s = JtlReader.read(f, JtlReader.Format.AUTO, ReadOptions.defaults(1)
                    .withFields(new boolean[] {true, true, false}));

            assertThat(Query.parse("p95(latency)").evaluate(s).failure()).contains("has no Latency column");
        }
    }

    @Nested
    class BrokenRows {
        @Test
        void read_brokenRows_areCountedDescribedWithTheirLinesAndLeftOut() throws IOException {
            Path f = dir.resolve("b.jtl");
            Files.writeString(f, Samples.HEADER + "\n"
                    + "1000,10,a,200,OK,g,text,true,,1,1,1,1,u,1,0,0\n"
                    + "1001,ten,a,200,OK,g,text,true,,1,1,1,1,u,1,0,0\n"
                    + "1002,10,a,200,OK,g,text,true\n"
                    + "1003,12,a,200,OK,g,text,maybe,,1,1,1,1,u,1,0,0\n"
                    + "1004,14,a,200,OK,g,text,true,,1,1,1,1,u,1,0,0\n"
                    + "1005,16,a,500,Error,g,text,false,\"cut off, mid");

            JtlSummary s = read(f);

            assertThat(s.rows()).isEqualTo(2);
            assertThat(s.brokenRows()).isEqualTo(4);
            assertThat(value(s, "mean()")).isEqualTo(12);
            assertThat(s.note()).isEqualTo("4 rows of " + f + " could not be read and were left out:"
                    + " line 3: elapsed is not a whole number of milliseconds;"
                    + " line 4: it has 8 fields, the header 17;"
                    + " line 5: success is neither true nor false;"
                    + " line 7: the file ends inside a quoted field: the row was cut off");
        }

        @Test
        void read_lastLineWithoutLineBreak_isReadWhenComplete() throws IOException {
            Path f = dir.resolve("n.jtl");
            Files.writeString(f, Samples.HEADER + "\n1000,10,a,200,OK,g,text,true,,1,1,1,1,u,1,0,0");

            assertThat(read(f).rows()).isEqualTo(1);
            assertThat(read(f).brokenRows()).isZero();
        }

        @Test
        void read_emptyFileOrHeaderOnly_hasNoSamples() throws IOException {
            assertThat(read(Files.writeString(dir.resolve("e.jtl"), "")).rows()).isZero();
            JtlSummary headerOnly = read(file("h.jtl", Samples.HEADER));
            assertThat(headerOnly.rows()).isZero();
            assertThat(Query.parse("p95()").evaluate(headerOnly).failure()).contains("no sample");
        }

        @Test
        void read_missingFile_failsNamingIt() {
            assertThatThrownBy(() -> read(dir.resolve("none.jtl"))).isInstanceOf(JtlException.class)
                    .hasMessageContaining("none.jtl does not exist");
        }
    }

    @Nested
    class TransactionsAndWindow {
        @Test
        void total_leavesTransactionParentsOut_aLabelConditionKeepsThem() throws IOException {
            Path f = file("tc.jtl", Samples.HEADER,
                    "1000,10,child,200,OK,g,text,true,,1,1,1,1,u,1,0,0",
                    "1000,30,buy,200,\"Number of samples in transaction : 2, number of failing samples : 0\",g,,true,,"
                            + "1,1,1,1,,1,0,0",
                    "1010,20,child,200,OK,g,text,true,,1,1,1,1,u,1,0,0");

            JtlSummary s = read(f);

            assertThat(value(s, "count()")).isEqualTo(2);
            assertThat(value(s, "max()")).isEqualTo(20);
            assertThat(value(s, "count() where label = \"buy\"")).isEqualTo(1);
        }

        @Test
        void window_keepsOnlySamplesStartingInIt_andSaysSoInTheNote() throws IOException {
            Path f = file("w.jtl", Samples.HEADER,
                    "1000,10,a,200,OK,g,text,true,,1,1,1,1,u,1,0,0",
                    "2000,20,a,200,OK,g,text,true,,1,1,1,1,u,1,0,0",
                    "3000,30,a,200,OK,g,text,true,,1,1,1,1,u,1,0,0");

            JtlSummary s = JtlReader.read(f, JtlReader.Format.AUTO, ReadOptions.defaults(1).withWindow(1500, 3000));

            assertThat(value(s, "count()")).isEqualTo(1);
            assertThat(value(s, "mean()")).isEqualTo(20);
            assertThat(s.note()).isEqualTo("2 of 3 samples started outside the evaluated window and were left out");
        }
    }

    @Nested
    class Threads {
        @ParameterizedTest
        @ValueSource(ints = {2, 3, 7})
        void read_splitAmongThreads_equalsReadingInOneThread(int threads) throws IOException {
            Path f = Samples.write(dir.resolve("big.jtl"), Samples.random(20_000, threads));

            JtlSummary one = read(f);
            JtlSummary many;
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                many = CsvJtlReader.read(ch, f.toString(), ReadOptions.defaults(threads), 4096);
            }

            assertSame(one, many);
        }

        @Test
        void read_cutInsideAQuotedLineBreak_isReadAgainInOrder() throws IOException {
            StringBuilder sb = new StringBuilder(Samples.HEADER).append('\n');
            String longMessage = "\"" + "x,\n".repeat(3000) + "\"";
            for (int i = 0; i < 40; i++) {
                sb.append(1000 + i).append(",").append(i).append(",a,500,E,g,text,false,").append(longMessage)
                        .append(",1,1,1,1,u,1,0,0\n");
            }
            Path f = Files.writeString(dir.resolve("ml.jtl"), sb.toString());

            JtlSummary one = read(f);
            JtlSummary many;
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                many = CsvJtlReader.read(ch, f.toString(), ReadOptions.defaults(4), 4096);
            }

            assertThat(one.rows()).isEqualTo(40);
            assertThat(one.brokenRows()).isZero();
            assertSame(one, many);
        }

        private void assertSame(JtlSummary one, JtlSummary many) {
            assertThat(many.rows()).isEqualTo(one.rows());
            assertThat(many.brokenRows()).isEqualTo(one.brokenRows());
            assertThat(many.lines()).isEqualTo(one.lines());
            assertThat(many.labels()).containsExactlyInAnyOrderElementsOf(one.labels());
            for (String q : List.of("count()", "errors()", "mean()", "p50()", "p99()", "max()", "throughput()")) {
                assertThat(value(many, q)).as(q).isEqualTo(value(one, q));
            }
        }
    }

    @Nested
    class Xml {
        @Test
        void read_xml_countsTopLevelSamplesOnlyAndReadsFailureMessages() throws IOException {
            Path f = file("r.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<testResults version=\"1.2\">",
                    "<httpSample t=\"40\" it=\"0\" lt=\"38\" ct=\"25\" ts=\"1000\" s=\"true\" lb=\"GET /ok\" rc=\"200\""
                            + " rm=\"OK\" tn=\"g 1-1\" dt=\"text\" by=\"1\" sby=\"1\" ng=\"1\" na=\"1\">",
                    "  <httpSample t=\"10\" ts=\"1000\" s=\"true\" lb=\"GET /ok-redirect\" rc=\"200\" rm=\"OK\"/>",
                    "  <java.net.URL>http://127.0.0.1/ok</java.net.URL>",
                    "</httpSample>",
                    "<sample t=\"60\" lt=\"0\" ct=\"0\" ts=\"1010\" s=\"false\" lb=\"flaky, asserted\" rc=\"500\""
                            + " rm=\"Error\">",
                    "  <assertionResult><name>code</name><failure>true</failure><error>false</error>",
                    "    <failureMessage>flaky endpoint, &quot;non-200&quot; status</failureMessage>"
                            + "</assertionResult>",
                    "</sample>",
                    "</testResults>");

            JtlSummary s = JtlReader.read(f, JtlReader.Format.AUTO, ReadOptions.defaults(1).withFailureMessages(3));

            assertThat(s.labels()).containsExactly("GET /ok", "flaky, asserted");
            assertThat(value(s, "count()")).isEqualTo(2);
            assertThat(value(s, "error_rate()")).isEqualTo(50);
            assertThat(value(s, "throughput()")).isEqualTo(2 * 1000.0 / 70);
            assertThat(s.failures()).containsExactly("flaky endpoint, \"non-200\" status");
        }

        @Test
        void read_xmlCutOffAndBadAttributes_countsBrokenRowsAndKeepsTheRest() throws IOException {
            Path f = dir.resolve("cut.xml");
            Files.writeString(f, "<testResults version=\"1.2\">\n"
                    + "<httpSample t=\"40\" lt=\"1\" ct=\"1\" ts=\"1000\" s=\"true\" lb=\"a\"/>\n"
                    + "<httpSample t=\"x\" lt=\"1\" ct=\"1\" ts=\"1001\" s=\"true\" lb=\"a\"/>\n"
                    + "<httpSample t=\"20\" lt=\"1\" ct=\"1\" ts=\"10");

            JtlSummary s = read(f);

            assertThat(s.rows()).isEqualTo(1);
            assertThat(s.brokenRows()).isEqualTo(2);
            assertThat(s.note()).contains("line 3: attribute t (elapsed) is missing or not a whole number")
                    .contains("line 4: the XML ends or breaks here");
        }
    }
}
