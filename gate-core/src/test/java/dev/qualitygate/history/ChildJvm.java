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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child JVM of a test, with the lines it printed on standard output; every wait is bounded so that a hang fails the
 * test. Closing it kills the process if it still runs. Public, and in gate-core's test jar, for the multi-process
 * tests of other modules' stores.
 */
public final class ChildJvm implements AutoCloseable {
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final Path log;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
        reader = new Thread(this::readOutput, "child-jvm-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * The command that runs a main class of the tests with this JVM's class path, small and quick to start.
     *
     * @param mainClass the class whose {@code main} runs
     * @param args its arguments
     * @return the command line
     */
    public static List<String> javaCommand(Class<?> mainClass, List<String> args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xmx256m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                mainClass.getName()));
        command.addAll(args);
        return command;
    }

    /**
     * Starts a main class of the tests; see {@link #javaCommand}.
     *
     * @param log where its standard error goes
     * @return the running child
     * @throws IOException if it cannot be started
     */
    public static ChildJvm start(Class<?> mainClass, List<String> args, Path log) throws IOException {
        return start(javaCommand(mainClass, args), log);
    }

    /**
     * Starts a command, usually one that {@link #javaCommand} made (perhaps behind a shell that limits it).
     *
     * @param log where its standard error goes
     * @return the running child
     * @throws IOException if it cannot be started
     */
    public static ChildJvm start(List<String> command, Path log) throws IOException {
        return new ChildJvm(new ProcessBuilder(command).redirectError(log.toFile()).start(), log);
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every line printed so far.
     *
     * @return a snapshot, in order
     */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /**
     * Waits until the child has printed a line.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void awaitLine(String line, Duration timeout) throws InterruptedException {
        await(printed -> printed.contains(line), "the line " + line, timeout);
    }

    /**
     * Waits until the lines printed so far meet a condition; fails the test if the child ends first or the time is up.
     *
     * @param what the condition in words, for the failure message
     * @throws InterruptedException if interrupted while waiting
     */
    public void await(Predicate<List<String>> condition, String what, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(lines)) {
            if (!process.isAlive() && !reader.isAlive() && !condition.test(lines)) {
                fail("the child exited with " + process.exitValue() + " before " + what + "; " + logText());
            }
            if (System.nanoTime() > deadline) {
                fail("no " + what + " from the child within " + timeout + "; " + logText());
            }
            Thread.sleep(1);
        }
    }

    /**
     * Writes a line to the child's standard input.
     *
     * @throws IOException if the child no longer reads
     */
    public void send(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /**
     * Waits for the child to end by itself.
     *
     * @return its exit status
     * @throws InterruptedException if interrupted while waiting
     */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            fail("the child did not end within " + timeout + "; " + logText());
        }
        reader.join(EXIT_TIMEOUT.toMillis());
        return process.exitValue();
    }

    /**
     * Kills the child with SIGKILL and waits until it is gone and its output is read.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("the child did not die within " + EXIT_TIMEOUT);
        }
        reader.join(EXIT_TIMEOUT.toMillis());
    }

    /**
     * What the child wrote to standard error, for failure messages.
     *
     * @return the text, or why it cannot be read
     */
    public String logText() {
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
