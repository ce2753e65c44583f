package dev.qualitygate.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The file event log: conditional appends, corrupt and torn lines, run listing, and the in-memory log alike. */
class FileEventLogTest {
    @TempDir
    Path dir;

    static LoggedEvent event(String run, int sequence) {
        String id = run + "-" + sequence;
        String time = Instant.parse("2026-11-26T10:00:00Z").plusSeconds(sequence).toString();
        return new LoggedEvent(run, sequence, id, "sh.keptn.event.test.finished", Instant.parse(time),
                "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"type\":\"sh.keptn.event.test.finished\",\"time\":\""
                        + time + "\",\"shkeptncontext\":\"" + run + "\",\"data\":{}}");
    }

    @Test
    void append_inOrder_readsBackEveryEvent() {
        FileEventLog log = new FileEventLog(dir);

        assertThat(log.append(event("r1", 0))).isTrue();
        assertThat(log.append(event("r1", 1))).isTrue();

        assertThat(log.events("r1")).containsExactly(event("r1", 0), event("r1", 1));
        assertThat(log.fileOf("r1")).isEqualTo(dir.resolve("@runs").resolve("r1.jsonl"));
        assertThat(log.events("r2")).isEmpty();
    }

    @Test
    void append_wrongSequence_writesNothingAndSaysSo() {
        for (EventLog log : List.of(new FileEventLog(dir), EventLog.inMemory())) {
            assertThat(log.append(event("r1", 1))).as("%s", log).isFalse();
            assertThat(log.append(event("r1", 0))).isTrue();
            assertThat(log.append(event("r1", 0))).isFalse();

            assertThat(log.events("r1")).extracting(LoggedEvent::sequence).containsExactly(0);
        }
    }

    @Test
    void append_afterATornLine_terminatesItAndSkipsIt() throws IOException {
        FileEventLog log = new FileEventLog(dir);
        log.append(event("r1", 0));
        Files.writeString(log.fileOf("r1"), "{\"specversion\":\"1.0\",\"id\":\"torn", StandardOpenOption.APPEND);

        assertThat(log.events("r1")).hasSize(1);
        assertThat(log.append(event("r1", 1))).isTrue();

        assertThat(log.events("r1")).extracting(LoggedEvent::id).containsExactly("r1-0", "r1-1");
        assertThat(Files.readAllLines(log.fileOf("r1"))).hasSize(3);
    }

    @Test
    void events_corruptOrForeignLines_areSkipped() throws IOException {
        FileEventLog log = new FileEventLog(dir);
        log.append(event("r1", 0));
        Files.writeString(log.fileOf("r1"), "not json\n" + event("other", 0).json() + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        assertThat(log.events("r1")).extracting(LoggedEvent::id).containsExactly("r1-0");
        assertThat(log.append(event("r1", 1))).isTrue();
    }

    @Test
    void runs_newestActivityFirst() throws IOException {
        FileEventLog log = new FileEventLog(dir);
        log.append(event("old", 0));
        log.append(event("new", 0));
        Files.setLastModifiedTime(log.fileOf("old"), FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));

        assertThat(log.runs(10)).containsExactly("new", "old");
        assertThat(log.runs(1)).containsExactly("new");
        assertThat(new FileEventLog(dir.resolve("missing")).runs(5)).isEmpty();
        EventLog memory = EventLog.inMemory();
        memory.append(event("a", 0));
        memory.append(event("b", 0));
        memory.append(event("a", 1));
        assertThat(memory.runs(10)).containsExactly("a", "b");
    }

    @Test
    void fileOf_invalidRunId_isRefused() {
        FileEventLog log = new FileEventLog(dir);

        assertThatThrownBy(() -> log.events("../x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a run id: '../x'");
        assertThat(EventLog.isValidRunId("3f2a-b_c.d")).isTrue();
        assertThat(EventLog.isValidRunId("")).isFalse();
        assertThat(EventLog.isValidRunId(".hidden")).isFalse();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void append_manyThreadsRacingForEachPosition_exactlyOneWinsEach() throws Exception {
        FileEventLog log = new FileEventLog(dir);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int seq = 0; seq < 25; seq++) {
                int s = seq;
                List<Future<Boolean>> tries = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    tries.add(pool.submit(() -> new FileEventLog(dir).append(event("race", s))));
                }
                int won = 0;
                for (Future<Boolean> f : tries) {
                    won += f.get() ? 1 : 0;
                }
                assertThat(won).as("winners at position %d", s).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(log.events("race")).extracting(LoggedEvent::sequence)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 25).boxed().toList());
    }
}
