package dev.qualitygate.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The file event log with a real child JVM killed with SIGKILL while it appends. */
class FileEventLogProcessTest {
    @TempDir
    Path dir;

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void append_writerKilledMidAppend_keepsEveryConfirmedEventAndTheNextAppendContinuesTheRun() throws Exception {
        FileEventLog log = new FileEventLog(dir);
        Path file = log.fileOf("killed");
        int confirmedTotal = 0;
        for (int round = 0; round < 3; round++) {
            List<Integer> confirmed = new CopyOnWriteArrayList<>();
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Xmx256m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    EventAppendWorker.class.getName(), dir.toString(), "killed", "1000000")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (line.startsWith("OK ") && line.endsWith(";")) {
                            confirmed.add(Integer.parseInt(line.substring(3, line.length() - 1)));
                        }
                    }
                } catch (IOException e) {
                    // the child was killed; what it confirmed is in the list
                }
            });
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (confirmed.size() < 2 && System.nanoTime() < deadline && child.isAlive()) {
                Thread.sleep(1);
            }
            awaitLineBeingWritten(file, deadline);
            child.destroyForcibly();
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
            reader.join(20_000);
            assertThat(confirmed).as("appends confirmed in round %d", round).hasSizeGreaterThanOrEqualTo(2);
            confirmedTotal += confirmed.size();

            List<LoggedEvent> events = log.events("killed");
            assertThat(events.size()).isGreaterThanOrEqualTo(confirmedTotal);
            assertThat(events).extracting(LoggedEvent::sequence)
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, events.size()).boxed().toList());
            assertThat(events.stream().map(LoggedEvent::sequence).toList()).containsAll(confirmed);
            confirmedTotal = events.size();
        }
        LoggedEvent next = FileEventLogTest.event("killed", confirmedTotal);
        assertThat(log.append(next)).isTrue();
        assertThat(log.events("killed")).last().isEqualTo(next);
    }

    /** Spins until the file ends in part of a line (a writer is in the middle of one), or the deadline. */
    private static void awaitLineBeingWritten(Path file, long deadline) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (System.nanoTime() < deadline) {
                long size = channel.size();
                if (size > 0 && channel.read(last.clear(), size - 1) == 1 && last.get(0) != '\n') {
                    return;
                }
            }
        }
    }
}
