package dev.qualitygate.kubernetes.internal;

import org.jspecify.annotations.Nullable;

/**
 * The results file a load test pod printed to its log between marker lines. The Job's container runs the user's
 * command inside a small shell wrapper that, after the command, prints {@code <marker> begin <exit code>}, the
 * results file, a newline and {@code <marker> end} (or {@code <marker> missing} when there is no file). The marker
 * is random per run, so neither the command's own output nor an answer that is not a log at all (fabric8's mock
 * server returns a JSON list for an unstubbed log) can be taken for results. Internal; not API.
 *
 * @param found whether the begin marker was in the log
 * @param exitCode the command's exit code, or -1 when not found
 * @param results the results file, or {@code null} when the command wrote none or the marker was not found
 * @param output the command's own output before the marker (the whole log when not found)
 */
record ResultsLog(boolean found, int exitCode, @Nullable String results, String output) {

    /** The shell script of the wrapper; the user's command follows as its arguments. */
    static final String WRAPPER = "\"$@\"\n"
            + "rc=$?\n"
            + "printf '%s begin %s\\n' \"$QG_MARKER\" \"$rc\"\n"
            + "if [ -f \"$QG_RESULTS_FILE\" ]; then cat \"$QG_RESULTS_FILE\"; printf '\\n%s end\\n' \"$QG_MARKER\"; "
            + "else printf '%s missing\\n' \"$QG_MARKER\"; fi\n"
            + "exit $rc\n";

    /** What the wrapper prints after a command; tests of fake clusters write logs with it. */
    static String print(String marker, String output, int exitCode, @Nullable String results) {
        return output + marker + " begin " + exitCode + "\n"
                + (results == null ? marker + " missing\n" : results + "\n" + marker + " end\n");
    }

    static ResultsLog parse(String log, String marker) {
        String begin = marker + " begin ";
        int at = log.startsWith(begin) ? 0 : log.indexOf("\n" + begin);
        if (at < 0) {
            return new ResultsLog(false, -1, null, log);
        }
        int lineStart = at == 0 ? 0 : at + 1;
        String output = log.substring(0, lineStart);
        int lineEnd = log.indexOf('\n', lineStart);
        if (lineEnd < 0) {
            return new ResultsLog(false, -1, null, log);
        }
        int exitCode;
        try {
            exitCode = Integer.parseInt(log.substring(lineStart + begin.length(), lineEnd).trim());
        } catch (NumberFormatException e) {
            return new ResultsLog(false, -1, null, log);
        }
        String rest = log.substring(lineEnd + 1);
        if (rest.startsWith(marker + " missing")) {
            return new ResultsLog(true, exitCode, null, output);
        }
        int end = rest.lastIndexOf("\n" + marker + " end");
        if (end < 0) {
            return new ResultsLog(false, exitCode, null, output);
        }
        return new ResultsLog(true, exitCode, rest.substring(0, end), output);
    }

    /** The last lines of the command's output, for failure messages. */
    String tail(int lines) {
        String[] all = output.strip().split("\n");
        int from = Math.max(0, all.length - lines);
        return String.join(" | ", java.util.Arrays.copyOfRange(all, from, all.length));
    }
}
