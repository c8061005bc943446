package io.github.recordingrules.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A real HTTP receiver on a loopback address, as an application's status callback endpoint or a media server
 * is: it records every request it gets and answers as the test tells it to (a status, after a delay, with a
 * body). It can be taken down (its port then refuses connections) and brought back on the same port.
 */
public final class Receiver implements AutoCloseable {

    /** A request as received; {@code received} is its arrival time ({@link System#nanoTime()}). */
    public record Request(String method, String path, String query, Map<String, List<String>> headers, String body,
                          long received) {

        public String header(String name) {
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                if (header.getKey().equalsIgnoreCase(name)) {
                    return header.getValue().get(0);
                }
            }
            return null;
        }

        /** The form parameters: the body's for a POST, the query's for a GET. */
        public Map<String, String> form() {
            return parse(method.equals("GET") ? query : body);
        }

        public String param(String name) {
            return form().get(name);
        }

        private static Map<String, String> parse(String encoded) {
            Map<String, String> form = new LinkedHashMap<>();
            if (encoded == null || encoded.isEmpty()) {
                return form;
            }
            for (String pair : encoded.split("&")) {
                int equals = pair.indexOf('=');
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
            return form;
        }
    }

    /** How to answer. */
    public record Reply(int status, Duration delay, byte[] body, Map<String, String> headers) {

        public static Reply status(int status) {
            return new Reply(status, Duration.ZERO, new byte[0], Map.of());
        }

        public Reply after(Duration wait) {
            return new Reply(status, wait, body, headers);
        }
    }

    private final InetAddress address;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Function<Request, Reply> behaviour = request -> Reply.status(200);
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private int port;
    private HttpServer server;

    private Receiver(InetAddress address) {
        this.address = address;
    }

    /** A receiver on a free port of {@code address} (127.0.0.1, or another loopback address). */
    public static Receiver start(String address) {
        try {
            Receiver receiver = new Receiver(InetAddress.getByName(address));
            receiver.listen(0);
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void listen(int onPort) throws IOException {
        server = HttpServer.create(new InetSocketAddress(address, onPort), 64);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
        port = server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), new LinkedHashMap<>(exchange.getRequestHeaders()), body,
                    System.nanoTime());
            requests.add(request);
            Reply reply = behaviour.apply(request);
            if (!reply.delay().isZero()) {
                Thread.sleep(reply.delay().toMillis());
            }
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            if (reply.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply.body());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The sender gave up (a timeout, a capped answer): nothing to answer any more.
        }
    }

    public void behave(Function<Request, Reply> answer) {
        this.behaviour = answer;
    }

    /** {@code http://<address>:<port><path>}. */
    public String url(String path) {
        return "http://" + address.getHostAddress() + ":" + port + path;
    }

    public int port() {
        return port;
    }

    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    public List<Request> requests(Predicate<Request> which) {
        return requests.stream().filter(which).toList();
    }

    /**
     * Each message once, in the order it first arrived: requests carrying an idempotency key already seen
     * (the header, or {@code keyOf}) are retries, and must repeat that first request exactly.
     */
    public List<Request> firstDeliveries(Function<Request, String> keyOf) {
        Map<String, Request> first = new LinkedHashMap<>();
        for (Request request : requests) {
            Request earlier = first.putIfAbsent(keyOf.apply(request), request);
            if (earlier != null && !(earlier.body().equals(request.body()) && java.util.Objects.equals(earlier.query(), request.query()))) {
                throw new AssertionError("two different messages with the key " + keyOf.apply(request));
            }
        }
        return new ArrayList<>(first.values());
    }

    /** Stops listening: connections to the port are refused until {@link #up()}. */
    public synchronized void down() {
        server.stop(0);
    }

    public synchronized void up() {
        try {
            listen(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
