package dev.qualitygate.history;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A child JVM running {@link AppendWorker}, with what it printed; every wait is bounded so that a hang fails the
 * test. Closing it kills the process if it still runs.
 */
final class ChildJvm implements AutoCloseable {
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final Path log;
    private final List<String> confirmed = new CopyOnWriteArrayList<>();
    private final List<String> other = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
        reader = new Thread(this::readOutput, "child-jvm-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** The command that runs {@link AppendWorker} with this JVM's class path and the given arguments. */
    static List<String> workerCommand(Path directory, HistoryKey key, String idPrefix, long count, int messageBytes,
            boolean waitForGo) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xmx256m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                AppendWorker.class.getName(),
                directory.toString(), key.project(), key.stage(), key.service(), idPrefix, Long.toString(count),
                Integer.toString(messageBytes), Boolean.toString(waitForGo));
    }

    /** Starts a child, usually with a {@link #workerCommand}; its standard error goes to {@code log}. */
    static ChildJvm start(List<String> command, Path log) throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectError(log.toFile())
                .start();
        return new ChildJvm(process, log);
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("OK ") && line.endsWith(";")) {
                    confirmed.add(line.substring(3, line.length() - 1));
                } else {
                    other.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ids whose append had returned, in order. */
    List<String> confirmed() {
        return List.copyOf(confirmed);
    }

    /** The lines other than confirmations. */
    List<String> otherLines() {
        return List.copyOf(other);
    }

    void awaitLine(String line, Duration timeout) throws InterruptedException {
        awaitCondition(() -> other.contains(line), "the line " + line, timeout);
    }

    void awaitConfirmed(int count, Duration timeout) throws InterruptedException {
        awaitCondition(() -> confirmed.size() >= count, count + " confirmed appends", timeout);
    }

    private void awaitCondition(BooleanSupplier condition, String what, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive() && !reader.isAlive() && !condition.getAsBoolean()) {
                fail("the child exited with " + process.exitValue() + " before " + what + "; " + logText());
            }
            if (System.nanoTime() > deadline) {
                fail("no " + what + " from the child within " + timeout + "; " + logText());
            }
            Thread.sleep(1);
        }
    }

    void send(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Waits for the child to end by itself and returns its exit status. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            fail("the child did not end within " + timeout + "; " + logText());
        }
        reader.join(EXIT_TIMEOUT.toMillis());
        return process.exitValue();
    }

    /** Kills the child with SIGKILL and waits until it is gone and its output is read. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("the child did not die within " + EXIT_TIMEOUT);
        }
        reader.join(EXIT_TIMEOUT.toMillis());
    }

    private String logText() {
        try {
            return "its standard error: " + Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "its standard error is unreadable: " + e;
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
