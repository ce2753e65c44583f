package dev.qualitygate.delivery.local;

import dev.qualitygate.model.Verdict;
import dev.qualitygate.spi.Deployer;
import dev.qualitygate.spi.DeploymentRequest;
import dev.qualitygate.spi.DeploymentResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code local} deployer; see {@link LocalDeployerProvider}. Thread-safe: one call at a time per deployer. */
final class LocalDeployer implements Deployer {
    private static final Logger log = LoggerFactory.getLogger(LocalDeployer.class);
    private static final Set<String> STRATEGIES = Set.of("direct", "blue_green_service", "blue_green");
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    private static final int LOG_LINES = 8;

    /** One running version. */
    private record Instance(String artifact, Process process, int port, Path log) {
        URI url() {
            return URI.create("http://127.0.0.1:" + port);
        }
    }

    /** What runs for one service in one stage. */
    private static final class Slot {
        @Nullable Instance live;
        @Nullable Instance previous;
        @Nullable String previousArtifact;
        @Nullable ReverseProxy proxy;
    }

    private final LocalDeployerConfig config;
    private final @Nullable Path configuredDirectory;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Slot> slots = new HashMap<>();
    private @Nullable Path directory;
    private boolean closed;

    LocalDeployer(LocalDeployerConfig config, @Nullable Path directory) {
        this.config = config;
        this.configuredDirectory = directory;
    }

    @Override
    public Set<String> strategies() {
        return STRATEGIES;
    }

    @Override
    public synchronized DeploymentResult deploy(DeploymentRequest request) {
        if (closed) {
            throw new IllegalStateException("the local deployer is closed");
        }
        Slot slot = slots.computeIfAbsent(key(request), k -> new Slot());
        boolean blueGreen = !request.strategy().equals("direct");
        Instance started;
        try {
            started = start(request.artifact(), key(request), request.timeout());
        } catch (StartFailure e) {
            return DeploymentResult.fail(e.getMessage());
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("pid", Long.toString(started.process().pid()));
        details.put("port", Integer.toString(started.port()));
        details.put("log", started.log().toString());
        if (!blueGreen) {
            Instance old = slot.live;
            slot.previousArtifact = old == null ? slot.previousArtifact : old.artifact();
            slot.live = started;
            if (old != null) {
                stop(old);
            }
            return new DeploymentResult(Verdict.PASS, "started " + request.artifact() + " at " + started.url()
                    + (old == null ? "" : "; stopped " + old.artifact()), List.of(started.url()), details);
        }
        ReverseProxy proxy = slot.proxy;
        if (proxy == null) {
            try {
                proxy = ReverseProxy.start(http);
            } catch (IOException e) {
                stop(started);
                return DeploymentResult.fail("cannot start the local proxy for " + name(request) + ": " + e);
            }
            slot.proxy = proxy;
        }
        if (slot.previous != null) {
            stop(slot.previous);
        }
        slot.previous = slot.live;
        slot.live = started;
        proxy.switchTo(started.url());
        details.put("proxy", proxy.url().toString());
        Instance previous = slot.previous;
        return new DeploymentResult(Verdict.PASS, "started " + request.artifact() + " at " + started.url()
                + " and switched the proxy " + proxy.url() + " to it"
                + (previous == null ? "" : "; " + previous.artifact() + " keeps running until the release"),
                List.of(proxy.url(), started.url()), details);
    }

    @Override
    public synchronized DeploymentResult release(DeploymentRequest request) {
        Slot slot = slots.get(key(request));
        if (slot == null || slot.live == null) {
            return DeploymentResult.fail("nothing of " + name(request) + " runs here to release");
        }
        Instance previous = slot.previous;
        if (previous == null) {
            return DeploymentResult.pass("released " + slot.live.artifact() + "; no earlier version to stop");
        }
        slot.previous = null;
        slot.previousArtifact = previous.artifact();
        stop(previous);
        return DeploymentResult.pass("released " + slot.live.artifact() + "; stopped " + previous.artifact());
    }

    @Override
    public synchronized DeploymentResult rollback(DeploymentRequest request) {
        Slot slot = slots.get(key(request));
        if (slot == null || slot.live == null) {
            return DeploymentResult.fail("nothing of " + name(request) + " runs here to roll back");
        }
        Instance failed = slot.live;
        ReverseProxy proxy = slot.proxy;
        if (proxy != null) {
            Instance previous = slot.previous;
            slot.live = previous;
            slot.previous = null;
            if (previous != null) {
                proxy.switchTo(previous.url());
            } else {
                proxy.switchTo(null);
            }
            stop(failed);
            return DeploymentResult.pass(previous == null
                    ? "stopped " + failed.artifact() + "; no earlier version was live, so " + proxy.url()
                            + " serves nothing"
                    : "switched the proxy " + proxy.url() + " back to " + previous.artifact() + " and stopped "
                            + failed.artifact());
        }
        String previousArtifact = slot.previousArtifact;
        if (previousArtifact == null) {
            return DeploymentResult.fail("no earlier version of " + name(request) + " to roll back to; "
                    + failed.artifact() + " keeps running");
        }
        Instance restarted;
        try {
            restarted = start(previousArtifact, key(request), request.timeout());
        } catch (StartFailure e) {
            return DeploymentResult.fail("rollback to " + previousArtifact + " failed: " + e.getMessage());
        }
        slot.live = restarted;
        slot.previousArtifact = null;
        stop(failed);
        return new DeploymentResult(Verdict.PASS, "started " + previousArtifact + " again at " + restarted.url()
                + " and stopped " + failed.artifact(), List.of(restarted.url()), Map.of());
    }

    /** Why a version did not become ready. */
    private static final class StartFailure extends Exception {
        private static final long serialVersionUID = 1L;

        StartFailure(String message) {
            super(message);
        }
    }

    private Instance start(String artifact, String slot, Duration timeout) throws StartFailure {
        int port = freePort();
        List<String> command = command(artifact, port);
        Path logFile = directory().resolve(slot.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + port + ".log");
        Process process;
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(logFile.toFile());
            if (config.workingDirectory() != null) {
                pb.directory(Path.of(config.workingDirectory()).toFile());
            }
            pb.environment().put("PORT", Integer.toString(port));
            process = pb.start();
        } catch (IOException e) {
            throw new StartFailure("cannot start " + artifact + " (" + String.join(" ", command) + "): "
                    + e.getMessage());
        }
        Instance instance = new Instance(artifact, process, port, logFile);
        URI health = URI.create("http://127.0.0.1:" + port + config.health());
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        try {
            while (true) {
                if (!process.isAlive()) {
                    throw new StartFailure(artifact + " exited with status " + process.exitValue()
                            + " before " + health + " answered" + tail(logFile));
                }
                try {
                    HttpResponse<Void> response = http.send(HttpRequest.newBuilder(health)
                            .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() >= 200 && response.statusCode() < 400) {
                        log.debug("{} is ready at {}", artifact, instance.url());
                        return instance;
                    }
                    last = "status " + response.statusCode();
                } catch (IOException e) {
                    last = e.getClass().getSimpleName();
                }
                if (System.nanoTime() > deadline) {
                    throw new StartFailure(artifact + " was not ready within " + timeout.toSeconds() + " s: "
                            + health + " gave " + last + tail(logFile));
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(instance);
            throw new StartFailure("interrupted while waiting for " + artifact + " to be ready");
        } catch (StartFailure e) {
            stop(instance);
            throw e;
        }
    }

    private List<String> command(String artifact, int port) {
        List<String> command = new ArrayList<>();
        if (artifact.endsWith(".jar") && !artifact.contains(" ")) {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(config.javaOptions());
            command.add("-jar");
            command.add(artifact);
            return command;
        }
        for (String part : artifact.trim().split("\\s+")) {
            command.add(part.replace("${PORT}", Integer.toString(port)));
        }
        return command;
    }

    private static String tail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return "; it printed nothing";
            }
            List<String> last = lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size());
            return "; its last output (" + logFile + "): " + String.join(" | ", last);
        } catch (IOException e) {
            return "; its output " + logFile + " is unreadable";
        }
    }

    private static void stop(Instance instance) {
        ProcessHandle handle = instance.process().toHandle();
        handle.descendants().forEach(ProcessHandle::destroy);
        handle.destroy();
        try {
            if (!instance.process().waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                handle.descendants().forEach(ProcessHandle::destroyForcibly);
                handle.destroyForcibly();
                instance.process().waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        log.debug("stopped {} (port {})", instance.artifact(), instance.port());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    private Path directory() {
        Path dir = directory;
        if (dir == null) {
            try {
                dir = configuredDirectory != null ? Files.createDirectories(configuredDirectory)
                        : Files.createTempDirectory("qualitygate-local-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the log directory of the local deployer", e);
            }
            directory = dir;
        }
        return dir;
    }

    private static String key(DeploymentRequest request) {
        return request.context().stage() + "/" + request.context().service();
    }

    private static String name(DeploymentRequest request) {
        return request.context().service() + " in " + request.context().stage();
    }

    /** Stops every version and proxy this deployer started. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        for (Slot slot : slots.values()) {
            for (Instance i : Arrays.asList(slot.live, slot.previous)) {
                if (i != null) {
                    stop(i);
                }
            }
            if (slot.proxy != null) {
                slot.proxy.close();
            }
        }
        slots.clear();
    }

    @Override
    public String toString() {
        return "local deployer";
    }
}
