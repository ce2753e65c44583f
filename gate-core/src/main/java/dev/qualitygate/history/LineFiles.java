package dev.qualitygate.history;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the append-only JSON-lines files of {@link FileEvaluationStore} and {@link FileEventLog} share: the in-JVM
 * lock of a file, the exclusive section in which one line is appended, and the crash-safe append itself.
 */
final class LineFiles {
    private static final Logger log = LoggerFactory.getLogger(LineFiles.class);
    private static final byte[] NEWLINE = {'\n'};

    /**
     * The in-JVM locks, shared by every store and event log of this JVM (a file lock cannot be taken twice by one
     * JVM), striped by file path so that they stay few however many files there are.
     */
    private static final ReentrantLock[] LOCKS =
            Stream.generate(ReentrantLock::new).limit(64).toArray(ReentrantLock[]::new);

    private LineFiles() {
    }

    /** The work done while a file is locked for appending. */
    @FunctionalInterface
    interface LockedWork<T> {
        T run(FileChannel channel) throws IOException;
    }

    /**
     * The in-JVM lock of a file, keyed by the real path of its folder so that every path to one file finds the same
     * lock; when the folder does not exist (nothing to read yet), by the normalized absolute path.
     */
    static ReentrantLock lockOf(Path file) {
        Path key;
        try {
            key = file.toAbsolutePath().getParent().toRealPath().resolve(file.getFileName());
        } catch (IOException e) {
            key = file.toAbsolutePath().normalize();
        }
        return LOCKS[Math.floorMod(key.hashCode(), LOCKS.length)];
    }

    /**
     * Creates the file's folder and runs {@code work} on a read-write channel of the file while holding its in-JVM
     * lock and an exclusive file lock, so that no other thread or process appends at the same time.
     */
    static <T> T locked(Path file, LockedWork<T> work) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        ReentrantLock lock = lockOf(file);
        lock.lock();
        try (FileChannel channel = FileChannel.open(file, CREATE, READ, WRITE)) {
            channel.lock(); // released when the channel closes
            return work.run(channel);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Appends one line (ending in {@code '\n'}) at {@code end}, the size of the locked file. If the file does not end
     * in {@code '\n'}, a writer was killed mid-append: a {@code '\n'} is written first, so that its fragment becomes
     * a corrupt line that readers skip. The line is forced to the disk; if writing fails, the file is cut back to
     * where the line began.
     *
     * @param endsWithNewline whether the file's last byte is {@code '\n'} (ignored for an empty file)
     */
    static void append(FileChannel channel, Path file, byte[] line, long end, boolean endsWithNewline)
            throws IOException {
        long at = end;
        if (at > 0 && !endsWithNewline) {
            log.warn("{} does not end with a newline: an append was interrupted; terminating its fragment at byte"
                    + " offset {} so that it is skipped as a corrupt line", file, at);
            writeFully(channel, NEWLINE, at);
            at++;
        }
        try {
            writeFully(channel, line, at);
            channel.force(false);
        } catch (IOException e) {
            try {
                channel.truncate(at);
            } catch (IOException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
    }

    private static void writeFully(FileChannel channel, byte[] bytes, long position) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer, position + buffer.position());
        }
    }
}
