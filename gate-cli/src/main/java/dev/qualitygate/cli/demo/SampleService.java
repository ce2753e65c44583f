package dev.qualitygate.cli.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's service, {@code carts}: {@code gate demo} packs this one class into {@code carts-1.jar},
 * {@code carts-2.jar} and {@code carts-3.jar}, which differ only in the {@code Implementation-Version} of their
 * manifest. It listens on 127.0.0.1 at the port in the environment variable {@code PORT} and answers
 * {@code /health} (200), {@code /} (its name and version) and {@code /api/cart} (a small JSON cart, after about
 * 20 ms of work). Version 2 has a bug: every tenth {@code /api/cart} request fails with 500, an error rate of 10%.
 * It uses only the JDK, so that the jars run with {@code java -jar} alone.
 */
public final class SampleService {
    private SampleService() {
    }

    /**
     * Starts the service.
     *
     * @param args ignored
     * @throws IOException if the port cannot be bound
     */
    public static void main(String[] args) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        String version = String.valueOf(SampleService.class.getPackage().getImplementationVersion());
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        boolean buggy = version.equals("2");
        AtomicLong carts = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        server.createContext("/health", ex -> send(ex, 200, "text/plain", "ok\n"));
        server.createContext("/api/cart", ex -> {
            long n = carts.incrementAndGet();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (buggy && n % 10 == 0) {
                send(ex, 500, "application/json", "{\"error\":\"cart service failed\",\"version\":\"" + version
                        + "\"}\n");
            } else {
                send(ex, 200, "application/json", "{\"version\":\"" + version + "\",\"cart\":" + n
                        + ",\"items\":[\"socks\",\"shoes\"]}\n");
            }
        });
        server.createContext("/", ex -> send(ex, 200, "text/plain", "carts v" + version + "\n"));
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.start();
        System.out.println("carts v" + version + " listening on 127.0.0.1:" + port);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        exchange.close();
    }
}
