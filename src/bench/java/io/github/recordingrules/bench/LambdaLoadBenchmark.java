package io.github.recordingrules.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.recordingrules.devredis.LocalRedis;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End-to-end load benchmark of the packaged function (target/function.zip, JVM, prod profile) on the real
 * Lambda request path.
 * <p>
 * This class is the Lambda service: it serves the Lambda Runtime API ({@code GET
 * /2018-06-01/runtime/invocation/next}, {@code POST /2018-06-01/runtime/invocation/{id}/response}) on
 * loopback, and starts the function as Lambda starts a custom-runtime instance: a process with
 * {@code AWS_LAMBDA_RUNTIME_API=host:port} (read by Quarkus's poll loop, {@code AmazonLambdaApi}), plus
 * {@code QUARKUS_REDIS_HOSTS}, {@code TWILIO_ACCOUNT_SID} and {@code TWILIO_AUTH_TOKEN}. Each event is an API
 * Gateway HTTP API (payload 2.0) request carrying a signed Twilio room status callback.
 * <p>
 * Concurrency N means N function processes polling the one Runtime API and N events in flight, as N Lambda
 * instances each handle one event at a time. Processes are added between levels (1, then 8, then 32) and
 * warmed up before each measured run. Then {@code redis-benchmark} runs the exact commands one webhook
 * issues (HMGET of the room hash, EVALSHA of the save script) at the same concurrencies, so the function's
 * throughput reads as a ratio of raw Redis's.
 */
public final class LambdaLoadBenchmark {

    static final String ACCOUNT_SID = "AC" + "b".repeat(32);
    static final String AUTH_TOKEN = "bench-auth-token-0123456789abcdef";
    static final String HOST = "abc123def4.execute-api.eu-west-1.amazonaws.com";
    static final String WEBHOOK_PATH = "/webhooks/room-events";
    static final Pattern STATUS = Pattern.compile("\"statusCode\"\\s*:\\s*(\\d+)");
    static final Pattern ROOM_SID = Pattern.compile("\\\\?\"sid\\\\?\"\\s*:\\s*\\\\?\"(RM[0-9a-f]{32})");
    static final int PARTICIPANTS_PER_ROOM = 16;
    /** The soak's rooms: 50 participants with a microphone and a camera make answers of about 23 KB. */
    static final int SOAK_PARTICIPANTS = 50;

    // --- options ---
    private Path functionZip = Path.of("target/function.zip");
    private Path workDir = Path.of("target/bench");
    private int[] levels = {1, 8, 32};
    private int warmup = 3000;
    private int events = 5000;
    private int rssEvents = 10_000;
    private int redisBenchmarkRequests = 20_000;
    private String jvmOpts = "-XX:+UseSerialGC -XX:+TieredCompilation -XX:TieredStopAtLevel=1";
    private int soak;
    private int stallSeconds = 10;
    private boolean soakContentLength = true;
    private volatile boolean stalled;

    // --- Runtime API ---
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private HttpServer server;
    private volatile boolean running = true;

    private final List<Process> functions = new ArrayList<>();
    private LocalRedis redis;
    private Workload workload = new Workload(PARTICIPANTS_PER_ROOM, Workload.WINDOW);
    private final List<String> report = new ArrayList<>();

    record Invocation(String id, byte[] event, long queuedAt, CompletableFuture<Result> done) {
    }

    record Result(int status, String body, long answeredAt) {
    }

    record Run(String name, int concurrency, int count, double seconds, long[] latenciesNanos, int failures) {
        double perSecond() {
            return count / seconds;
        }

        double percentileMillis(double p) {
            long[] sorted = latenciesNanos.clone();
            Arrays.sort(sorted);
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
        }
    }

    record RedisFigures(double rps, double p50, double p99) {
    }

    public static void main(String[] args) throws Exception {
        LambdaLoadBenchmark bench = new LambdaLoadBenchmark();
        bench.parse(args);
        try {
            bench.run();
        } finally {
            bench.shutdown();
        }
        System.exit(bench.stalled ? 1 : 0);
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--function-zip" -> functionZip = Path.of(value);
                case "--work-dir" -> workDir = Path.of(value);
                case "--levels" -> levels = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--events" -> events = Integer.parseInt(value);
                case "--rss-events" -> rssEvents = Integer.parseInt(value);
                case "--redis-benchmark-requests" -> redisBenchmarkRequests = Integer.parseInt(value);
                case "--jvm-opts" -> jvmOpts = value;
                case "--soak" -> soak = Integer.parseInt(value);
                case "--stall-seconds" -> stallSeconds = Integer.parseInt(value);
                case "--content-length" -> soakContentLength = Boolean.parseBoolean(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
            i++;
        }
    }

    private void run() throws Exception {
        Path function = unpack();
        redis = LocalRedis.start();
        String redisVersion = firstLine(new ProcessBuilder("redis-server", "--version").start());
        startRuntimeApi();
        say("machine: %d cores visible to the JVM, load average %s; JDK %s; %s",
                Runtime.getRuntime().availableProcessors(), loadAverage(), System.getProperty("java.version"), redisVersion);
        say("function: %s, JVM options for each function process: %s", functionZip, jvmOpts);
        say("runtime API at 127.0.0.1:%d, redis at %s", server.getAddress().getPort(), redis.uri());
        if (soak > 0) {
            soak(function);
            return;
        }

        // --- start-up: one process alone, its first event a webhook on a room it has never seen ---
        long started = System.nanoTime();
        Process first = startFunction(function, 1);
        Result firstAnswer = invoke(workload.discoveryEvent()).get(120, TimeUnit.SECONDS);
        double startToFirstEvent = (firstAnswer.answeredAt() - started) / 1e9;
        check(firstAnswer, 200, "first event");
        say("start-up: JVM process start to first answered event: %.3f s (Quarkus says: %s)", startToFirstEvent,
                quarkusStartedLine(workDir.resolve("logs/function-1.log")));
        int handledByFirst = 1;

        // --- rooms, created through the REST API on the same Lambda path (not measured) ---
        int webhooks = Math.max(rssEvents, warmup + events) + (warmup + events) * (levels.length - 1) + Math.min(events, 3000);
        int roomsNeeded = webhooks / (PARTICIPANTS_PER_ROOM * 4) + Workload.WINDOW + 32;
        long t = System.nanoTime();
        for (int i = 0; i < roomsNeeded; i++) {
            Result created = invoke(workload.createRoomEvent()).get(30, TimeUnit.SECONDS);
            check(created, 201, "room creation");
            Matcher sid = ROOM_SID.matcher(created.body());
            if (!sid.find()) {
                throw new IllegalStateException("no room SID in " + created.body());
            }
            workload.addRoom(sid.group(1));
        }
        handledByFirst += roomsNeeded;
        say("setup: %d group rooms with 20 rules created through POST /v1/Rooms in %.1f s", roomsNeeded,
                (System.nanoTime() - t) / 1e9);

        List<Run> runs = new ArrayList<>();
        int processes = 1;
        for (int level : levels) {
            if (level > processes) {
                long t0 = System.nanoTime();
                int before = processes;
                for (int i = processes + 1; i <= level; i++) {
                    startFunction(function, i);
                }
                processes = level;
                say("started %d more function processes (now %d)", level - before, processes);
                // first answers of the new processes are part of the warm-up
                Run warm = drive("warm-up", level, warmup, workload::nextWebhook, 200);
                say("  warm-up at concurrency %d: %d events in %.1f s (%.0f/s), %d failures; %.1f s since the starts",
                        level, warmup, warm.seconds(), warm.perSecond(), warm.failures(), (System.nanoTime() - t0) / 1e9);
            } else {
                Run warm = drive("warm-up", level, warmup, workload::nextWebhook, 200);
                say("  warm-up at concurrency %d: %d events in %.1f s (%.0f/s), %d failures", level, warmup,
                        warm.seconds(), warm.perSecond(), warm.failures());
            }
            if (level == 1) {
                handledByFirst += warmup;
            }
            long[] cpuBefore = cpuTicks();
            Run measured = drive("webhooks", level, events, workload::nextWebhook, 200);
            long[] cpuAfter = cpuTicks();
            runs.add(measured);
            say("webhooks at concurrency %2d (%2d processes): %6.0f webhooks/s  p50 %6.2f ms  p99 %6.2f ms  (%d events, %d failures)",
                    level, processes, measured.perSecond(), measured.percentileMillis(50), measured.percentileMillis(99),
                    measured.count(), measured.failures());
            say("  CPU per webhook (user+system, from /proc): function processes %.2f ms, redis-server %.3f ms,"
                            + " this driver (Runtime API + client) %.2f ms",
                    ticksToMillis(cpuAfter[0] - cpuBefore[0]) / events, ticksToMillis(cpuAfter[1] - cpuBefore[1]) / events,
                    ticksToMillis(cpuAfter[2] - cpuBefore[2]) / events);
            if (level == 1) {
                handledByFirst += events;
                if (handledByFirst < rssEvents) {
                    drive("top-up", 1, rssEvents - handledByFirst, workload::nextWebhook, 200);
                    handledByFirst = rssEvents;
                }
                say("memory: function process 1 after %d events: %s", handledByFirst, rss(first.pid()));
            }
            if (level == 8 || (level == levels[levels.length - 1] && Arrays.stream(levels).noneMatch(l -> l == 8))) {
                Run floor = drive("forged", level, Math.min(events, 3000), workload::forgedWebhook, 403);
                say("no-Redis floor at concurrency %2d: a webhook with a wrong signature (403, no Redis call): "
                        + "%6.0f/s  p50 %6.2f ms  p99 %6.2f ms", level, floor.perSecond(), floor.percentileMillis(50),
                        floor.percentileMillis(99));
            }
        }

        // --- raw Redis, the same commands at the same concurrencies ---
        String redisBenchmark = which("redis-benchmark");
        if (redisBenchmark == null) {
            say("redis-benchmark not found: install redis-tools for the ratio to raw Redis");
            return;
        }
        String[] script = saveScript();
        String sha = resp("SCRIPT", "LOAD", script[0]);
        if (!sha.equals(script[1])) {
            throw new IllegalStateException("SCRIPT LOAD gave " + sha + ", the function runs " + script[1]);
        }
        String roomKey = workload.sampleRoomKey();
        String state = resp("HGET", roomKey, "s");
        say("raw Redis: the room read and written is %s, a room at the end of its script: %d characters of JSON",
                roomKey, state.length());
        for (Run run : runs) {
            int c = run.concurrency();
            RedisFigures hmget = redisBenchmark(redisBenchmark, c, "HMGET", roomKey, "v", "s");
            RedisFigures evalsha = redisBenchmark(redisBenchmark, c, "EVALSHA", sha, "1",
                    "rrbench:{RM__rand_int__}:room", "0", state, "172800000");
            // One state-changing webhook is one HMGET then one EVALSHA, one after the other.
            double rawWebhooks = 1 / (1 / hmget.rps() + 1 / evalsha.rps());
            say("redis-benchmark at concurrency %2d: HMGET %8.0f/s p50 %.3f p99 %.3f ms; EVALSHA(save, %d-char state) %8.0f/s p50 %.3f p99 %.3f ms",
                    c, hmget.rps(), hmget.p50(), hmget.p99(), state.length(), evalsha.rps(), evalsha.p50(), evalsha.p99());
            say("  => raw Redis, HMGET+EVALSHA in sequence: %.0f webhooks/s; the function does %.0f/s = %.1f%% of raw Redis"
                            + " (%.3f); p99 %.2f ms vs HMGET p99 + EVALSHA p99 = %.2f ms: handling adds %.2f ms at p99",
                    rawWebhooks, run.perSecond(), 100 * run.perSecond() / rawWebhooks, run.perSecond() / rawWebhooks,
                    run.percentileMillis(99), hmget.p99() + evalsha.p99(), run.percentileMillis(99) - hmget.p99() - evalsha.p99());
        }
        say("load average at the end: %s", loadAverage());
        Files.write(workDir.resolve("load-report.txt"), report);
    }

    // ---------------------------------------------------------------- soak

    /**
     * Issue 15 item 13: one function process, {@code --soak N} signed callbacks one after another into
     * {@value #SOAK_PARTICIPANTS}-participant rooms (answers of about 23 KB once a room is full). Every
     * answer is awaited at most {@code --stall-seconds}; an invocation still unanswered then is a stall:
     * the function's threads are dumped (logs/stall-threads.txt) and the run exits with status 1.
     * {@code --content-length false} leaves Content-Length out of the events, as AWS's sample events and
     * some direct invocations do.
     */
    private void soak(Path function) throws Exception {
        workload = new Workload(SOAK_PARTICIPANTS, 2);
        workload.contentLength = soakContentLength;
        Process process = startFunction(function, 1);
        check(invoke(workload.discoveryEvent()).get(120, TimeUnit.SECONDS), 200, "first event");
        int rooms = soak / (SOAK_PARTICIPANTS * 4) + 4;
        for (int i = 0; i < rooms; i++) {
            Result created = invoke(workload.createRoomEvent()).get(30, TimeUnit.SECONDS);
            check(created, 201, "room creation");
            Matcher sid = ROOM_SID.matcher(created.body());
            if (!sid.find()) {
                throw new IllegalStateException("no room SID in " + created.body());
            }
            workload.addRoom(sid.group(1));
        }
        say("soak: %d callbacks in sequence into %d-participant rooms, each answer awaited at most %d s",
                soak, SOAK_PARTICIPANTS, stallSeconds);
        long bytes = 0;
        int largest = 0;
        long start = System.nanoTime();
        for (int i = 1; i <= soak; i++) {
            Invocation invocation = newInvocation(workload.nextWebhook());
            Result result;
            try {
                result = invocation.done().get(stallSeconds, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                stalled = true;
                Path dump = workDir.resolve("logs/stall-threads.txt");
                new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(process.pid()), "Thread.print").redirectErrorStream(true)
                        .redirectOutput(dump.toFile()).start().waitFor();
                say("STALL: callback %d of %d unanswered after %d s (%d answered before it); threads in %s",
                        i, soak, stallSeconds, i - 1, dump);
                return;
            }
            check(result, 200, "callback " + i);
            bytes += result.body().length();
            largest = Math.max(largest, result.body().length());
            if (i % 1000 == 0) {
                say("  %d callbacks answered, %.1f s", i, (System.nanoTime() - start) / 1e9);
            }
        }
        say("soak: all %d callbacks answered in %.1f s; answers (Lambda response JSON) %d bytes on average, %d at most",
                soak, (System.nanoTime() - start) / 1e9, bytes / soak, largest);
    }

    // ---------------------------------------------------------------- driving

    private Run drive(String name, int concurrency, int count, java.util.function.Supplier<byte[]> next, int expected)
            throws Exception {
        long[] latencies = new long[count];
        AtomicLong index = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        List<String> firstFailures = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        List<Future<?>> all = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            all.add(clients.submit(() -> {
                long i;
                while ((i = index.getAndIncrement()) < count) {
                    byte[] event;
                    synchronized (workload) {
                        event = next.get();
                    }
                    Invocation invocation = newInvocation(event);
                    Result result = invocation.done().get(60, TimeUnit.SECONDS);
                    latencies[(int) i] = result.answeredAt() - invocation.queuedAt();
                    if (result.status() != expected) {
                        failures.incrementAndGet();
                        synchronized (firstFailures) {
                            if (firstFailures.size() < 3) {
                                firstFailures.add(result.status() + " " + result.body());
                            }
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : all) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        clients.shutdown();
        for (String failure : firstFailures) {
            say("  %s failure: %s", name, failure.length() > 400 ? failure.substring(0, 400) : failure);
        }
        return new Run(name, concurrency, count, seconds, latencies, (int) failures.get());
    }

    private CompletableFuture<Result> invoke(byte[] event) {
        return newInvocation(event).done();
    }

    private Invocation newInvocation(byte[] event) {
        Invocation invocation = new Invocation("req-" + ids.incrementAndGet(), event, System.nanoTime(),
                new CompletableFuture<>());
        inFlight.put(invocation.id(), invocation);
        pending.add(invocation);
        return invocation;
    }

    private static void check(Result result, int expected, String what) {
        if (result.status() != expected) {
            throw new IllegalStateException(what + " answered " + result.status() + ": " + result.body());
        }
    }

    // ---------------------------------------------------------------- Lambda Runtime API

    private void startRuntimeApi() throws IOException {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed
        // ACK: every invocation would wait ~40 ms, which the real Runtime API does not add.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "runtime-api");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/2018-06-01/runtime/", this::runtimeApi);
        server.start();
    }

    private void runtimeApi(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.equals("/2018-06-01/runtime/invocation/next") && exchange.getRequestMethod().equals("GET")) {
                Invocation next = null;
                while (running && next == null) {
                    try {
                        next = pending.poll(1, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (next == null) {
                    exchange.sendResponseHeaders(500, -1);
                    return;
                }
                var headers = exchange.getResponseHeaders();
                headers.add("Lambda-Runtime-Aws-Request-Id", next.id());
                headers.add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 30_000));
                headers.add("Lambda-Runtime-Invoked-Function-Arn",
                        "arn:aws:lambda:eu-west-1:123456789012:function:recording-rules-bench");
                headers.add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
                headers.add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, next.event().length);
                exchange.getResponseBody().write(next.event());
                return;
            }
            Matcher m = Pattern.compile("/2018-06-01/runtime/invocation/([^/]+)/(response|error)").matcher(path);
            if (m.matches()) {
                long answeredAt = System.nanoTime();
                Invocation invocation = inFlight.remove(m.group(1));
                exchange.sendResponseHeaders(202, -1);
                if (invocation != null) {
                    String text = new String(body, StandardCharsets.UTF_8);
                    int status = -1;
                    if (m.group(2).equals("response")) {
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

    // ---------------------------------------------------------------- function processes

    private Path unpack() throws IOException, InterruptedException {
        Path function = workDir.resolve("function");
        Files.createDirectories(workDir.resolve("logs"));
        if (Files.exists(function)) {
            new ProcessBuilder("rm", "-rf", function.toString()).inheritIO().start().waitFor();
        }
        Files.createDirectories(function);
        Process unzip = new ProcessBuilder("unzip", "-q", functionZip.toAbsolutePath().toString())
                .directory(function.toFile()).inheritIO().start();
        if (unzip.waitFor() != 0) {
            throw new IOException("cannot unzip " + functionZip);
        }
        return function;
    }

    /**
     * One Lambda instance of the JVM function zip, started as the managed {@code java21} runtime starts it:
     * AWS's runtime interface client ({@code AWSLambda}) with the zip unpacked in {@code LAMBDA_TASK_ROOT}
     * (classes at its root, libraries in lib/), polling {@code AWS_LAMBDA_RUNTIME_API} and handing each
     * event to the handler {@code QuarkusStreamHandler::handleRequest}. Quarkus's own poll loop, which
     * reads the same variable, only runs in the native build ({@code provided.al2023}).
     */
    private Process startFunction(Path function, int number) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (!jvmOpts.isBlank()) {
            command.addAll(List.of(jvmOpts.trim().split("\\s+")));
        }
        String runtimeClient = Arrays.stream(System.getProperty("java.class.path").split(":"))
                .filter(jar -> jar.contains("aws-lambda-java-runtime-interface-client")
                        || jar.contains("aws-lambda-java-core") || jar.contains("aws-lambda-java-serialization"))
                .reduce((a, b) -> a + ":" + b)
                .orElseThrow(() -> new IllegalStateException("aws-lambda-java-runtime-interface-client is not on the class path"));
        command.add("-Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI=" + jniLibrary(runtimeClient));
        command.addAll(List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED", "-cp", runtimeClient,
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest"));
        // The runtime client's task root is its working directory (/var/task on AWS).
        ProcessBuilder builder = new ProcessBuilder(command).directory(function.toAbsolutePath().toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("logs/function-" + number + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + server.getAddress().getPort());
        env.put("QUARKUS_REDIS_HOSTS", redis.uri());
        env.put("TWILIO_ACCOUNT_SID", ACCOUNT_SID);
        env.put("TWILIO_AUTH_TOKEN", AUTH_TOKEN);
        env.put("AWS_LAMBDA_FUNCTION_NAME", "recording-rules-bench");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/recording-rules-bench");
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "bench-" + number);
        env.put("LAMBDA_TASK_ROOT", function.toAbsolutePath().toString());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("_HANDLER", "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest");
        Process process = builder.start();
        functions.add(process);
        return process;
    }

    private Path jni;

    /**
     * The runtime client's JNI library, unpacked once. Left to itself, every client process unpacks it to
     * the same /tmp/.libaws-lambda-jni.so, and processes starting together crash (SIGBUS) loading a file
     * another one is rewriting; on Lambda there is one process per sandbox.
     */
    private synchronized String jniLibrary(String runtimeClientPath) throws IOException {
        if (jni == null) {
            String arch = System.getProperty("os.arch").matches("aarch64|arm64") ? "linux-aarch_64" : "linux-x86_64";
            String jar = Arrays.stream(runtimeClientPath.split(":"))
                    .filter(j -> j.contains("aws-lambda-java-runtime-interface-client")).findFirst().orElseThrow();
            Path target = workDir.resolve("libaws-lambda-jni.so").toAbsolutePath();
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar)) {
                try (InputStream in = zip.getInputStream(zip.getEntry("jni/libaws-lambda-jni." + arch + ".so"))) {
                    Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            jni = target;
        }
        return jni.toString();
    }

    private static String rss(long pid) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS") || line.startsWith("VmHWM")) {
                out.append(line.replaceAll("\\s+", " ")).append("; ");
            }
        }
        return out.toString();
    }

    /** CPU time used so far, in clock ticks: all function processes, redis-server, this JVM. */
    private long[] cpuTicks() throws IOException {
        long functionTicks = 0;
        for (Process process : functions) {
            if (!process.isAlive()) {
                throw new IllegalStateException("function process " + process.pid() + " exited with " + process.exitValue()
                        + "; see " + workDir.resolve("logs"));
            }
            functionTicks += cpuTicks(process.pid());
        }
        if (redisPid == 0) {
            Matcher pid = Pattern.compile("process_id:(\\d+)").matcher(resp("INFO", "server"));
            redisPid = pid.find() ? Long.parseLong(pid.group(1)) : -1;
        }
        return new long[] {functionTicks, redisPid > 0 ? cpuTicks(redisPid) : 0, cpuTicks(ProcessHandle.current().pid())};
    }

    private long redisPid;

    /** utime + stime of /proc/PID/stat (fields 14 and 15). */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Linux reports CPU times in USER_HZ ticks, 100 per second on every common configuration. */
    private static double ticksToMillis(long ticks) {
        return ticks * 10.0;
    }

    private static String quarkusStartedLine(Path log) throws IOException {
        for (String line : Files.readAllLines(log)) {
            int at = line.indexOf("started in ");
            if (at >= 0) {
                return line.substring(at).trim();
            }
        }
        return "(no start line)";
    }

    private void shutdown() {
        running = false;
        for (Process process : functions) {
            process.destroy();
        }
        for (Process process : functions) {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (server != null) {
            server.stop(0);
        }
        if (redis != null) {
            redis.close();
        }
    }

    // ---------------------------------------------------------------- raw Redis

    private RedisFigures redisBenchmark(String binary, int concurrency, String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of(binary, "-h", "127.0.0.1", "-p", Integer.toString(redis.port()),
                "-c", Integer.toString(concurrency), "-n", Integer.toString(redisBenchmarkRequests),
                "-r", "1000000000", "--csv"));
        args.addAll(List.of(command));
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        // "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
        // The test name (first cell) holds the command line, commas and all: read the 7 figures from the end.
        for (String line : out.split("\n")) {
            String[] cells = line.trim().replace("\"", "").split(",");
            if (cells.length >= 8 && !line.startsWith("\"test\"")) {
                int n = cells.length;
                try {
                    return new RedisFigures(Double.parseDouble(cells[n - 7]), Double.parseDouble(cells[n - 4]),
                            Double.parseDouble(cells[n - 2]));
                } catch (NumberFormatException e) {
                    // not the data row
                }
            }
        }
        throw new IllegalStateException("cannot read redis-benchmark output: " + out);
    }

    /** The save script exactly as the function runs it, and its SHA1. */
    private static String[] saveScript() throws ReflectiveOperationException {
        Class<?> store = Class.forName("io.github.recordingrules.adapter.redis.RedisRoomStore");
        Field save = store.getDeclaredField("SAVE");
        save.setAccessible(true);
        Object script = save.get(null);
        Field source = script.getClass().getDeclaredField("source");
        Field sha1 = script.getClass().getDeclaredField("sha1");
        source.setAccessible(true);
        sha1.setAccessible(true);
        return new String[] {(String) source.get(script), (String) sha1.get(script)};
    }

    /** One command in RESP; answers a bulk or simple string reply as text. */
    String resp(String... args) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", redis.port())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(("*" + args.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                out.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.write(bytes);
                out.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            socket.getOutputStream().write(out.toByteArray());
            InputStream in = socket.getInputStream();
            String header = readLine(in);
            if (header.startsWith("+") || header.startsWith(":")) {
                return header.substring(1);
            }
            if (header.startsWith("$")) {
                int length = Integer.parseInt(header.substring(1));
                if (length < 0) {
                    return null;
                }
                byte[] value = in.readNBytes(length);
                return new String(value, StandardCharsets.UTF_8);
            }
            throw new IOException("redis answered " + header);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static String which(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    private static String firstLine(Process process) throws IOException {
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return out.lines().findFirst().orElse("redis-server (unknown version)");
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    private void say(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        report.add(line);
        System.out.println(line);
    }

    // ---------------------------------------------------------------- the workload

    /**
     * Webhooks as a media server sends them for many rooms at once. Each room follows a script of
     * {@value #PARTICIPANTS_PER_ROOM} participants (the soak's: {@value #SOAK_PARTICIPANTS}) who connect and
     * publish a microphone and a camera, then unpublish the camera: 64 (200) state-changing callbacks, each
     * starting or stopping a recording under the room's 20 rules. Rooms are served round-robin from a window larger than any concurrency, so one room
     * never has two callbacks in flight (as Twilio sends a room's callbacks one after another), and no
     * compare-and-set conflicts distort the figures; ConcurrentDeliveryTest covers contention.
     */
    static final class Workload {

        static final int WINDOW = 128;

        private final int participants;
        private final int windowSize;
        /** API Gateway sends Content-Length; a direct invocation (or AWS's sample events) may not. */
        boolean contentLength = true;
        private final Deque<String> fresh = new ArrayDeque<>();
        private final List<RoomScript> window = new ArrayList<>();
        private final List<String> finished = new ArrayList<>();
        private int cursor;
        private long clock = Instant.parse("2026-03-01T10:00:00Z").toEpochMilli();
        private final String rules = Fixtures.twentyRulesJson();

        Workload(int participants, int windowSize) {
            this.participants = participants;
            this.windowSize = windowSize;
        }

        void addRoom(String sid) {
            fresh.add(sid);
        }

        byte[] discoveryEvent() {
            String room = Fixtures.sid("RM", "discovered-" + UUID.randomUUID());
            return webhook(participantEvent(room, "participant-connected", 0, timestamp()), true);
        }

        byte[] createRoomEvent() {
            String body = "Type=group&RecordingRules=" + URLEncoder.encode(rules, StandardCharsets.UTF_8);
            String basic = Base64.getEncoder().encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
            return apiGatewayEvent("/v1/Rooms", body, Map.of("authorization", "Basic " + basic));
        }

        byte[] nextWebhook() {
            return webhook(nextParams(), true);
        }

        byte[] forgedWebhook() {
            return webhook(nextParams(), false);
        }

        private Map<String, String> nextParams() {
            while (window.size() < windowSize) {
                if (fresh.isEmpty()) {
                    throw new IllegalStateException("out of rooms: create more in setup");
                }
                window.add(new RoomScript(fresh.poll(), participants));
            }
            cursor = (cursor + 1) % window.size();
            RoomScript script = window.get(cursor);
            Map<String, String> params = script.next(this);
            if (script.done()) {
                finished.add(script.sid);
                window.remove(cursor);
            }
            return params;
        }

        String sampleRoomKey() {
            return "rr:{" + (finished.isEmpty() ? window.get(0).sid : finished.get(finished.size() - 1)) + "}:room";
        }

        String timestamp() {
            clock += 7;
            return Instant.ofEpochMilli(clock).toString();
        }

        Map<String, String> participantEvent(String room, String event, int participant, String at) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("AccountSid", ACCOUNT_SID);
            params.put("RoomSid", room);
            params.put("RoomName", room);
            params.put("RoomStatus", "in-progress");
            params.put("RoomType", "group");
            params.put("StatusCallbackEvent", event);
            params.put("Timestamp", at);
            params.put("SequenceNumber", Long.toString(clock % 100000));
            params.put("ParticipantSid", Fixtures.sid("PA", room + "-" + participant));
            params.put("ParticipantIdentity", "user-" + participant);
            params.put("ParticipantStatus", "connected");
            return params;
        }

        private byte[] webhook(Map<String, String> params, boolean validSignature) {
            StringBuilder body = new StringBuilder();
            for (Map.Entry<String, String> p : params.entrySet()) {
                if (!body.isEmpty()) {
                    body.append('&');
                }
                body.append(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
            }
            String signature = sign("https://" + HOST + WEBHOOK_PATH, params);
            if (!validSignature) {
                signature = sign("https://" + HOST + WEBHOOK_PATH + "?forged", params);
            }
            return apiGatewayEvent(WEBHOOK_PATH, body.toString(), Map.of("x-twilio-signature", signature,
                    "user-agent", "TwilioProxy/1.1", "i-twilio-idempotency-token", UUID.randomUUID().toString()));
        }

        private static String sign(String url, Map<String, String> params) {
            StringBuilder data = new StringBuilder(url);
            new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
            try {
                Mac mac = Mac.getInstance("HmacSHA1");
                mac.init(new SecretKeySpec(AUTH_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
                return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** An API Gateway HTTP API (payload format 2.0) event for a form POST. */
        private byte[] apiGatewayEvent(String path, String formBody, Map<String, String> extraHeaders) {
            long now = System.currentTimeMillis();
            StringBuilder headers = new StringBuilder();
            Map<String, String> all = new LinkedHashMap<>();
            all.put("content-type", "application/x-www-form-urlencoded");
            if (contentLength) {
                all.put("content-length", Integer.toString(formBody.length()));
            }
            all.put("host", HOST);
            all.put("x-forwarded-for", "203.0.113.7");
            all.put("x-forwarded-port", "443");
            all.put("x-forwarded-proto", "https");
            all.putAll(extraHeaders);
            for (Map.Entry<String, String> h : all.entrySet()) {
                if (!headers.isEmpty()) {
                    headers.append(',');
                }
                headers.append('"').append(h.getKey()).append("\":\"").append(h.getValue()).append('"');
            }
            String json = "{\"version\":\"2.0\",\"routeKey\":\"$default\",\"rawPath\":\"" + path
                    + "\",\"rawQueryString\":\"\",\"headers\":{" + headers + "},"
                    + "\"requestContext\":{\"accountId\":\"123456789012\",\"apiId\":\"abc123def4\",\"domainName\":\""
                    + HOST + "\",\"domainPrefix\":\"abc123def4\",\"http\":{\"method\":\"POST\",\"path\":\"" + path
                    + "\",\"protocol\":\"HTTP/1.1\",\"sourceIp\":\"203.0.113.7\",\"userAgent\":\"TwilioProxy/1.1\"},"
                    + "\"requestId\":\"" + UUID.randomUUID() + "\",\"routeKey\":\"$default\",\"stage\":\"$default\","
                    + "\"time\":\"24/Nov/2026:20:00:00 +0000\",\"timeEpoch\":" + now + "},"
                    + "\"body\":\"" + formBody + "\",\"isBase64Encoded\":false}";
            return json.getBytes(StandardCharsets.UTF_8);
        }

        /** One room's callbacks, in timestamp order. */
        static final class RoomScript {
            final String sid;
            final int participants;
            int step;

            RoomScript(String sid, int participants) {
                this.sid = sid;
                this.participants = participants;
            }

            boolean done() {
                return step >= participants * 4;
            }

            Map<String, String> next(Workload w) {
                int s = step++;
                String at = w.timestamp();
                if (s < participants * 3) {
                    int participant = s / 3;
                    return switch (s % 3) {
                        case 0 -> w.participantEvent(sid, "participant-connected", participant, at);
                        case 1 -> track(w, "track-added", participant, "mic", "audio", at);
                        default -> track(w, "track-added", participant, "cam", "video", at);
                    };
                }
                return track(w, "track-removed", s - participants * 3, "cam", "video", at);
            }

            private Map<String, String> track(Workload w, String event, int participant, String name, String kind, String at) {
                Map<String, String> params = w.participantEvent(sid, event, participant, at);
                params.put("TrackSid", Fixtures.sid("MT", sid + "-" + participant + "-" + name));
                params.put("TrackKind", kind);
                params.put("TrackName", name);
                return params;
            }
        }
    }
}
