package dev.qualitygate.history;

import static dev.qualitygate.history.SampleResults.CARTS;
import static dev.qualitygate.history.SampleResults.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.ResultFilter;
import dev.qualitygate.model.Verdict;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store with real child JVMs running {@link AppendWorker}: killed with SIGKILL in the middle of appends,
 * appending at once, hitting a file size limit, and appending while this JVM reads and writes the same file.
 */
class FileEvaluationStoreProcessTest {
    private static final Logger log = LoggerFactory.getLogger(FileEvaluationStoreProcessTest.class);
    private static final Duration STARTUP = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private List<String> readableIds(FileEvaluationStore store) {
        return store.recent(CARTS, ResultFilter.ALL, 1_000_000).stream().map(EvaluationResult::id).toList();
    }

    /**
     * Spins until the file ends in part of a line, that is, until a writer is in the middle of writing one, or the
     * timeout has passed. A write becomes visible page by page; with lines of a megabyte a kill sent right then
     * mostly lands before the write ends (with a few hundred kilobytes, mostly after).
     */
    private static void awaitLineBeingWritten(Path file, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteBuffer last = ByteBuffer.allocate(1);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (System.nanoTime() < deadline) {
                long size = channel.size();
                if (channel.read(last.clear(), size - 1) == 1 && last.get(0) != '\n') {
                    return;
                }
            }
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void append_workerKilledWhileAppending_keepsEveryConfirmedResult() throws Exception {
        FileEvaluationStore store = new FileEvaluationStore(dir.resolve("history"));
        Path file = store.fileOf(CARTS);
        List<String> confirmed = new ArrayList<>();
        int kills = 5;
        int tornByKill = 0;
        for (int kill = 1; kill <= kills; kill++) {
            long roundStart = Files.exists(file) ? Files.size(file) : 0;
            List<String> confirmedNow;
            try (ChildJvm worker = ChildJvm.start(
                    AppendWorker.command(dir.resolve("history"), CARTS, "k" + kill + "-", -1, 1_000_000, false),
                    dir.resolve("worker-" + kill + ".log"))) {
                worker.await(lines -> AppendWorker.confirmed(lines).size() >= 2, "2 confirmed appends", STARTUP);
                if (kill % 3 != 0) {
                    awaitLineBeingWritten(file, Duration.ofSeconds(3));
                } else {
                    Thread.sleep(ThreadLocalRandom.current().nextInt(20));
                }
                worker.kill();
                confirmedNow = AppendWorker.confirmed(worker.lines());
            }
            confirmed.addAll(confirmedNow);
            boolean torn = JsonLines.trailingBytes(file) > 0;
            if (torn) {
                tornByKill++;
            }

            int linesNow = JsonLines.completeLines(file, roundStart).size();
            List<String> readableNow = store.recent(CARTS, ResultFilter.ALL, linesNow).stream()
                    .map(EvaluationResult::id).toList();
            Set<String> confirmedSet = new HashSet<>(confirmedNow);
            assertThat(readableNow.stream().filter(confirmedSet::contains)).containsExactlyElementsOf(confirmedNow);

            EvaluationResult after = result(CARTS, "after-kill-" + kill, Verdict.PASS);
            store.append(after);
            assertThat(store.recent(CARTS, ResultFilter.ALL, 1)).containsExactly(after);
            assertThat(JsonLines.trailingBytes(file)).isZero();
            assertThat(JsonLines.corruptLines(file, roundStart)).as("corrupt lines left by kill %d", kill)
                    .isBetween(0L, torn ? 1L : 0L);
        }

        List<String> readable = readableIds(store);
        assertThat(readable).doesNotHaveDuplicates();
        Set<String> confirmedSet = new HashSet<>(confirmed);
        assertThat(readable.stream().filter(confirmedSet::contains)).containsExactlyElementsOf(confirmed);
        assertThat(JsonLines.corruptLines(file)).isLessThanOrEqualTo(tornByKill);
        log.info("{} of {} kills landed in the middle of writing a line", tornByKill, kills);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void append_fourProcessesAtOnce_keepsEveryLineWhole() throws Exception {
        FileEvaluationStore store = new FileEvaluationStore(dir.resolve("history"));
        int processes = 4;
        int perProcess = 200;
        List<ChildJvm> workers = new ArrayList<>();
        try {
            for (int w = 0; w < processes; w++) {
                workers.add(ChildJvm.start(AppendWorker.command(dir.resolve("history"), CARTS, "w" + w + "-",
                        perProcess, 2_000 + 3_000 * w, true), dir.resolve("worker-" + w + ".log")));
            }
            for (ChildJvm worker : workers) {
                worker.awaitLine("READY", STARTUP);
            }
            for (ChildJvm worker : workers) {
                worker.send("go");
            }
            for (ChildJvm worker : workers) {
                assertThat(worker.awaitExit(Duration.ofSeconds(60))).isZero();
                assertThat(AppendWorker.otherLines(worker.lines())).endsWith("DONE");
            }
        } finally {
            for (ChildJvm worker : workers) {
                worker.close();
            }
        }

        Path file = store.fileOf(CARTS);
        assertThat(JsonLines.trailingBytes(file)).isZero();
        assertThat(JsonLines.completeLines(file)).hasSize(processes * perProcess);
        List<String> readable = readableIds(store);
        assertThat(readable).as("one result per line, so no line is corrupt").hasSize(processes * perProcess)
                .doesNotHaveDuplicates();
        for (ChildJvm worker : workers) {
            List<String> confirmed = AppendWorker.confirmed(worker.lines());
            assertThat(confirmed).hasSize(perProcess);
            Set<String> mine = new HashSet<>(confirmed);
            assertThat(readable.stream().filter(mine::contains)).containsExactlyElementsOf(confirmed);
        }
        long switches = 0;
        for (int i = 1; i < readable.size(); i++) {
            if (!readable.get(i).regionMatches(0, readable.get(i - 1), 0, 3)) {
                switches++;
            }
        }
        assertThat(switches).as("how often the processes' lines alternate in the file").isPositive();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void append_fileSizeLimitReached_throwsAndLeavesNoPartOfTheLine() throws Exception {
        // ulimit -f makes writes past the limit fail (EFBIG), as a full disk does (ENOSPC), partway through a line.
        FileEvaluationStore store = new FileEvaluationStore(dir.resolve("history"));
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "ulimit -f 4096 && exec \"$@\"", "sh"));
        command.addAll(AppendWorker.command(dir.resolve("history"), CARTS, "f-", -1, 300_000, false));
        List<String> confirmed;
        try (ChildJvm worker = ChildJvm.start(command, dir.resolve("worker.log"))) {
            assertThat(worker.awaitExit(STARTUP)).isEqualTo(AppendWorker.FAILED_STATUS);
            confirmed = AppendWorker.confirmed(worker.lines());
            assertThat(AppendWorker.otherLines(worker.lines())).contains("FAILED f-" + confirmed.size() + ";");
            assertThat(Files.readString(dir.resolve("worker.log")))
                    .contains("StoreException: Could not append evaluation 'f-" + confirmed.size() + "' to "
                            + store.fileOf(CARTS));
        }

        Path file = store.fileOf(CARTS);
        assertThat(confirmed).isNotEmpty();
        assertThat(JsonLines.trailingBytes(file)).isZero();
        assertThat(JsonLines.completeLines(file)).hasSize(confirmed.size());
        assertThat(JsonLines.corruptLines(file)).isZero();
        assertThat(readableIds(store)).containsExactlyElementsOf(confirmed);
        EvaluationResult after = result(CARTS, "after-limit", Verdict.PASS);
        store.append(after);
        assertThat(store.recent(CARTS, ResultFilter.ALL, 1)).containsExactly(after);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void append_readsInThisJvmWhileAnotherProcessAppends_keepsEveryLineWhole() throws Exception {
        // With POSIX locks, a reader closing its channel would drop the file lock of an append in this JVM.
        FileEvaluationStore store = new FileEvaluationStore(dir.resolve("history"));
        int perWriter = 150;
        String message = "r".repeat(200_000);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (ChildJvm worker = ChildJvm.start(AppendWorker.command(dir.resolve("history"), CARTS, "child-",
                perWriter, message.length(), true), dir.resolve("worker.log"))) {
            worker.awaitLine("READY", STARTUP);
            AtomicBoolean writing = new AtomicBoolean(true);
            Future<?> reader = pool.submit(() -> {
                while (writing.get()) {
                    store.recent(CARTS, ResultFilter.ALL, 3);
                }
            });
            worker.send("go");
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < perWriter; i++) {
                    store.append(result(CARTS, "parent-" + i, Verdict.PASS, message));
                }
            });
            writer.get(60, TimeUnit.SECONDS);
            assertThat(worker.awaitExit(Duration.ofSeconds(60))).isZero();
            writing.set(false);
            reader.get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        Path file = store.fileOf(CARTS);
        assertThat(JsonLines.trailingBytes(file)).isZero();
        assertThat(JsonLines.completeLines(file)).hasSize(2 * perWriter);
        assertThat(readableIds(store)).as("one result per line, so no line is corrupt").hasSize(2 * perWriter)
                .doesNotHaveDuplicates();
    }
}
