package dev.qualitygate.history;

import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.report.EvaluationJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Reads a store file forwards, the naive way, to check what the store wrote. */
final class JsonLines {
    private JsonLines() {
    }

    /** The complete lines, without the bytes after the last newline. */
    static List<String> completeLines(Path file) throws IOException {
        return completeLines(file, 0);
    }

    /** The complete lines from a byte offset on (the start of a line), without the bytes after the last newline. */
    static List<String> completeLines(Path file, long from) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length - (int) trailingBytes(bytes);
        if (end <= from) {
            return List.of();
        }
        String text = new String(bytes, (int) from, end - 1 - (int) from, StandardCharsets.UTF_8);
        return Arrays.asList(text.split("\n", -1));
    }

    /** How many bytes follow the last newline. */
    static long trailingBytes(Path file) throws IOException {
        return trailingBytes(Files.readAllBytes(file));
    }

    private static long trailingBytes(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        return bytes.length - end;
    }

    /** How many complete lines are not evaluation results. */
    static long corruptLines(Path file) throws IOException {
        return corruptLines(file, 0);
    }

    /** How many complete lines from a byte offset on (the start of a line) are not evaluation results. */
    static long corruptLines(Path file, long from) throws IOException {
        return completeLines(file, from).stream().filter(line -> !parses(line)).count();
    }

    private static boolean parses(String line) {
        try {
            EvaluationJson.read(line, "line");
            return true;
        } catch (GateConfigException | IllegalArgumentException e) {
            return false;
        }
    }
}
