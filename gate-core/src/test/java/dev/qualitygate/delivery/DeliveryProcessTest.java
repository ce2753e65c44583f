package dev.qualitygate.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.qualitygate.history.EventLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A run started in one JVM, which exits while the run waits for approval, and approved from a second JVM. */
class DeliveryProcessTest {
    @TempDir
    Path dir;

    private List<String> runChild(String... args) throws IOException, InterruptedException {
        Path log = dir.resolve("child-" + System.nanoTime() + ".log");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                DeliveryWorker.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("the child did not end within 60 s: " + Files.readString(log));
        }
        assertThat(process.exitValue()).as("exit status; its standard error: %s", Files.readString(log)).isZero();
        return new String(output, StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void approve_fromASecondJvmAfterTheFirstExited_continuesTheRun() throws Exception {
        Path store = dir.resolve("store");

        List<String> first = runChild("start", store.toString());

        assertThat(first.get(0)).startsWith("STATE WAITING WARNING ");
        String runId = first.get(0).substring("STATE WAITING WARNING ".length());
        assertThat(first).contains("DID deploy staging blue_green_service carts-3.jar")
                .noneMatch(l -> l.contains("production"));

        List<String> second = runChild("approve", store.toString(), runId);

        assertThat(second).containsExactly("STATE FINISHED WARNING " + runId,
                "DID deploy production direct carts-3.jar", "DID release production direct");
        try (EventLog log = EventLog.files(store)) {
            RunSummary run = DeliveryRunner.status(log, runId).orElseThrow();
            assertThat(run.state()).isEqualTo(RunState.FINISHED);
            assertThat(run.sequences()).extracting(s -> s.stage() + " " + s.result())
                    .containsExactly("dev PASS", "staging WARNING", "production PASS");
            assertThat(DeliveryRunner.events(log, runId)).filteredOn(e -> e.type().endsWith("approval.finished"))
                    .singleElement().satisfies(e -> assertThat(e.message())
                            .isEqualTo("approved: approved by the second process"));
        }
    }
}
