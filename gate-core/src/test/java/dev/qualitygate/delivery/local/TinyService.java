package dev.qualitygate.delivery.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A service for the local deployer's tests, run as its own process: listens on 127.0.0.1 at the port in {@code PORT}
 * and answers {@code /} with {@code v<version>}. Arguments: {@code version [healthy|unhealthy|exit]}.
 */
final class TinyService {
    private TinyService() {
    }

    public static void main(String[] args) throws IOException {
        String version = args[0];
        String mode = args.length > 1 ? args[1] : "healthy";
        if (mode.equals("exit")) {
            System.out.println("TinyService " + version + ": cannot start, exiting");
            System.exit(3);
        }
        int port = Integer.parseInt(System.getenv("PORT"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.createContext("/health", ex -> {
            ex.sendResponseHeaders(mode.equals("healthy") ? 200 : 500, -1);
            ex.close();
        });
        server.createContext("/", ex -> {
            byte[] body = ("v" + version).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
    }
}
