package dev.qualitygate.jmeter.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Reads a JMeter results file (JTL) into a {@link JtlSummary} in one pass: CSV or XML, told apart by the first
 * character that is not white space ({@code <} means XML) unless the format is given. Thread-safe (stateless).
 * Internal; not API.
 */
public final class JtlReader {
    /** How the file is written. */
    public enum Format {
        /** Tell from the content. */
        AUTO,
        /** Comma (or other delimiter) separated values. */
        CSV,
        /** JMeter's XML. */
        XML;

        /** Reads {@code auto}, {@code csv} or {@code xml}, in any case. */
        public static Format of(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    private JtlReader() {
    }

    /**
     * Reads a file.
     *
     * @param file the JTL
     * @param format how it is written
     * @param options what to collect
     * @return the summary
     * @throws JtlException if the file cannot be read, or has no column every sample needs
     */
    public static JtlSummary read(Path file, Format format, ReadOptions options) {
        String name = file.toString();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Format f = format == Format.AUTO ? detect(channel) : format;
            if (f == Format.XML) {
                InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
                return XmlJtlReader.read(in, name, options);
            }
            return CsvJtlReader.read(channel, name, options);
        } catch (NoSuchFileException e) {
            throw new JtlException("results file " + name + " does not exist", e);
        } catch (IOException e) {
            throw new JtlException("cannot read results file " + name + ": " + e, e);
        }
    }

    private static Format detect(FileChannel channel) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(512);
        channel.read(head, 0);
        head.flip();
        while (head.hasRemaining()) {
            int c = head.get() & 0xff;
            if (c == '<') {
                return Format.XML;
            }
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != 0xEF && c != 0xBB && c != 0xBF) {
                return Format.CSV;
            }
        }
        return Format.CSV;
    }
}
