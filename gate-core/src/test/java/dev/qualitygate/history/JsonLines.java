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
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : Arrays.asList(text.substring(0, end).split("\n", -1));
    }

    /** How many bytes follow the last newline. */
    static long trailingBytes(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        return bytes.length - end;
    }

    /** How many complete lines are not evaluation results. */
    static long corruptLines(Path file) throws IOException {
        return completeLines(file).stream().filter(line -> !parses(line)).count();
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
