package io.github.recordingrules.bench.load;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Outbound delivery off, then on, side by side at concurrency 1 (docs/BENCHMARKS.md): one fresh function
 * process each, on fresh rooms created with a {@code StatusCallback} to a local {@link Receiver}. On, every
 * webhook commits and sends Twilio's status callbacks (one for a participant-connected, two for a track event:
 * the track's and its recording's), and each track event, which starts or stops a recording, a push of the
 * room's recording tracks to the media server; all go to the receiver, which answers 204 at once. Off, status
 * callbacks are disabled and no media server is configured. Both modes allow loopback targets, since a room's
 * {@code StatusCallback} is checked at creation whether callbacks are sent or not.
 */
final class DeliveryComparison {

    private static final Pattern ROOM_SID = Pattern.compile("\\\\?\"sid\\\\?\"\\s*:\\s*\\\\?\"(RM[0-9a-f]{32})");

    private final RuntimeApi api;
    private final LoadDriver driver;
    private final Report report;
    private final int redisPort;
    private final int warmup;
    private final int events;

    DeliveryComparison(RuntimeApi api, Report report, int redisPort, int warmup, int events) {
        this.api = api;
        this.driver = new LoadDriver(api, report);
        this.report = report;
        this.redisPort = redisPort;
        this.warmup = warmup;
        this.events = events;
    }

    /** Stops the instances running so far first: each mode has its process to itself. */
    void run(FunctionInstances functions) throws Exception {
        stopAll(functions);
        try (Receiver receiver = Receiver.start()) {
            Map<String, Map<String, String>> modes = new LinkedHashMap<>();
            modes.put("off", Map.of("RECORDING_RULES_STATUS_CALLBACK_ENABLED", "false",
                    "RECORDING_RULES_OUTBOUND_ALLOWED_PRIVATE_NETWORKS", "127.0.0.1/32"));
            modes.put("on", Map.of("RECORDING_RULES_MEDIA_SERVER_URL", receiver.url("/push"),
                    "RECORDING_RULES_MEDIA_SERVER_SECRET", "bench-media-secret",
                    "RECORDING_RULES_OUTBOUND_ALLOWED_PRIVATE_NETWORKS", "127.0.0.1/32"));
            report.say("outbound delivery: off, then on, one fresh function process each, %d warm-up and %d measured"
                    + " webhooks at concurrency 1; receiver at %s", warmup, events, receiver.url("/"));
            for (Map.Entry<String, Map<String, String>> mode : modes.entrySet()) {
                measure(functions, receiver, mode.getKey(), mode.getValue());
            }
        }
    }

    private void measure(FunctionInstances functions, Receiver receiver, String mode, Map<String, String> settings)
            throws Exception {
        functions.start(settings);
        Workload workload = new Workload();
        int rooms = (warmup + events) / Workload.CALLBACKS_PER_ROOM + Workload.WINDOW + 8;
        byte[] creation = Workload.createRoom(receiver.url("/callbacks"));
        for (int i = 0; i < rooms; i++) {
            Matcher sid = ROOM_SID.matcher(driver.invoke(creation, 201, "room creation").body());
            if (!sid.find()) {
                throw new IllegalStateException("no room SID in a creation answer");
            }
            workload.addRoom(sid.group(1));
        }
        driver.drive("warm-up", 1, warmup, workload::nextWebhook, 200);
        CpuMeter cpu = new CpuMeter(functions, redisPort);
        long callbacks = receiver.callbacks.get();
        long pushes = receiver.pushes.get();
        CpuMeter.Sample before = cpu.sample();
        LoadDriver.Run measured = driver.drive("delivery " + mode, 1, events, workload::nextWebhook, 200);
        CpuMeter.Sample used = cpu.sample().minus(before);
        report.say("outbound delivery %-3s: webhooks at concurrency 1: %6.0f/s  p50 %6.2f ms  p99 %6.2f ms; CPU per webhook:"
                        + " function %.2f ms, redis-server %.3f ms; the receiver got %d status callbacks and %d pushes"
                        + " (%d events, %d failures)",
                mode, measured.perSecond(), measured.percentileMillis(50), measured.percentileMillis(99),
                used.function() / events, used.redis() / events, receiver.callbacks.get() - callbacks,
                receiver.pushes.get() - pushes, measured.count(), measured.failures());
        stopAll(functions);
    }

    private void stopAll(FunctionInstances functions) {
        functions.stopAll();
        api.forgetPolls();
    }

    /** Status callbacks and media-server pushes, on loopback: read, counted, answered 204. */
    static final class Receiver implements AutoCloseable {

        final AtomicLong callbacks = new AtomicLong();
        final AtomicLong pushes = new AtomicLong();
        private final HttpServer server;
        private final ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "delivery-receiver");
            thread.setDaemon(true);
            return thread;
        });

        private Receiver() throws IOException {
            // TCP_NODELAY (sun.net.httpserver.nodelay) is set by RuntimeApi, for this JVM's every JDK server.
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
            server.setExecutor(threads);
            server.createContext("/", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    (exchange.getRequestURI().getPath().equals("/push") ? pushes : callbacks).incrementAndGet();
                    exchange.sendResponseHeaders(204, -1);
                }
            });
        }

        static Receiver start() throws IOException {
            Receiver receiver = new Receiver();
            receiver.server.start();
            return receiver;
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
