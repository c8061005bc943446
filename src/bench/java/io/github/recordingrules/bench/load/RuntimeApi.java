package io.github.recordingrules.bench.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda service's side of the Lambda Runtime API, on loopback: function instances long-poll
 * {@code GET /2018-06-01/runtime/invocation/next} for an event and post {@code …/{id}/response} (or
 * {@code error}) with the answer, as on AWS.
 */
final class RuntimeApi implements AutoCloseable {

    private static final Pattern STATUS = Pattern.compile("\"statusCode\"\\s*:\\s*(\\d+)");
    private static final Pattern ANSWER = Pattern.compile("/2018-06-01/runtime/invocation/([^/]+)/(response|error)");

    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    /** Moves on when the instances polling so far were stopped ({@link #forgetPolls()}). */
    private final AtomicInteger pollers = new AtomicInteger();
    private final HttpServer server;
    private volatile boolean running = true;

    /** One event, from queueing to the function's answer. */
    record Invocation(String id, byte[] event, long queuedAt, CompletableFuture<Result> done) {
    }

    /** The API Gateway status and body the function answered ({@code -1}: an error; {@code -2}: no status). */
    record Result(int status, String body, long answeredAt) {
    }

    RuntimeApi() throws IOException {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed
        // ACK: every invocation would wait ~40 ms, which the real Runtime API does not add.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "runtime-api");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/2018-06-01/runtime/", this::serve);
        server.start();
    }

    /** {@code host:port}, as {@code AWS_LAMBDA_RUNTIME_API} gives it. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    Invocation submit(byte[] event) {
        Invocation invocation = new Invocation("req-" + ids.incrementAndGet(), event, System.nanoTime(),
                new CompletableFuture<>());
        inFlight.put(invocation.id(), invocation);
        pending.add(invocation);
        return invocation;
    }

    /**
     * The instances polling so far were stopped: their long polls, still open on this side, take no more
     * events (an event handed to a dead instance would never be answered). Call it once they have exited,
     * before starting others.
     */
    void forgetPolls() {
        pollers.incrementAndGet();
    }

    @Override
    public void close() {
        running = false;
        server.stop(0);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.equals("/2018-06-01/runtime/invocation/next") && exchange.getRequestMethod().equals("GET")) {
                next(exchange);
                return;
            }
            Matcher answer = ANSWER.matcher(path);
            if (answer.matches()) {
                long answeredAt = System.nanoTime();
                Invocation invocation = inFlight.remove(answer.group(1));
                exchange.sendResponseHeaders(202, -1);
                if (invocation != null) {
                    String text = new String(body, StandardCharsets.UTF_8);
                    int status = -1;
                    if (answer.group(2).equals("response")) {
                        Matcher s = STATUS.matcher(text);
                        status = s.find() ? Integer.parseInt(s.group(1)) : -2;
                    }
                    invocation.done().complete(new Result(status, text, answeredAt));
                }
                return;
            }
            if (path.equals("/2018-06-01/runtime/init/error")) {
                System.err.println("function init error: " + new String(body, StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(404, -1);
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        int poller = pollers.get();
        Invocation next = null;
        while (running && next == null && pollers.get() == poller) {
            try {
                next = pending.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (next != null && pollers.get() != poller) {
            pending.add(next);
            next = null;
        }
        if (next == null) {
            exchange.sendResponseHeaders(500, -1);
            return;
        }
        var headers = exchange.getResponseHeaders();
        headers.add("Lambda-Runtime-Aws-Request-Id", next.id());
        headers.add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 30_000));
        headers.add("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:eu-west-1:123456789012:function:recording-rules-bench");
        headers.add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
        headers.add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, next.event().length);
        exchange.getResponseBody().write(next.event());
    }
}
