package dev.qualitygate.jmeter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The system under test: a JDK HTTP server on 127.0.0.1 with {@code /health} and {@code /api/items}, where every
 * n-th request to {@code /api/items} fails with 500 (never, for n = 0).
 */
final class TestServer implements AutoCloseable {
    static {
        // Without it the JDK server's responses wait for delayed ACKs: 40 ms per request (see jmeter.md).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final AtomicInteger items = new AtomicInteger();
    private final AtomicInteger health = new AtomicInteger();

    TestServer(int failEveryNth, int healthStatus) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", x -> answer(x, healthStatus, health));
        server.createContext("/api/items", x -> {
            int n = items.incrementAndGet();
            answer(x, failEveryNth > 0 && n % failEveryNth == 0 ? 500 : 200, null);
        });
        server.setExecutor(executor);
        server.start();
    }

    private static void answer(HttpExchange x, int status, AtomicInteger counter) throws IOException {
        if (counter != null) {
            counter.incrementAndGet();
        }
        byte[] body = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    URI healthUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/health");
    }

    int itemRequests() {
        return items.get();
    }

    int healthRequests() {
        return health.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
