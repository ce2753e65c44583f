package dev.qualitygate.kubernetes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResultsLogTest {
    private static final String MARKER = "qualitygate-results-1234";

    @Test
    void parse_printedLog_givesBackTheFileExactly() {
        String file = "a,success\n1,true\n";

        ResultsLog parsed = ResultsLog.parse(ResultsLog.print(MARKER, "summary = 2 in 00:00:01\n", 0, file), MARKER);

        assertThat(parsed).isEqualTo(new ResultsLog(true, 0, file, "summary = 2 in 00:00:01\n"));
    }

    @Test
    void parse_fileWithoutFinalNewline_isKeptWithout() {
        ResultsLog parsed = ResultsLog.parse(ResultsLog.print(MARKER, "", 0, "x,y"), MARKER);

        assertThat(parsed.results()).isEqualTo("x,y");
    }

    @Test
    void parse_commandWroteNoFile_isFoundWithoutResults() {
        ResultsLog parsed = ResultsLog.parse(ResultsLog.print(MARKER, "one\ntwo\nconnection refused\n", 3, null),
                MARKER);

        assertThat(parsed.found()).isTrue();
        assertThat(parsed.exitCode()).isEqualTo(3);
        assertThat(parsed.results()).isNull();
        assertThat(parsed.tail(2)).isEqualTo("two | connection refused");
    }

    @Test
    void parse_answerThatIsNoLog_isNotTakenForResults() {
        String mockTrap = "{\"apiVersion\":\"v1\",\"kind\":\"List\", \"items\": [{\"kind\":\"Pod\"}]}";

        assertThat(ResultsLog.parse(mockTrap, MARKER).found()).isFalse();
    }

    @Test
    void parse_markerOfAnotherRun_isNotFound() {
        String log = ResultsLog.print("qualitygate-results-other", "", 0, "a\n");

        assertThat(ResultsLog.parse(log, MARKER).found()).isFalse();
    }

    @Test
    void parse_truncatedLog_isNotFound() {
        String log = ResultsLog.print(MARKER, "", 0, "a,success\n1,true\n");

        assertThat(ResultsLog.parse(log.substring(0, log.length() - 20), MARKER).found()).isFalse();
    }

    @Test
    void wrapper_printsWhatParseReads() {
        assertThat(ResultsLog.WRAPPER).contains("printf '%s begin %s\\n' \"$QG_MARKER\" \"$rc\"",
                "printf '\\n%s end\\n' \"$QG_MARKER\"", "printf '%s missing\\n' \"$QG_MARKER\"", "exit $rc");
    }
}
