package dev.qualitygate.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted stand-in for Prometheus on the JDK's {@code HttpServer}, for the faults a real server does not produce on
 * demand: slow answers, 5xx and 429, bodies cut off or stalled, malformed JSON. Listens on a free loopback port and
 * records every request.
 */
final class FakePrometheus implements AutoCloseable {

    /** How a reply is sent. */
    enum Mode {
        /** Status, headers and the whole body. */
        NORMAL,
        /** Announces a longer body than it sends, then closes the connection. */
        CUT_OFF,
        /** Sends the status and the first half of the body, then waits for the delay before the rest. */
        STALL
    }

    /**
     * One reply.
     *
     * @param status the HTTP status
     * @param contentType the content type
     * @param headers further headers
     * @param body the body
     * @param delay how long to wait before answering (or, with {@link Mode#STALL}, in the middle of the body)
     * @param mode how the reply is sent
     */
    record Reply(int status, String contentType, Map<String, String> headers, String body, Duration delay, Mode mode) {
        static Reply json(int status, String body) {
            return new Reply(status, "application/json", Map.of(), body, Duration.ZERO, Mode.NORMAL);
        }

        static Reply text(int status, String body) {
            return new Reply(status, "text/plain; charset=utf-8", Map.of(), body, Duration.ZERO, Mode.NORMAL);
        }

        /** A vector with one sample of the value. */
        static Reply value(String value) {
            return json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                    + "{\"metric\":{},\"value\":[1767225600,\"" + value + "\"]}]}}");
        }

        /** Prometheus' error envelope. */
        static Reply error(int status, String errorType, String error) {
            return json(status, "{\"status\":\"error\",\"errorType\":\"" + errorType + "\",\"error\":\"" + error + "\"}");
        }

        Reply after(Duration wait) {
            return new Reply(status, contentType, headers, body, wait, mode);
        }

        Reply header(String name, String value) {
            Map<String, String> copy = new LinkedHashMap<>(headers);
            copy.put(name, value);
            return new Reply(status, contentType, copy, body, delay, mode);
        }

        Reply mode(Mode sending) {
            return new Reply(status, contentType, headers, body, delay, sending);
        }
    }

    /**
     * A request as received.
     *
     * @param method the HTTP method
     * @param path the request path
     * @param headers the headers (names in the server's capitalisation)
     * @param form the form fields of the body, decoded
     */
    record Request(String method, String path, Map<String, List<String>> headers, Map<String, String> form) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse("");
        }
    }

    /** Chooses the reply to a request. */
    @FunctionalInterface
    interface Script {
        /**
         * The reply.
         *
         * @param request the request
         * @param index how many requests came before it
         * @return the reply
         */
        Reply reply(Request request, int index);
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private FakePrometheus(Script script) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-prometheus");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger count = new AtomicInteger();
        server.createContext("/", exchange -> {
            try (exchange) {
                Request request = read(exchange);
                requests.add(request);
                send(exchange, script.reply(request, count.getAndIncrement()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a server that answers with the script. */
    static FakePrometheus start(Script script) throws IOException {
        return new FakePrometheus(script);
    }

    /** Starts a server that answers with the replies in turn, repeating the last one. */
    static FakePrometheus replying(Reply... replies) throws IOException {
        return new FakePrometheus((request, index) -> replies[Math.min(index, replies.length - 1)]);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static Request read(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders()), form);
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException, InterruptedException {
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        if (reply.mode() != Mode.STALL) {
            Thread.sleep(reply.delay().toMillis());
        }
        OutputStream out = exchange.getResponseBody();
        switch (reply.mode()) {
            case CUT_OFF:
                exchange.sendResponseHeaders(reply.status(), body.length + 100L);
                out.write(body);
                out.flush();
                break;
            case STALL:
                exchange.sendResponseHeaders(reply.status(), body.length);
                out.write(body, 0, body.length / 2);
                out.flush();
                Thread.sleep(reply.delay().toMillis());
                out.write(body, body.length / 2, body.length - body.length / 2);
                break;
            default:
                exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
                out.write(body);
        }
    }
}
