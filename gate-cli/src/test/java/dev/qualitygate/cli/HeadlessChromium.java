package dev.qualitygate.cli;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Debian's headless Chromium driven over the Chrome DevTools Protocol with the JDK's WebSocket client: start it, open
 * a page, evaluate JavaScript in it, collect what it reports (console errors, exceptions, log entries, network
 * requests), take a screenshot. Every wait is bounded.
 *
 * <p>Chromium is started with {@code --remote-debugging-port=0}; it writes the port it chose and the browser's
 * WebSocket path into {@code DevToolsActivePort} in its fresh user-data directory. One page target is created and
 * attached in flat mode, so that its commands and events travel over the browser connection with a session id.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final List<Waiter> waiters = new CopyOnWriteArrayList<>();
    private String session = "";

    private record Waiter(Predicate<JsonNode> matches, CompletableFuture<JsonNode> event) {
    }

    private HeadlessChromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /**
     * The Chromium executable on the PATH. Skips the calling test when there is none, except under CI
     * ({@code CI=true}), where it fails: CI installs Chromium and must never silently skip.
     */
    static Path executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        String message = "Chromium is not installed; install Debian's package: apt-get install -y"
                + " --no-install-recommends chromium";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + " (CI=true, so this test fails instead of skipping)");
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    /**
     * Starts Chromium with a page of the given size.
     *
     * @param executable the Chromium binary
     * @param userDataDir an empty directory for its profile; its {@code chromium.log} receives Chromium's output
     */
    static HeadlessChromium start(Path executable, Path userDataDir, int width, int height)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--mute-audio", "--hide-scrollbars",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--user-data-dir=" + userDataDir, "about:blank")
                .redirectErrorStream(true)
                .redirectOutput(userDataDir.resolve("chromium.log").toFile())
                .start();
        try {
            String[] port = activePort(userDataDir.resolve("DevToolsActivePort"), process);
            URI uri = URI.create("ws://127.0.0.1:" + port[0] + port[1]);
            Listener listener = new Listener();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT)
                    .buildAsync(uri, listener).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            HeadlessChromium chromium = new HeadlessChromium(process, socket);
            listener.chromium = chromium;
            chromium.openPage(width, height);
            return chromium;
        } catch (IOException | InterruptedException | RuntimeException | ExecutionException | TimeoutException e) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IOException("Chromium did not start: " + e + "; its output is in "
                    + userDataDir.resolve("chromium.log"), e);
        }
    }

    private static String[] activePort(Path file, Process process) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                if (lines.size() >= 2 && !lines.get(1).isBlank()) {
                    return new String[] {lines.get(0).trim(), lines.get(1).trim()};
                }
            }
            if (!process.isAlive()) {
                throw new IOException("Chromium exited with code " + process.exitValue());
            }
            Thread.sleep(50);
        }
        throw new IOException("Chromium wrote no " + file + " within " + TIMEOUT.toSeconds() + " s");
    }

    private void openPage(int width, int height) throws IOException {
        String target = browserCommand("Target.createTarget", params().put("url", "about:blank"))
                .path("targetId").asString();
        session = browserCommand("Target.attachToTarget", params().put("targetId", target).put("flatten", true))
                .path("sessionId").asString();
        for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
            command(domain + ".enable", params());
        }
        command("Emulation.setDeviceMetricsOverride", params().put("width", width).put("height", height)
                .put("deviceScaleFactor", 1).put("mobile", false));
    }

    /** Loads a URL and waits for its load event. */
    void navigate(String url) throws IOException {
        CompletableFuture<JsonNode> loaded = awaitEvent(e -> e.path("method").asString().equals("Page.loadEventFired"));
        JsonNode result = command("Page.navigate", params().put("url", url));
        if (result.has("errorText")) {
            throw new IOException("navigation to " + url + " failed: " + result.path("errorText").asString());
        }
        get(loaded, "the load event of " + url);
    }

    /**
     * Evaluates a JavaScript expression in the page and returns its value (JSON-serializable values only).
     *
     * @throws IOException if the expression throws
     */
    JsonNode evaluate(String expression) throws IOException {
        JsonNode result = command("Runtime.evaluate", params().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IOException("the expression threw: " + result.path("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Evaluates a boolean expression until it is true; fails after the timeout. */
    void waitUntil(String expression) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!evaluate(expression).asBoolean(false)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("still false after " + TIMEOUT.toSeconds() + " s: " + expression);
            }
            Thread.sleep(20);
        }
    }

    /**
     * Writes a PNG screenshot of the whole page. The viewport is stretched to the page's height meanwhile, so that
     * parts outside the viewport that the page renders lazily ({@code content-visibility: auto}) are drawn too.
     */
    void screenshot(Path file) throws IOException {
        JsonNode size = evaluate("({width: innerWidth, height: innerHeight,"
                + " full: Math.ceil(document.documentElement.scrollHeight)})");
        int width = size.path("width").asInt();
        command("Emulation.setDeviceMetricsOverride", params().put("width", width)
                .put("height", Math.max(size.path("height").asInt(), size.path("full").asInt()))
                .put("deviceScaleFactor", 1).put("mobile", false));
        JsonNode shot;
        try {
            shot = command("Page.captureScreenshot", params().put("format", "png"));
        } finally {
            command("Emulation.setDeviceMetricsOverride", params().put("width", width)
                    .put("height", size.path("height").asInt()).put("deviceScaleFactor", 1).put("mobile", false));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(shot.path("data").asString()));
    }

    /**
     * What the page reported as wrong: console errors and assertions, uncaught exceptions, and log entries of
     * level error (where Chromium reports blocked loads and Content-Security-Policy violations), one line each.
     */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (JsonNode e : events) {
            JsonNode p = e.path("params");
            switch (e.path("method").asString()) {
                case "Runtime.consoleAPICalled":
                    String type = p.path("type").asString();
                    if (type.equals("error") || type.equals("assert")) {
                        problems.add("console." + type + ": " + p.path("args"));
                    }
                    break;
                case "Runtime.exceptionThrown":
                    problems.add("exception: " + p.path("exceptionDetails"));
                    break;
                case "Log.entryAdded":
                    if (p.path("entry").path("level").asString().equals("error")) {
                        problems.add("log: " + p.path("entry"));
                    }
                    break;
                default:
                    break;
            }
        }
        return problems;
    }

    /** The URLs of every request the page made, its own document included. */
    List<String> requestedUrls() {
        List<String> urls = new ArrayList<>();
        for (JsonNode e : events) {
            if (e.path("method").asString().equals("Network.requestWillBeSent")) {
                urls.add(e.path("params").path("request").path("url").asString());
            }
        }
        return urls;
    }

    /** Asks Chromium to close, and ends its process if it has not exited within 10 seconds. */
    @Override
    public void close() {
        try {
            browserCommand("Browser.close", params());
        } catch (IOException | RuntimeException e) {
            // the process is ended below either way
        }
        socket.abort();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static ObjectNode params() {
        return JSON.createObjectNode();
    }

    private JsonNode command(String method, ObjectNode params) throws IOException {
        return send(method, params, session);
    }

    private JsonNode browserCommand(String method, ObjectNode params) throws IOException {
        return send(method, params, "");
    }

    private JsonNode send(String method, ObjectNode params, String sessionId) throws IOException {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        if (!sessionId.isEmpty()) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(JSON.writeValueAsString(message), true);
        JsonNode answer = get(reply, method);
        if (answer.has("error")) {
            throw new IOException(method + " failed: " + answer.path("error"));
        }
        return answer.path("result");
    }

    private CompletableFuture<JsonNode> awaitEvent(Predicate<JsonNode> matches) {
        CompletableFuture<JsonNode> event = new CompletableFuture<>();
        waiters.add(new Waiter(matches, event));
        return event;
    }

    private static JsonNode get(CompletableFuture<JsonNode> future, String what) throws IOException {
        try {
            return future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IOException("no answer to " + what + " within " + TIMEOUT.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new IOException(what + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for " + what, e);
        }
    }

    private void received(String text) {
        JsonNode message = JSON.readTree(text);
        if (message.has("id")) {
            CompletableFuture<JsonNode> reply = pending.remove(message.path("id").asInt());
            if (reply != null) {
                reply.complete(message);
            }
            return;
        }
        events.add(message);
        for (Waiter w : waiters) {
            if (w.matches.test(message) && w.event.complete(message)) {
                waiters.remove(w);
            }
        }
    }

    /** Joins text frames into messages and hands them to the browser object. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private volatile HeadlessChromium chromium;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                HeadlessChromium c = chromium;
                if (c != null) {
                    c.received(message);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
