package dev.qualitygate.cli;

import static dev.qualitygate.cli.GateRun.gate;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Runs the bundled demo; it needs a working file store ({@code EvaluationStore.files}). */
class DemoCommandTest {

    @Test
    void demo_runs_buildOnePassesBuildTwoFailsWithItsReason() {
        GateRun run = gate("demo");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).contains(
                "== Build 1 (values from demo/build-1.yaml) ==",
                "== Build 2 (values from demo/build-2.yaml) ==",
                "RESULT   PASS, score 100",
                "RESULT   FAIL, score 66.67",
                "Why build 2 failed:");
        assertThat(run.out()).contains("Build 1 passed with a score of 100.")
                .contains("Build 2 failed with a score of 66.67.")
                .contains("  response_time_p95 = 468 → warning, score 1 of 2: pass <=+10% violated"
                        + " (target 453.2 from baseline 412), <600 met; warning <=800 met")
                .contains("  Evaluation failed since the calculated score of 66.66666666666666 is below the warning"
                        + " value of 75");
    }

    @Test
    void demo_leavesNoTemporaryDirectoryBehind() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before = demoDirectories(tmp);

        gate("demo");

        assertThat(demoDirectories(tmp)).isEqualTo(before);
    }

    @Test
    void demo_help_describesTheStory() {
        GateRun run = gate("demo", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: gate demo").contains("regressed by more than 10%");
    }

    private static long demoDirectories(Path tmp) throws IOException {
        try (Stream<Path> entries = Files.list(tmp)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("qualitygate-demo-")).count();
        }
    }
}
