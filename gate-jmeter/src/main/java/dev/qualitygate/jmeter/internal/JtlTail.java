package dev.qualitygate.jmeter.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * Follows a CSV JTL while JMeter writes it, counting the complete rows appended since the last look and the failed
 * ones among them; for progress reports. Not thread-safe. Internal; not API.
 */
final class JtlTail {
    private final Path file;
    private final Aggregator counts;
    private CsvRowParser parser;
    private byte[] buf = new byte[1 << 16];
    private int fill;
    private long position;

    JtlTail(Path file) {
        this.file = file;
        this.counts = new Aggregator(ReadOptions.defaults(1), new boolean[Field.values().length]);
    }

    /** Samples read so far. */
    long samples() {
        return counts.rows;
    }

    /** Failed samples read so far. */
    long failed() {
        return counts.failedRows;
    }

    /** Reads what was appended since the last call. */
    void poll() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (true) {
                if (fill == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                int n = ch.read(ByteBuffer.wrap(buf, fill, buf.length - fill), position + fill);
                if (n > 0) {
                    fill += n;
                }
                if (parser == null) {
                    consume(header());
                }
                if (parser != null) {
                    consume(parser.parse(buf, fill, false, position, Long.MAX_VALUE));
                }
                if (n <= 0) {
                    return;
                }
            }
        }
    }

    private void consume(int bytes) {
        System.arraycopy(buf, bytes, buf, 0, fill - bytes);
        position += bytes;
        fill -= bytes;
    }

    private int header() {
        for (int i = 0; i < fill; i++) {
            if (buf[i] == '\n') {
                List<String> names = List.of(new String(buf, 0, i, StandardCharsets.UTF_8).strip().split(","));
                byte[] roles = new byte[names.size()];
                for (int c = 0; c < roles.length; c++) {
                    switch (names.get(c)) {
                        case "timeStamp":
                            roles[c] = CsvRowParser.TIMESTAMP;
                            break;
                        case "elapsed":
                            roles[c] = CsvRowParser.ELAPSED;
                            break;
                        case "label":
                            roles[c] = CsvRowParser.LABEL;
                            break;
                        case "success":
                            roles[c] = CsvRowParser.SUCCESS;
                            break;
                        default:
                            roles[c] = CsvRowParser.SKIP;
                            break;
                    }
                }
                parser = new CsvRowParser(roles, (byte) ',', counts, null);
                return i + 1;
            }
        }
        return 0;
    }
}
