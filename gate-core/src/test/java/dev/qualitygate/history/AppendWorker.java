package dev.qualitygate.history;

import dev.qualitygate.error.StoreException;
import dev.qualitygate.model.Verdict;
import dev.qualitygate.report.EvaluationJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The main class of the child JVMs in {@link FileEvaluationStoreProcessTest}: appends results to one history of a
 * {@link FileEvaluationStore} and reports on standard output.
 *
 * <p>Arguments: {@code directory project stage service idPrefix count messageBytes waitForGo}, where a negative
 * count appends until killed. Prints {@code READY} once set up (then, if {@code waitForGo} is {@code true}, waits for
 * a line on standard input), {@code OK <id>;} each time an append has returned, {@code DONE} at the end, and
 * {@code FAILED <id>;} and exits with status 2 when an append throws {@link StoreException}.
 */
final class AppendWorker {
    static final int FAILED_STATUS = 2;

    private AppendWorker() {
    }

    /** The command that runs this worker in a {@link ChildJvm}. */
    static List<String> command(Path directory, HistoryKey key, String idPrefix, long count, int messageBytes,
            boolean waitForGo) {
        return ChildJvm.javaCommand(AppendWorker.class, List.of(directory.toString(), key.project(), key.stage(),
                key.service(), idPrefix, Long.toString(count), Integer.toString(messageBytes),
                Boolean.toString(waitForGo)));
    }

    /** The ids whose append had returned, in order, from a worker's {@code OK <id>;} lines. */
    static List<String> confirmed(List<String> lines) {
        return lines.stream().filter(AppendWorker::isConfirmation).map(l -> l.substring(3, l.length() - 1)).toList();
    }

    /** A worker's lines other than confirmations. */
    static List<String> otherLines(List<String> lines) {
        return lines.stream().filter(l -> !isConfirmation(l)).toList();
    }

    private static boolean isConfirmation(String line) {
        return line.startsWith("OK ") && line.endsWith(";");
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        FileEvaluationStore store = new FileEvaluationStore(Path.of(args[0]));
        HistoryKey key = new HistoryKey(args[1], args[2], args[3]);
        String prefix = args[4];
        long count = Long.parseLong(args[5]);
        String message = "m".repeat(Integer.parseInt(args[6]));
        EvaluationJson.write(SampleResults.result(key, prefix, Verdict.PASS, message)); // load the classes
        out.println("READY");
        if (Boolean.parseBoolean(args[7])) {
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        for (long i = 0; count < 0 || i < count; i++) {
            String id = prefix + i;
            try {
                store.append(SampleResults.result(key, id, Verdict.values()[(int) (i % 3)], message));
            } catch (StoreException e) {
                e.printStackTrace();
                out.println("FAILED " + id + ";");
                System.exit(FAILED_STATUS);
            }
            out.println("OK " + id + ";");
        }
        out.println("DONE");
    }
}
