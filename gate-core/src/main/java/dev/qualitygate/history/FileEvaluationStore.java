package dev.qualitygate.history;

import static java.nio.file.StandardOpenOption.READ;

import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.error.StoreException;
import dev.qualitygate.internal.JsonStrings;
import dev.qualitygate.model.EvaluationResult;
import dev.qualitygate.model.ResultFilter;
import dev.qualitygate.report.EvaluationJson;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded {@link EvaluationStore}: one append-only JSON-lines file per history,
 * {@code <directory>/<project>/<stage>/<service>.jsonl}, each line one result as {@link EvaluationJson#write} gives
 * it. Obtain it from {@link EvaluationStore#files(Path)}.
 *
 * <p><b>Names.</b> Each of project, stage and service becomes one path segment: the characters
 * {@code [A-Za-z0-9._-]} stay, every other byte of its UTF-8 form becomes {@code %XX}; the empty name becomes
 * {@code _} (and the name {@code _} itself {@code %5F}), and {@code .} and {@code ..} are encoded too, so no name can
 * leave the directory or share a file with another name. (On a case-insensitive file system names that differ only
 * in case do share a file; {@link #recent} returns only the results of the history asked for, so they stay apart.)
 *
 * <p><b>Appending</b> holds a lock inside this JVM and an exclusive {@link FileChannel#lock() file lock} for the
 * whole append, so threads and processes never interleave their lines. If the file does not end in {@code '\n'}, a
 * writer was killed in the middle of an append; a {@code '\n'} is written first, so that fragment becomes a line of
 * its own that readers skip as corrupt. Then the line is written at the end and forced to the disk. If that fails
 * (a full disk), the file is cut back to where the line began and a {@link StoreException} is thrown.
 *
 * <p><b>Reading</b> takes no file lock: {@link #recent} reads the file backwards in chunks of {@value #CHUNK_SIZE}
 * bytes, stopping as soon as it has enough results, so its cost does not grow with the length of the history. Bytes
 * after the last {@code '\n'} belong to an append in progress (or interrupted) and are ignored; a complete line that
 * is not a result is logged at WARN with its byte offset and skipped.
 *
 * <p><b>Invalidating</b> an evaluation appends the line {@code {"invalidated":"<id>","time":"<instant>"}} to its
 * history file (the file stays append-only); reading backwards meets it before the evaluation, which is then
 * skipped. Versions of QualityGate before invalidation existed skip such a line as corrupt.
 *
 * <p>Thread-safe; several processes may share the directory (file locks are as reliable as the file system makes
 * them, which network file systems may not).
 */
final class FileEvaluationStore implements EvaluationStore {
    private static final Logger log = LoggerFactory.getLogger(FileEvaluationStore.class);

    /** How many bytes {@link #recent} reads at a time. */
    static final int CHUNK_SIZE = 64 * 1024;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** How an invalidation line starts: {@code {"invalidated":"<id>","time":"<instant>"}}. */
    private static final String INVALIDATION_START = "{\"invalidated\":";

    private final Path directory;

    /**
     * Creates a store; the directory is created by the first append.
     *
     * @param directory the root directory of the histories
     */
    FileEvaluationStore(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /**
     * {@inheritDoc}
     *
     * <p>When this returns, the line is on the disk; it is never mixed with lines of other threads or processes.
     */
    @Override
    public void append(EvaluationResult result) {
        Objects.requireNonNull(result, "result");
        appendLine(fileOf(HistoryKey.of(result)), EvaluationJson.write(result), "evaluation '" + result.id() + "'");
    }

    private static void appendLine(Path file, String text, String what) {
        byte[] line = (text + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            LineFiles.locked(file, channel -> {
                long end = channel.size();
                LineFiles.append(channel, file, line, end, end == 0 || lastByte(channel, end) == '\n');
                return null;
            });
        } catch (IOException e) {
            throw new StoreException("Could not append " + what + " to " + file + ": " + e, e);
        }
    }

    private static byte lastByte(FileChannel channel, long size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, size - 1) < 0) {
                throw new IOException("the file got shorter while locked");
            }
        }
        return buffer.get(0);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads backwards from the end of the file and stops at the {@code limit}-th accepted result. Corrupt lines
     * are logged at WARN and skipped; so are results of another history.
     */
    @Override
    public List<EvaluationResult> recent(HistoryKey key, ResultFilter filter, int limit) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(filter, "filter");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        Path file = fileOf(key);
        try {
            ReentrantLock lock = LineFiles.lockOf(file);
            FileChannel channel;
            try {
                channel = FileChannel.open(file, READ);
            } catch (NoSuchFileException e) {
                return List.of();
            }
            try (ClosingUnderLock closing = new ClosingUnderLock(channel, lock)) {
                return readNewest(closing.channel(), file, key, filter, limit);
            }
        } catch (IOException e) {
            throw new StoreException("Could not read the history " + key + " from " + file + ": " + e, e);
        }
    }

    private static List<EvaluationResult> readNewest(FileChannel channel, Path file, HistoryKey key,
            ResultFilter filter, int limit) throws IOException {
        ReverseLineReader lines = new ReverseLineReader(channel, CHUNK_SIZE);
        if (lines.trailingBytes() > 0) {
            log.debug("Ignoring the last {} bytes of {}: an append in progress or interrupted",
                    lines.trailingBytes(), file);
        }
        List<EvaluationResult> found = new ArrayList<>();
        Set<String> invalidated = new HashSet<>();
        while (found.size() < limit) {
            ReverseLineReader.Line line = lines.previous();
            if (line == null) {
                break;
            }
            if (line.text().startsWith(INVALIDATION_START)) {
                String id = invalidatedId(file, line);
                if (id != null) {
                    invalidated.add(id);
                }
                continue;
            }
            EvaluationResult result = parse(file, line);
            if (result != null && key.equals(HistoryKey.of(result)) && filter.accepts(result.result())
                    && !invalidated.contains(result.id())) {
                found.add(result);
            }
        }
        Collections.reverse(found);
        return List.copyOf(found);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Searches every history file, newest lines first, for the evaluation (a rare operation whose cost grows
     * with the size of all histories), then appends an invalidation line to its file.
     */
    @Override
    public boolean invalidate(String id) {
        Objects.requireNonNull(id, "id");
        for (Path file : historyFiles()) {
            Boolean alreadyInvalidated = find(file, id);
            if (alreadyInvalidated != null) {
                if (!alreadyInvalidated) {
                    String line = INVALIDATION_START + JsonStrings.quote(id) + ",\"time\":\"" + Instant.now() + "\"}";
                    appendLine(file, line, "the invalidation of evaluation '" + id + "'");
                }
                return true;
            }
        }
        return false;
    }

    private List<Path> historyFiles() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.find(directory, 3,
                (p, attributes) -> attributes.isRegularFile() && p.getFileName().toString().endsWith(".jsonl"))) {
            return paths.sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new StoreException("Could not list the histories in " + directory + ": " + e, e);
        }
    }

    /**
     * Looks for an evaluation in one file, newest line first.
     *
     * @return {@code null} if the file does not hold it, else whether an invalidation line follows it
     */
    private static @Nullable Boolean find(Path file, String id) {
        String quoted = JsonStrings.quote(id);
        try {
            ReentrantLock lock = LineFiles.lockOf(file);
            try (ClosingUnderLock closing = new ClosingUnderLock(FileChannel.open(file, READ), lock)) {
                ReverseLineReader lines = new ReverseLineReader(closing.channel(), CHUNK_SIZE);
                for (ReverseLineReader.Line line = lines.previous(); line != null; line = lines.previous()) {
                    if (!line.text().contains(quoted)) {
                        continue;
                    }
                    if (line.text().startsWith(INVALIDATION_START)) {
                        if (id.equals(invalidatedId(file, line))) {
                            return true;
                        }
                    } else {
                        EvaluationResult result = parse(file, line);
                        if (result != null && result.id().equals(id)) {
                            return false;
                        }
                    }
                }
                return null;
            }
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new StoreException("Could not search " + file + " for evaluation '" + id + "': " + e, e);
        }
    }

    private static @Nullable String invalidatedId(Path file, ReverseLineReader.Line line) {
        String id = JsonStrings.stringProperty(line.text(), "invalidated");
        if (id == null) {
            log.warn("Skipping a corrupt invalidation line at byte offset {} of {}", line.offset(), file);
        }
        return id;
    }

    private static @Nullable EvaluationResult parse(Path file, ReverseLineReader.Line line) {
        if (line.text().isBlank()) {
            return null;
        }
        try {
            return EvaluationJson.read(line.text(), String.valueOf(file.getFileName()));
        } catch (GateConfigException | IllegalArgumentException e) {
            String reason = String.valueOf(e.getMessage());
            int newline = reason.indexOf('\n');
            log.warn("Skipping a corrupt line at byte offset {} of {}: {}", line.offset(), file,
                    newline < 0 ? reason : reason.substring(0, newline));
            return null;
        }
    }

    /**
     * The file of a history.
     *
     * @param key the history
     * @return {@code <directory>/<project>/<stage>/<service>.jsonl} with each name sanitized
     */
    Path fileOf(HistoryKey key) {
        return directory.resolve(sanitize(key.project()))
                .resolve(sanitize(key.stage()))
                .resolve(sanitize(key.service()) + ".jsonl");
    }

    /**
     * Turns any name into one safe path segment; different names (of valid Unicode) give different segments.
     *
     * @param name the name; may be empty
     * @return the name with every byte outside {@code [A-Za-z0-9._-]} as {@code %XX}; {@code _} for the empty name,
     *     {@code %5F} for {@code _}, {@code %2E} and {@code %2E%2E} for {@code .} and {@code ..}
     */
    static String sanitize(String name) {
        switch (name) {
            case "":
                return "_";
            case "_":
                return "%5F";
            case ".":
                return "%2E";
            case "..":
                return "%2E%2E";
            default:
                break;
        }
        StringBuilder safe = new StringBuilder(name.length());
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                    || c == '-') {
                safe.append((char) c);
            } else {
                safe.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return safe.toString();
    }

    @Override
    public String toString() {
        return "file evaluation store in " + directory;
    }

    /**
     * Closes a reading channel while holding the file's in-JVM lock: with POSIX record locks, closing any channel
     * of a file releases every lock the process holds on it, including that of an append in another thread.
     */
    private record ClosingUnderLock(FileChannel channel, ReentrantLock lock) implements Closeable {
        @Override
        public void close() throws IOException {
            lock.lock();
            try {
                channel.close();
            } finally {
                lock.unlock();
            }
        }
    }
}
