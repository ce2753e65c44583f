package dev.qualitygate.history;

import static dev.qualitygate.history.SampleResults.CARTS;
import static dev.qualitygate.history.SampleResults.ORDERS;
import static dev.qualitygate.history.SampleResults.result;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qualitygate.error.StoreException;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.ResultFilter;
import dev.qualitygate.model.Verdict;
import dev.qualitygate.report.EvaluationJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileEvaluationStoreTest {
    @TempDir
    Path dir;

    private final Map<String, EvaluationResult> appended = new LinkedHashMap<>();

    private FileEvaluationStore store() {
        return new FileEvaluationStore(dir.resolve("history"));
    }

    private void append(FileEvaluationStore store, EvaluationResult result) {
        store.append(result);
        appended.put(result.id(), result);
    }

    private List<EvaluationResult> appendedWithIds(String ids) {
        return Arrays.stream(ids.split(" ")).map(appended::get).toList();
    }

    private static void writeRaw(Path file, String text) throws IOException {
        Files.writeString(file, text, UTF_8, StandardOpenOption.APPEND);
    }

    @ParameterizedTest
    @CsvSource({
            "carts,  PASS,         2,   c4 c7",
            "carts,  PASS,         10,  c1 c4 c7",
            "carts,  PASS_OR_WARN, 3,   c4 c6 c7",
            "carts,  PASS_OR_WARN, 100, c1 c3 c4 c6 c7",
            "carts,  ALL,          1,   c7",
            "carts,  ALL,          4,   c4 c5 c6 c7",
            "carts,  ALL,          100, c1 c2 c3 c4 c5 c6 c7",
            "orders, ALL,          100, o1 o2",
            "orders, PASS,         5,   o1",
            "orders, PASS_OR_WARN, 1,   o2",
    })
    void recent_resultsOfTwoHistories_returnsNewestAcceptedOldestFirst(String service, ResultFilter filter,
            int limit, String expectedIds) {
        FileEvaluationStore store = store();
        append(store, result(CARTS, "c1", Verdict.PASS));
        append(store, result(ORDERS, "o1", Verdict.PASS));
        append(store, result(CARTS, "c2", Verdict.FAIL));
        append(store, result(CARTS, "c3", Verdict.WARNING));
        append(store, result(CARTS, "c4", Verdict.PASS));
        append(store, result(ORDERS, "o2", Verdict.WARNING));
        append(store, result(CARTS, "c5", Verdict.FAIL));
        append(store, result(CARTS, "c6", Verdict.WARNING));
        append(store, result(CARTS, "c7", Verdict.PASS));

        List<EvaluationResult> recent = store.recent(service.equals("carts") ? CARTS : ORDERS, filter, limit);

        assertThat(recent).containsExactlyElementsOf(appendedWithIds(expectedIds));
    }

    @Test
    void recent_nothingAppended_returnsEmpty() {
        FileEvaluationStore store = store();
        assertThat(store.recent(CARTS, ResultFilter.ALL, 5)).isEmpty();

        store.append(result(ORDERS, "o1", Verdict.PASS));

        assertThat(store.recent(CARTS, ResultFilter.ALL, 5)).isEmpty();
    }

    @Test
    void recent_limitBelowOne_throwsIllegalArgument() {
        assertThatThrownBy(() -> store().recent(CARTS, ResultFilter.ALL, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be >= 1, was 0");
    }

    @Test
    void append_twoResults_writesOneJsonLineEachToTheServiceFile() throws IOException {
        FileEvaluationStore store = store();
        EvaluationResult first = result(CARTS, "c1", Verdict.PASS);
        EvaluationResult second = result(CARTS, "c2", Verdict.FAIL);

        store.append(first);
        store.append(second);

        Path file = dir.resolve("history/shop/production/carts.jsonl");
        assertThat(store.fileOf(CARTS)).isEqualTo(file);
        assertThat(Files.readString(file, UTF_8))
                .isEqualTo(EvaluationJson.write(first) + "\n" + EvaluationJson.write(second) + "\n");
    }

    @ParameterizedTest
    @CsvSource({
            "carts,          carts",
            "v1.2_rc-3,      v1.2_rc-3",
            "my app,         my%20app",
            "a/b,            a%2Fb",
            "a\\b,           a%5Cb",
            "'..',           %2E%2E",
            "'.',            %2E",
            "..a,            ..a",
            "'',             _",
            "_,              %5F",
            "100%,           100%25",
            "ünï,            %C3%BCn%C3%AF",
            "日本,           %E6%97%A5%E6%9C%AC",
    })
    void sanitize_anyName_givesOneSafeSegment(String name, String expected) {
        assertThat(FileEvaluationStore.sanitize(name)).isEqualTo(expected);
    }

    @Test
    void append_hostileNames_staysInsideTheDirectoryAndKeepsHistoriesApart() throws IOException {
        FileEvaluationStore store = store();
        List<HistoryKey> keys = List.of(
                new HistoryKey("../../escape", "..", "."),
                new HistoryKey("/abs/path", "a/b", "c\\d"),
                new HistoryKey("", "", ""),
                new HistoryKey("_", "_", "_"),
                new HistoryKey("my shop", "prod ünï 日本", "carts?*:<>|\"'\n"),
                new HistoryKey("%2E%2E", "%2F", "%"));

        for (HistoryKey key : keys) {
            append(store, result(key, "id of " + key, Verdict.PASS));
        }

        for (HistoryKey key : keys) {
            assertThat(store.recent(key, ResultFilter.ALL, 10)).containsExactly(appended.get("id of " + key));
        }
        Path root = dir.resolve("history").toRealPath();
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> regular = files.filter(Files::isRegularFile).toList();
            assertThat(regular).hasSize(keys.size())
                    .allSatisfy(file -> assertThat(file.toRealPath()).startsWith(root))
                    .allSatisfy(file -> assertThat(root.relativize(file.toRealPath()).getNameCount()).isEqualTo(3));
        }
    }

    @Test
    void recent_corruptLinesBetweenResults_skipsThemAndReturnsTheOthers() throws IOException {
        FileEvaluationStore store = store();
        append(store, result(CARTS, "c1", Verdict.PASS));
        append(store, result(CARTS, "c2", Verdict.WARNING));
        Path file = store.fileOf(CARTS);
        writeRaw(file, "garbage {not json\n");
        writeRaw(file, "\n");
        writeRaw(file, "{\"project\":\"shop\"}\n");
        writeRaw(file, EvaluationJson.write(result(CARTS, "bad-value", Verdict.PASS)).replace("\"value\":412.7", "\"value\":\"fast\"")
                + "\n");
        append(store, result(CARTS, "c3", Verdict.FAIL));
        writeRaw(file, "\u0000\u0000\u0000\n");

        assertThat(store.recent(CARTS, ResultFilter.ALL, 10)).containsExactlyElementsOf(appendedWithIds("c1 c2 c3"));
        assertThat(store.recent(CARTS, ResultFilter.ALL, 3)).containsExactlyElementsOf(appendedWithIds("c1 c2 c3"));
        assertThat(store.recent(CARTS, ResultFilter.PASS_OR_WARN, 1))
                .containsExactlyElementsOf(appendedWithIds("c2"));
    }

    @Test
    void append_afterTornLastLine_terminatesTheFragmentAndKeepsEveryResult() throws IOException {
        FileEvaluationStore store = store();
        append(store, result(CARTS, "c1", Verdict.PASS));
        append(store, result(CARTS, "c2", Verdict.PASS));
        Path file = store.fileOf(CARTS);
        String torn = EvaluationJson.write(result(CARTS, "torn", Verdict.PASS));
        writeRaw(file, torn.substring(0, torn.length() / 2));

        assertThat(store.recent(CARTS, ResultFilter.ALL, 10)).containsExactlyElementsOf(appendedWithIds("c1 c2"));

        append(store, result(CARTS, "c3", Verdict.PASS));

        assertThat(store.recent(CARTS, ResultFilter.ALL, 10)).containsExactlyElementsOf(appendedWithIds("c1 c2 c3"));
        assertThat(store.recent(CARTS, ResultFilter.ALL, 1)).containsExactlyElementsOf(appendedWithIds("c3"));
        List<String> lines = JsonLines.completeLines(file);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(2)).isEqualTo(torn.substring(0, torn.length() / 2));
        assertThat(JsonLines.trailingBytes(file)).isZero();
    }

    @Test
    void append_afterWholeRecordWithoutNewline_keepsItAsItsOwnLine() throws IOException {
        FileEvaluationStore store = store();
        Path file = store.fileOf(CARTS);
        Files.createDirectories(file.getParent());
        EvaluationResult unterminated = result(CARTS, "c1", Verdict.PASS);
        Files.writeString(file, EvaluationJson.write(unterminated), UTF_8);
        appended.put("c1", unterminated);

        assertThat(store.recent(CARTS, ResultFilter.ALL, 10)).isEmpty();

        append(store, result(CARTS, "c2", Verdict.PASS));

        assertThat(store.recent(CARTS, ResultFilter.ALL, 10)).containsExactlyElementsOf(appendedWithIds("c1 c2"));
    }

    @Test
    void recent_linesLongerThanTheChunk_readsThemWhole() {
        FileEvaluationStore store = store();
        String longMessage = "Antwortzeit über dem Ziel; 応答時間が長すぎます\n\t\"quoted\" ".repeat(4_000);
        assertThat(longMessage.getBytes(UTF_8).length).isGreaterThan(3 * FileEvaluationStore.CHUNK_SIZE);
        append(store, result(CARTS, "c1", Verdict.FAIL, longMessage));
        append(store, result(CARTS, "c2", Verdict.PASS));
        append(store, result(CARTS, "c3", Verdict.WARNING, longMessage + "!"));

        assertThat(store.recent(CARTS, ResultFilter.ALL, 10)).containsExactlyElementsOf(appendedWithIds("c1 c2 c3"));
        assertThat(store.recent(CARTS, ResultFilter.PASS_OR_WARN, 1))
                .containsExactlyElementsOf(appendedWithIds("c3"));
    }

    @Test
    void recent_resultOfAnotherHistoryInTheFile_skipsIt() throws IOException {
        // As on a case-insensitive file system, where "Carts" and "carts" share a file.
        FileEvaluationStore store = store();
        append(store, result(CARTS, "c1", Verdict.PASS));
        writeRaw(store.fileOf(CARTS), EvaluationJson.write(result(ORDERS, "o1", Verdict.PASS)) + "\n");

        assertThat(store.recent(CARTS, ResultFilter.ALL, 10)).containsExactlyElementsOf(appendedWithIds("c1"));
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void recent_historyWithAGigabyteBeforeTheLastResults_readsOnlyTheEnd() throws IOException {
        FileEvaluationStore store = store();
        Path file = store.fileOf(CARTS);
        Files.createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {'\n'}), 1L << 30); // a sparse gigabyte of zeros first
        }
        append(store, result(CARTS, "c1", Verdict.PASS));
        append(store, result(CARTS, "c2", Verdict.PASS));

        assertThat(store.recent(CARTS, ResultFilter.ALL, 2)).containsExactlyElementsOf(appendedWithIds("c1 c2"));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void append_diskFull_throwsStoreExceptionNamingTheFile() throws IOException {
        FileEvaluationStore store = store();
        Path file = store.fileOf(CARTS);
        Files.createDirectories(file.getParent());
        Files.createSymbolicLink(file, Path.of("/dev/full"));

        assertThatThrownBy(() -> store.append(result(CARTS, "c1", Verdict.PASS)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("'c1'")
                .hasMessageContaining(file.toString())
                .hasMessageContaining("No space left on device");
        Files.delete(file);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void append_eightThreadsAndTwoStoresOnOneFile_losesNothing() throws Exception {
        Files.createDirectories(dir.resolve("history"));
        Path alias = Files.createSymbolicLink(dir.resolve("alias"), dir.resolve("history"));
        FileEvaluationStore store = store();
        FileEvaluationStore aliasStore = new FileEvaluationStore(alias);
        int threads = 8;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                FileEvaluationStore target = t % 2 == 0 ? store : aliasStore;
                String prefix = "t" + t + "-";
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        target.append(result(CARTS, prefix + i, Verdict.values()[i % 3]));
                    }
                    return null;
                }));
            }
            AtomicBoolean writing = new AtomicBoolean(true);
            Future<Integer> reader = pool.submit(() -> {
                int reads = 0;
                start.await();
                while (writing.get()) {
                    List<EvaluationResult> recent = store.recent(CARTS, ResultFilter.ALL, 20);
                    assertThat(recent).doesNotHaveDuplicates();
                    reads++;
                }
                return reads;
            });
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get(50, TimeUnit.SECONDS);
            }
            writing.set(false);
            assertThat(reader.get(10, TimeUnit.SECONDS)).isPositive();
        } finally {
            pool.shutdownNow();
        }

        List<EvaluationResult> all = store.recent(CARTS, ResultFilter.ALL, 10_000);
        assertThat(all.stream().map(EvaluationResult::id).collect(Collectors.toSet())).hasSize(threads * perThread);
        assertThat(all).hasSize(threads * perThread);
        assertThat(JsonLines.corruptLines(store.fileOf(CARTS))).isZero();
        for (int t = 0; t < threads; t++) {
            String prefix = "t" + t + "-";
            assertThat(all.stream().map(EvaluationResult::id).filter(id -> id.startsWith(prefix)))
                    .as("each thread's results in its order")
                    .containsExactlyElementsOf(Stream.iterate(0, i -> i + 1).limit(perThread)
                            .map(i -> prefix + i).toList());
        }
    }

    @Test
    void invalidate_storedResult_appendsOneLineAndRecentSkipsIt() throws IOException {
        FileEvaluationStore store = store();
        append(store, result(CARTS, "c1", Verdict.PASS));
        append(store, result(CARTS, "c2", Verdict.PASS));
        append(store, result(CARTS, "c3", Verdict.FAIL));
        Path file = store.fileOf(CARTS);
        long linesBefore = Files.readAllLines(file, UTF_8).size();

        assertThat(store.invalidate("c2")).isTrue();

        List<String> lines = Files.readAllLines(file, UTF_8);
        assertThat(lines).hasSize((int) linesBefore + 1);
        assertThat(lines.get(lines.size() - 1)).matches("\\{\"invalidated\":\"c2\",\"time\":\"[0-9T:.Z-]+\"}");
        assertThat(store.recent(CARTS, ResultFilter.ALL, 10)).containsExactlyElementsOf(appendedWithIds("c1 c3"));
        assertThat(store.recent(CARTS, ResultFilter.PASS, 1)).containsExactlyElementsOf(appendedWithIds("c1"));
    }

    @Test
    void invalidate_twice_writesTheLineOnceAndAnswersTrueBothTimes() throws IOException {
        FileEvaluationStore store = store();
        append(store, result(CARTS, "c1", Verdict.PASS));
        append(store, result(CARTS, "c2", Verdict.PASS));

        assertThat(store.invalidate("c1")).isTrue();
        append(store, result(CARTS, "c3", Verdict.PASS));
        assertThat(store.invalidate("c1")).isTrue();

        assertThat(Files.readAllLines(store.fileOf(CARTS), UTF_8)).filteredOn(l -> l.startsWith("{\"invalidated\""))
                .hasSize(1);
        assertThat(store.recent(CARTS, ResultFilter.ALL, 10)).containsExactlyElementsOf(appendedWithIds("c2 c3"));
    }

    @Test
    void invalidate_resultOfAnotherHistory_writesToThatHistoryOnly() throws IOException {
        FileEvaluationStore store = store();
        append(store, result(CARTS, "c1", Verdict.PASS));
        append(store, result(ORDERS, "o1", Verdict.PASS));
        append(store, result(CARTS, "c2", Verdict.PASS, "compared with o1"));
        String cartsBefore = Files.readString(store.fileOf(CARTS), UTF_8);

        assertThat(store.invalidate("o1")).isTrue();

        assertThat(Files.readString(store.fileOf(CARTS), UTF_8)).isEqualTo(cartsBefore);
        assertThat(store.recent(ORDERS, ResultFilter.ALL, 10)).isEmpty();
        assertThat(store.recent(CARTS, ResultFilter.ALL, 10)).containsExactlyElementsOf(appendedWithIds("c1 c2"));
    }

    @Test
    void invalidate_unknownIdOrNoDirectory_returnsFalseAndWritesNothing() throws IOException {
        FileEvaluationStore store = store();
        assertThat(store.invalidate("c1")).isFalse();
        assertThat(dir.resolve("history")).doesNotExist();

        append(store, result(CARTS, "c1", Verdict.PASS));
        String before = Files.readString(store.fileOf(CARTS), UTF_8);

        assertThat(store.invalidate("c")).isFalse();
        assertThat(store.invalidate("earlier-1")).as("an id only named in comparedEvents").isFalse();
        assertThat(Files.readString(store.fileOf(CARTS), UTF_8)).isEqualTo(before);
    }

    @Test
    void recent_corruptInvalidationLine_skipsItAndKeepsTheResult() throws IOException {
        FileEvaluationStore store = store();
        append(store, result(CARTS, "c1", Verdict.PASS));
        writeRaw(store.fileOf(CARTS), "{\"invalidated\":42}\n{\"invalidated\":\"c1\"\n");

        assertThat(store.recent(CARTS, ResultFilter.ALL, 10)).containsExactlyElementsOf(appendedWithIds("c1"));
    }

    @Test
    void toString_showsTheDirectory() {
        assertThat(store()).hasToString("file evaluation store in " + dir.resolve("history"));
    }
}
