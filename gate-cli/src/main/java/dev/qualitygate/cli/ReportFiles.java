package dev.qualitygate.cli;

import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.error.Problem;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Writes the report files of {@code gate report} and {@code gate demo --report}. */
final class ReportFiles {
    private ReportFiles() {
    }

    /** What writes a report into a writer. */
    @FunctionalInterface
    interface Rendering {
        void writeTo(Writer writer) throws IOException;
    }

    /**
     * Writes a file as UTF-8, creating missing parent directories.
     *
     * @return its size in bytes
     * @throws GateConfigException naming the file and why it cannot be written
     */
    static long write(Path file, Rendering rendering) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                rendering.writeTo(writer);
            }
            return Files.size(file);
        } catch (IOException e) {
            throw new GateConfigException(Problem.of(file.toString(), "cannot write the file: " + describe(e)));
        }
    }

    /** A size for people: {@code 82 KB}. */
    static String kilobytes(long bytes) {
        return (bytes + 1023) / 1024 + " KB";
    }

    private static String describe(IOException e) {
        if (e instanceof FileAlreadyExistsException) {
            return e.getMessage() + " is a file, not a directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied for " + e.getMessage();
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory: " + e.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
