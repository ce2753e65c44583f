package dev.qualitygate.jmeter.internal;

import dev.qualitygate.spi.TestProgress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one JMeter plan as a child process in non-GUI mode and waits for it, reporting progress from the results
 * file as it grows (and once more when JMeter has finished), stopping the process when the deadline passes or the waiting thread is interrupted. JMeter's exit
 * code says only whether it could run the plan; whether samples failed is read from the results. Internal; not API.
 */
public final class JMeterRun {
    private static final Logger log = LoggerFactory.getLogger(JMeterRun.class);
    private static final int OUTPUT_TAIL_LINES = 15;

    /** How a run ended. */
    public enum End {
        /** JMeter exited 0. */
        COMPLETED,
        /** JMeter exited with another code: it could not run the plan. */
        FAILED,
        /** The deadline passed; JMeter was stopped. */
        TIMED_OUT,
        /** The waiting thread was interrupted; JMeter was stopped. */
        INTERRUPTED
    }

    /**
     * The outcome of a run.
     *
     * @param end how it ended
     * @param exitCode JMeter's exit code, or -1 when it was stopped
     * @param started when it started
     * @param ended when it ended
     * @param results the JTL
     * @param output the last lines JMeter printed
     */
    public record Outcome(End end, int exitCode, Instant started, Instant ended, Path results, String output) {
    }

    /**
     * What to run.
     *
     * @param java the java executable
     * @param jvmArgs options for JMeter's JVM
     * @param home JMeter's home
     * @param plan the .jmx test plan
     * @param directory where the results, log and output go
     * @param name the file name stem for them
     * @param properties JMeter properties, passed as {@code -Jname=value}
     */
    public record Command(Path java, List<String> jvmArgs, Path home, Path plan, Path directory, String name,
            Map<String, String> properties) {

        /** The results file. */
        public Path results() {
            return directory.resolve(name + ".jtl");
        }

        List<String> argv() {
            List<String> argv = new ArrayList<>();
            argv.add(java.toString());
            argv.addAll(jvmArgs);
            argv.add("-jar");
            argv.add(JMeterHome.launcher(home).toString());
            argv.add("-n");
            argv.add("-t");
            argv.add(plan.toString());
            argv.add("-l");
            argv.add(results().toString());
            argv.add("-j");
            argv.add(directory.resolve(name + ".log").toString());
            argv.add("-Jjmeterengine.nongui.port=0");
            argv.add("-Jjmeter.save.saveservice.output_format=csv");
            argv.add("-Jjmeter.save.saveservice.print_field_names=true");
            properties.forEach((k, v) -> argv.add("-J" + k + "=" + v));
            return argv;
        }
    }

    private JMeterRun() {
    }

    /**
     * Runs JMeter and waits for it.
     *
     * @param command what to run
     * @param deadline when to stop it (monotonic {@link System#nanoTime()})
     * @param progressEvery how often to report progress
     * @param phase the phase name for progress reports
     * @param runStart when the whole test run started (for the elapsed time of progress reports)
     * @param clock the clock for the window
     * @param progress receives the reports
     * @return how it ended
     * @throws IOException if JMeter cannot be started
     */
    public static Outcome run(Command command, long deadline, Duration progressEvery, String phase, Instant runStart,
            Clock clock, Consumer<TestProgress> progress) throws IOException {
        Files.createDirectories(command.directory());
        Files.deleteIfExists(command.results());
        Path output = command.directory().resolve(command.name() + ".out");
        ProcessBuilder pb = new ProcessBuilder(command.argv()).directory(command.directory().toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        log.debug("Starting JMeter: {}", pb.command());
        Instant started = clock.instant();
        Process process = pb.start();
        JtlTail tail = new JtlTail(command.results());
        Runnable tick = () -> {
            try {
                tail.poll();
            } catch (IOException e) {
                log.debug("Reading {} for progress failed: {}", command.results(), e.toString());
            }
            report(progress, new TestProgress(phase, tail.samples(), tail.failed(),
                    nonNegative(Duration.between(runStart, clock.instant()))));
        };
        End end;
        try {
            end = await(process, deadline, progressEvery.toNanos(), tick);
            if (end == End.COMPLETED) {
                tick.run();
            }
        } finally {
            if (process.isAlive()) {
                stop(process);
            }
        }
        Instant ended = clock.instant();
        int exit = end == End.COMPLETED || end == End.FAILED ? process.exitValue() : -1;
        return new Outcome(end == End.COMPLETED && exit != 0 ? End.FAILED : end, exit, started, ended,
                command.results(), lastLines(output));
    }

    private static End await(Process process, long deadline, long every, Runnable poll) {
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return End.TIMED_OUT;
                }
                if (process.waitFor(Math.min(left, every), TimeUnit.NANOSECONDS)) {
                    return End.COMPLETED;
                }
                poll.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return End.INTERRUPTED;
        }
    }

    private static void report(Consumer<TestProgress> progress, TestProgress p) {
        try {
            progress.accept(p);
        } catch (RuntimeException e) {
            log.debug("A progress listener failed: {}", e.toString());
        }
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String lastLines(Path output) {
        try {
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - OUTPUT_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
