package dev.qualitygate.jmeter.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Random files whose every field may be quoted, with delimiters, quotes and line breaks inside, read by threads. */
class CsvJtlReaderPropertiesTest {
    private static final String[] PIECES = {"a", "GET /x", ",", "\"", "\n", "\r\n", " ", "ü", "12", "true"};

    @TempDir
    Path dir;

    private static String field(Random r) {
        StringBuilder sb = new StringBuilder();
        for (int i = r.nextInt(6); i > 0; i--) {
            sb.append(PIECES[r.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }

    private static String quote(String f, Random r) {
        boolean must = f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r");
        return must || r.nextInt(4) == 0 ? "\"" + f.replace("\"", "\"\"") + "\"" : f;
    }

    @Test
    void read_anyQuotingAndAnyNumberOfThreads_countsLikeANaiveReader() {
        qt().withExamples(60).forAll(longs().all(), integers().between(1, 5), integers().between(1, 300))
                .checkAssert((seed, threads, rows) -> {
                    Random r = new Random(seed);
                    StringBuilder file = new StringBuilder(Samples.HEADER).append('\n');
                    Map<String, long[]> expected = new LinkedHashMap<>();
                    for (int i = 0; i < rows; i++) {
                        String label = field(r);
                        long elapsed = r.nextInt(5000);
                        boolean ok = r.nextBoolean();
                        StringBuilder row = new StringBuilder();
                        row.append(1000 + i).append(',').append(elapsed).append(',').append(quote(label, r));
                        row.append(',').append(quote(field(r), r)).append(',').append(quote("OK" + field(r), r));
                        row.append(',').append(quote(field(r), r)).append(',').append(quote(field(r), r));
                        row.append(',').append(ok);
                        for (int c = 0; c < 9; c++) {
                            row.append(',').append(quote(field(r), r));
                        }
                        file.append(row).append(r.nextInt(5) == 0 ? "\r\n" : "\n");
                        long[] e = expected.computeIfAbsent(label, k -> new long[3]);
                        e[0]++;
                        e[1] += elapsed;
                        e[2] += ok ? 0 : 1;
                    }
                    JtlSummary s = read(file.toString(), threads);
                    assertThat(s.brokenRows()).as("broken rows: %s", s.note()).isZero();
                    assertThat(s.rows()).isEqualTo((long) rows);
                    assertThat(s.labels()).containsExactlyInAnyOrderElementsOf(expected.keySet());
                    expected.forEach((label, e) -> {
                        GroupStats g = s.select(label::equals, null, Field.ELAPSED);
                        assertThat(new long[] {g.count, g.sum[0], s.errors(label::equals)}).as(label)
                                .containsExactly(e);
                    });
                });
    }

    private JtlSummary read(String content, int threads) {
        try {
            Path f = Files.writeString(dir.resolve("p.jtl"), content);
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                return CsvJtlReader.read(ch, f.toString(), ReadOptions.defaults(threads), 512);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
