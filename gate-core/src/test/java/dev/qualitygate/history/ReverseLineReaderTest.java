package dev.qualitygate.history;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReverseLineReaderTest {
    @TempDir
    Path dir;

    private List<ReverseLineReader.Line> readAll(String content, int chunkSize) throws IOException {
        Path file = dir.resolve("lines.jsonl");
        Files.writeString(file, content, UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ReverseLineReader reader = new ReverseLineReader(channel, chunkSize);
            List<ReverseLineReader.Line> lines = new ArrayList<>();
            for (ReverseLineReader.Line line = reader.previous(); line != null; line = reader.previous()) {
                lines.add(line);
            }
            return lines;
        }
    }

    private static long trailingBytes(Path file, int chunkSize) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return new ReverseLineReader(channel, chunkSize).trailingBytes();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 8, 13, 64, 1024})
    void previous_anyChunkSize_returnsEveryLineNewestFirstWithItsOffset(int chunkSize) throws IOException {
        String content = "first\n\nüber 日本 line\n" + "x".repeat(100) + "\nlast\nunterminated";

        List<ReverseLineReader.Line> lines = readAll(content, chunkSize);

        assertThat(lines).containsExactly(
                new ReverseLineReader.Line(126, "last"),
                new ReverseLineReader.Line(25, "x".repeat(100)),
                new ReverseLineReader.Line(7, "über 日本 line"),
                new ReverseLineReader.Line(6, ""),
                new ReverseLineReader.Line(0, "first"));
    }

    @Test
    void previous_fileStartingWithNewline_returnsTheEmptyFirstLine() throws IOException {
        assertThat(readAll("\na\n", 2)).containsExactly(
                new ReverseLineReader.Line(1, "a"),
                new ReverseLineReader.Line(0, ""));
    }

    @Test
    void previous_noNewlineAtAll_returnsNothing() throws IOException {
        assertThat(readAll("no newline here", 4)).isEmpty();
        assertThat(readAll("", 4)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 64})
    void trailingBytes_variousEndings_countsBytesAfterTheLastNewline(int chunkSize) throws IOException {
        Path file = dir.resolve("t.jsonl");
        Files.writeString(file, "a\nbc\n", UTF_8);
        assertThat(trailingBytes(file, chunkSize)).isZero();
        Files.writeString(file, "a\nbc\nd€", UTF_8);
        assertThat(trailingBytes(file, chunkSize)).isEqualTo(4);
        Files.writeString(file, "abc", UTF_8);
        assertThat(trailingBytes(file, chunkSize)).isEqualTo(3);
        Files.writeString(file, "", UTF_8);
        assertThat(trailingBytes(file, chunkSize)).isZero();
    }

    @Test
    void previous_fileCutShorterWhileReading_throwsEof() throws IOException {
        Path file = dir.resolve("shrinking.jsonl");
        Files.writeString(file, "aaaa\nbbbb\ncccc\n", UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ReverseLineReader reader = new ReverseLineReader(channel, 4);
            channel.truncate(5);

            assertThatThrownBy(reader::previous).isInstanceOf(EOFException.class);
        }
    }

    @Test
    void constructor_chunkSizeBelowOne_throwsIllegalArgument() throws IOException {
        Path file = Files.writeString(dir.resolve("x.jsonl"), "a\n", UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            assertThatThrownBy(() -> new ReverseLineReader(channel, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("chunkSize must be >= 1, was 0");
        }
    }
}
