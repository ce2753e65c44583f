package dev.qualitygate.history;

import static java.nio.file.StandardOpenOption.READ;

import dev.qualitygate.error.StoreException;
import dev.qualitygate.internal.JsonValues;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded {@link EventLog}: one append-only JSON-lines file per run, {@code <directory>/@runs/<run id>.jsonl},
 * each line one CloudEvent. Obtain it from {@link EventLog#files(Path)}. The {@code @} keeps the folder apart from
 * the histories of {@link FileEvaluationStore}, whose folder names never contain it.
 *
 * <p>Appending works as in {@link FileEvaluationStore} (both use {@link LineFiles}): an in-JVM lock and an exclusive file lock for the whole
 * append; a fragment left by a writer killed mid-append is terminated with {@code '\n'} so that it becomes a corrupt
 * line that readers skip; the line is forced to the disk, and cut off again if that fails. Under the lock the valid
 * lines are counted first, and the event is written only if their number is the event's sequence. Reading takes no
 * file lock (only the in-JVM one) and ignores bytes after the last {@code '\n'} (an append in progress).
 * Thread-safe; several processes may share the directory.
 */
final class FileEventLog implements EventLog {
    private static final Logger log = LoggerFactory.getLogger(FileEventLog.class);
    private static final String SUFFIX = ".jsonl";

    private final Path directory;

    FileEventLog(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory").resolve("@runs");
    }

    /** The file of a run. */
    Path fileOf(String runId) {
        if (!EventLog.isValidRunId(runId)) {
            throw new IllegalArgumentException("not a run id: '" + runId + "'");
        }
        return directory.resolve(runId + SUFFIX);
    }

    @Override
    public boolean append(LoggedEvent event) {
        Objects.requireNonNull(event, "event");
        Path file = fileOf(event.runId());
        byte[] line = (event.json() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            return LineFiles.locked(file, channel -> {
                long end = channel.size();
                byte[] content = readAll(channel, end);
                if (parse(file, event.runId(), content).size() != event.sequence()) {
                    return false;
                }
                LineFiles.append(channel, file, line, end, end == 0 || content[content.length - 1] == '\n');
                return true;
            });
        } catch (IOException e) {
            throw new StoreException("Could not append event '" + event.id() + "' of run " + event.runId() + " to "
                    + file + ": " + e, e);
        }
    }

    private static byte[] readAll(FileChannel channel, long size) throws IOException {
        if (size > Integer.MAX_VALUE - 16) {
            throw new IOException("the run's event file is too large: " + size + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, buffer.position()) < 0) {
                break;
            }
        }
        return buffer.array();
    }

    @Override
    public List<LoggedEvent> events(String runId) {
        Path file = fileOf(Objects.requireNonNull(runId, "runId"));
        // Read under the in-JVM lock: with POSIX record locks, closing any channel of a file releases every lock the
        // process holds on it, including that of an append in another thread.
        ReentrantLock lock = LineFiles.lockOf(file);
        lock.lock();
        try (FileChannel channel = FileChannel.open(file, READ)) {
            return parse(file, runId, readAll(channel, channel.size()));
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new StoreException("Could not read the events of run " + runId + " from " + file + ": " + e, e);
        } finally {
            lock.unlock();
        }
    }

    /** The valid complete lines, numbered from 0; bytes after the last newline are ignored. */
    private static List<LoggedEvent> parse(Path file, String runId, byte[] content) {
        List<LoggedEvent> events = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long offset = 0;
        for (int i = 0; i < content.length; i++) {
            if (content[i] != '\n') {
                line.write(content[i]);
                continue;
            }
            LoggedEvent event = parseLine(file, runId, events.size(), line.toString(StandardCharsets.UTF_8), offset);
            if (event != null) {
                events.add(event);
            }
            line.reset();
            offset = i + 1L;
        }
        return List.copyOf(events);
    }

    private static @Nullable LoggedEvent parseLine(Path file, String runId, int sequence, String text, long offset) {
        if (text.isBlank()) {
            return null;
        }
        try {
            Map<String, Object> event = JsonValues.readObject(text);
            Object id = event.get("id");
            Object type = event.get("type");
            Object time = event.get("time");
            if (!(id instanceof String) || !(type instanceof String) || !(time instanceof String)) {
                throw new IllegalArgumentException("no id, type or time");
            }
            if (!runId.equals(event.get("shkeptncontext"))) {
                throw new IllegalArgumentException("it belongs to run " + event.get("shkeptncontext"));
            }
            return new LoggedEvent(runId, sequence, (String) id, (String) type, Instant.parse((String) time), text);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            log.warn("Skipping a corrupt line at byte offset {} of {}: {}", offset, file, e.getMessage());
            return null;
        }
    }

    @Override
    public List<String> runs(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        record Run(String id, FileTime modified) {
        }
        List<Run> runs = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String id = name.substring(0, name.length() - SUFFIX.length());
                if (EventLog.isValidRunId(id)) {
                    runs.add(new Run(id, Files.getLastModifiedTime(f)));
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new StoreException("Could not list the runs in " + directory + ": " + e, e);
        }
        runs.sort(Comparator.comparing(Run::modified).reversed().thenComparing(Run::id));
        return runs.stream().limit(limit).map(Run::id).toList();
    }

    @Override
    public String toString() {
        return "file event log in " + directory;
    }
}
