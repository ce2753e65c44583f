package dev.qualitygate.cli;

import static dev.qualitygate.cli.GateRun.gate;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gate evaluate} with the jmeter metric source of gate-jmeter, configured in gate.yaml. */
class EvaluateJMeterSourceTest {
    @TempDir
    Path tmp;

    private GateRun evaluate(String sli) throws IOException {
        Files.writeString(tmp.resolve("results.jtl"), String.join("\n",
                "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,failureMessage,"
                        + "bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect",
                "1795663000000,120,GET /api/items,200,OK,g 1-1,text,true,,10,10,1,1,http://x/api/items,100,0,1",
                "1795663000100,480,GET /api/items,200,OK,g 1-1,text,true,,10,10,1,1,http://x/api/items,400,0,1",
                "1795663000200,90,\"POST /api/cart, v2\",500,Internal Server Error,g 1-1,text,false,,10,10,1,1,"
                        + "http://x/api/cart,80,0,1",
                "1795663000300,not-a-number,GET /api/items,200,OK,g 1-1,text,true,,10,10,1,1,http://x,1,0,1",
                ""));
        Path config = Files.writeString(tmp.resolve("gate.yaml"), "sources:\n  jmeter:\n    file: "
                + tmp.resolve("results.jtl") + "\n");
        Path sliFile = Files.writeString(tmp.resolve("sli.yaml"), sli);
        Path slo = Files.writeString(tmp.resolve("slo.yaml"), String.join("\n",
                "objectives:",
                "  - sli: response_time_p95",
                "    pass: [{criteria: [\"<=500\"]}]",
                "  - sli: error_rate",
                "    pass: [{criteria: [\"<=1\"]}]",
                "total_score: {pass: \"90%\", warning: \"75%\"}",
                ""));
        return gate("evaluate", "--slo", slo.toString(), "--sli", sliFile.toString(), "--config", config.toString(),
                "--from", "2026-11-26T10:00:00Z", "--to", "2026-11-26T10:05:00Z");
    }

    @Test
    void evaluate_jmeterSource_scoresTheSlisOfTheResultsFileAndNotesTheBrokenRow() throws IOException {
        GateRun run = evaluate("indicators:\n  response_time_p95: p95(elapsed) where label ~ \"GET .*\"\n"
                + "  error_rate: error_rate()\n");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        String note = "1 row of " + tmp.resolve("results.jtl") + " could not be read and was left out: line 5:"
                + " elapsed is not a whole number of milliseconds";
        assertThat(run.outLines()).contains(
                "PASS     response_time_p95 = 480 (" + note + ") → pass, score 1 of 1: pass <=500 met",
                "FAIL     error_rate = 33.333333333333336 (" + note + ") → fail, score 0 of 1: pass <=1 violated");
    }

    @Test
    void evaluate_invalidJMeterQuery_isALocatedErrorExitTwo() throws IOException {
        GateRun run = evaluate("indicators:\n  response_time_p95: p95(elapsed) wher label = \"x\"\n"
                + "  error_rate: error_rate()\n");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(tmp.resolve("sli.yaml") + ":2:35: indicators.response_time_p95: query column"
                + " 14: expected 'where' or the end of the query, found 'wher label = \"x\"'");
        run.hasNoStackTrace();
    }
}
