package dev.qualitygate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * One in-process run of the {@code gate} command with its standard output and error captured.
 *
 * @param exitCode the exit code
 * @param out what went to standard output
 * @param err what went to standard error
 */
record GateRun(int exitCode, String out, String err) {

    /** Runs {@code gate} with the arguments, exactly as {@link GateCommand#main} would but in this JVM. */
    static GateRun gate(String... args) {
        return gate(picocli.CommandLine.defaultFactory(), args);
    }

    /** Runs {@code gate} with subcommands created by the factory (for example a demo with given plugins). */
    static GateRun gate(picocli.CommandLine.IFactory factory, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GateCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), factory)
                .execute(args);
        return new GateRun(code, out.toString(), err.toString());
    }

    /** The lines of standard output, without empty ones. */
    List<String> outLines() {
        return lines(out);
    }

    /** The lines of standard error, without empty ones. */
    List<String> errLines() {
        return lines(err);
    }

    /** Asserts that standard error shows no exception or stack trace. */
    GateRun hasNoStackTrace() {
        assertThat(err).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("at dev.");
        return this;
    }

    private static List<String> lines(String text) {
        return Arrays.stream(text.split("\\R")).filter(l -> !l.isBlank()).toList();
    }

    /**
     * The shared corpus directory from the system property {@code qualitygate.corpus}; skips the calling test when it
     * is not set or missing.
     */
    static Path corpus() {
        String dir = System.getProperty("qualitygate.corpus", "");
        Assumptions.assumeTrue(!dir.isBlank() && Files.isDirectory(Path.of(dir)),
                "run with -Dqualitygate.corpus=/path/to/shared/corpus");
        return Path.of(dir);
    }
}
