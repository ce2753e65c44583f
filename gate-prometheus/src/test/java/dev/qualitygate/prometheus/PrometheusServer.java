package dev.qualitygate.prometheus;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus server (Debian's {@code prometheus} package) for tests: loads known series from OpenMetrics
 * text with {@code promtool tsdb create-blocks-from openmetrics}, listens on a free loopback port, and is stopped
 * by {@link #close()}. Public because gate-cli's end-to-end test uses it from this module's test jar.
 *
 * <p>When {@code prometheus} or {@code promtool} is not on the PATH, {@link #start} skips the calling test with a
 * hint how to install them; under CI (environment variable {@code CI=true}) it fails instead, so that CI never skips
 * silently.
 */
public final class PrometheusServer implements AutoCloseable {
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern LISTENING = Pattern.compile("Listening on\" address=127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final Path log;
    private final URI url;

    private PrometheusServer(Process process, Path log, URI url) {
        this.process = process;
        this.log = log;
        this.url = url;
    }

    /**
     * Loads the series and starts the server; returns once it answers {@code /-/ready}.
     *
     * @param dir an empty working directory for the data, configuration and log
     * @param openMetrics the series in OpenMetrics text, timestamps in seconds, ending with {@code # EOF}
     * @return the running server
     * @throws IOException if a file cannot be written or a process cannot be started
     * @throws InterruptedException if interrupted while waiting
     */
    public static PrometheusServer start(Path dir, String openMetrics) throws IOException, InterruptedException {
        String prometheus = executable("prometheus");
        String promtool = executable("promtool");
        Path data = dir.resolve("data");
        Path series = Files.writeString(dir.resolve("series.om"), openMetrics, StandardCharsets.UTF_8);
        run(dir, List.of(promtool, "tsdb", "create-blocks-from", "openmetrics", series.toString(), data.toString()));
        Path config = Files.writeString(dir.resolve("prometheus.yml"), "global: {}\n", StandardCharsets.UTF_8);
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder(prometheus, "--config.file=" + config,
                "--storage.tsdb.path=" + data, "--storage.tsdb.retention.time=100y",
                "--web.listen-address=127.0.0.1:0")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            URI url = URI.create("http://127.0.0.1:" + awaitPort(process, log) + "/");
            awaitReady(process, log, url);
            return new PrometheusServer(process, log, url);
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            stop(process);
            throw e;
        }
    }

    /**
     * The server's base URL.
     *
     * @return such as {@code http://127.0.0.1:41234/}
     */
    public URI url() {
        return url;
    }

    /** Stops the server: SIGTERM, then SIGKILL if it has not exited after ten seconds. */
    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "PrometheusServer[" + url + ", log " + log + "]";
    }

    /** The path of a program on the PATH; skips the test, or fails it under CI, when there is none. */
    private static String executable(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        String message = name + " is not on the PATH; install Debian's prometheus package: apt-get install -y"
                + " --no-install-recommends prometheus";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + " (CI=true, so this fails instead of skipping)");
        }
        return Assumptions.abort(message);
    }

    private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile(dir, "promtool", ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!p.waitFor(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within " + STEP_TIMEOUT);
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + p.exitValue() + ":\n"
                    + Files.readString(output));
        }
    }

    private static int awaitPort(Process process, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(Files.readString(log));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!process.isAlive()) {
                throw new IOException("prometheus exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            Thread.sleep(20);
        }
        throw new IOException("prometheus did not say where it listens within " + STEP_TIMEOUT + ":\n"
                + Files.readString(log));
    }

    private static void awaitReady(Process process, Path log, URI url) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(url.resolve("-/ready")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not accepting connections yet
            }
            if (!process.isAlive()) {
                throw new IOException("prometheus exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            Thread.sleep(20);
        }
        throw new IOException("prometheus was not ready within " + STEP_TIMEOUT + ":\n" + Files.readString(log));
    }
}
