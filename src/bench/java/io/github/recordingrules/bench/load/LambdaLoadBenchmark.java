package io.github.recordingrules.bench.load;

import io.github.recordingrules.adapter.redis.RedisKeys;
import io.github.recordingrules.adapter.redis.RedisScript;
import io.github.recordingrules.devredis.LocalRedis;
import io.github.recordingrules.support.RedisWire;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.github.recordingrules.support.RedisTestResource.KEYS;

/**
 * End-to-end load benchmark of the packaged function (target/function.zip, JVM, prod profile) on the real
 * Lambda request path: this class plays the Lambda service ({@link RuntimeApi}) for function processes
 * started as Lambda starts instances ({@link FunctionInstances}); each event is an API Gateway HTTP API
 * (payload 2.0) request carrying a signed Twilio room status callback ({@link Workload}).
 * <p>
 * Concurrency N means N function processes polling the one Runtime API and N events in flight, as N Lambda
 * instances each handle one event at a time. Processes are added between levels (1, then 8, then 32) and
 * warmed up before each measured run. Then {@code redis-benchmark} runs the exact commands one webhook
 * issues (HMGET of the room hash, EVALSHA of the save script) at the same concurrencies, so the function's
 * throughput reads as a ratio of raw Redis's. Last, {@link DeliveryComparison} measures webhooks with
 * outbound delivery off and on ({@code --delivery-events}, 0 skips it).
 */
public final class LambdaLoadBenchmark {

    private static final Pattern ROOM_SID = Pattern.compile("\\\\?\"sid\\\\?\"\\s*:\\s*\\\\?\"(RM[0-9a-f]{32})");

    private Path functionZip = Path.of("target/function.zip");
    private Path workDir = Path.of("target/bench");
    private int[] levels = {1, 8, 32};
    private int warmup = 3000;
    private int events = 5000;
    private int rssEvents = 10_000;
    private int redisBenchmarkRequests = 20_000;
    private String jvmOpts = "-XX:+UseSerialGC -XX:+TieredCompilation -XX:TieredStopAtLevel=1";
    private int deliveryEvents = 3000;
    private int soak;
    private int stallSeconds = 10;
    private boolean soakContentLength = true;

    private final Report report = new Report();
    private final Workload workload = new Workload();

    public static void main(String[] args) throws Exception {
        LambdaLoadBenchmark bench = new LambdaLoadBenchmark();
        bench.parse(args);
        System.exit(bench.run() ? 0 : 1);
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
                case "--delivery-events" -> deliveryEvents = Integer.parseInt(value);
                case "--soak" -> soak = Integer.parseInt(value);
                case "--stall-seconds" -> stallSeconds = Integer.parseInt(value);
                case "--content-length" -> soakContentLength = Boolean.parseBoolean(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
            i++;
        }
    }

    /** Whether the run completed; a soak that stalls does not. */
    private boolean run() throws Exception {
        try (LocalRedis redis = LocalRedis.start(); RuntimeApi api = new RuntimeApi();
             FunctionInstances functions = FunctionInstances.unpack(functionZip, workDir, jvmOpts, api.address(), redis.uri())) {
            String redisVersion = new String(new ProcessBuilder("redis-server", "--version").start().getInputStream()
                    .readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("redis-server (unknown version)");
            report.say("machine: %d cores visible to the JVM, load average %s; JDK %s; %s",
                    Runtime.getRuntime().availableProcessors(), Report.loadAverage(), System.getProperty("java.version"),
                    redisVersion);
            report.say("function: %s, JVM options for each function process: %s", functionZip, jvmOpts);
            report.say("runtime API at %s, redis at %s", api.address(), redis.uri());
            if (soak > 0) {
                boolean answered = new Soak(api, report, workDir, stallSeconds).run(functions, soak, soakContentLength);
                report.write(workDir.resolve("load-report.txt"));
                return answered;
            }
            LoadDriver driver = new LoadDriver(api, report);
            List<LoadDriver.Run> runs = measureLevels(functions, driver, redis.port());
            compareWithRawRedis(runs, redis.port());
            if (deliveryEvents > 0) {
                new DeliveryComparison(api, report, redis.port(), warmup, deliveryEvents).run(functions);
            }
            report.say("load average at the end: %s", Report.loadAverage());
            report.write(workDir.resolve("load-report.txt"));
            return true;
        }
    }

    private List<LoadDriver.Run> measureLevels(FunctionInstances functions, LoadDriver driver, int redisPort) throws Exception {
        // Start-up: one process alone, its first event a webhook on a room it has never seen.
        long started = System.nanoTime();
        Process first = functions.start();
        RuntimeApi.Result firstAnswer = driver.invoke(workload.discoveryEvent(), 200, "first event");
        report.say("start-up: JVM process start to first answered event: %.3f s (Quarkus says: %s)",
                (firstAnswer.answeredAt() - started) / 1e9, FunctionInstances.quarkusStartedLine(functions.log(1)));
        int handledByFirst = 1;

        // Rooms, created through the REST API on the same Lambda path (not measured).
        int webhooks = Math.max(rssEvents, warmup + events) + (warmup + events) * (levels.length - 1) + Math.min(events, 3000);
        int roomsNeeded = webhooks / Workload.CALLBACKS_PER_ROOM + Workload.WINDOW + 32;
        long t = System.nanoTime();
        for (int i = 0; i < roomsNeeded; i++) {
            Matcher sid = ROOM_SID.matcher(driver.invoke(Workload.createRoom(), 201, "room creation").body());
            if (!sid.find()) {
                throw new IllegalStateException("no room SID in a creation answer");
            }
            workload.addRoom(sid.group(1));
        }
        handledByFirst += roomsNeeded;
        report.say("setup: %d group rooms with 20 rules created through POST /v1/Rooms in %.1f s", roomsNeeded,
                (System.nanoTime() - t) / 1e9);

        CpuMeter cpu = new CpuMeter(functions, redisPort);
        List<LoadDriver.Run> runs = new ArrayList<>();
        for (int level : levels) {
            long t0 = System.nanoTime();
            int before = functions.count();
            while (functions.count() < level) {
                functions.start();
            }
            if (functions.count() > before) {
                report.say("started %d more function processes (now %d)", functions.count() - before, functions.count());
            }
            // First answers of new processes are part of the warm-up.
            LoadDriver.Run warm = driver.drive("warm-up", level, warmup, workload::nextWebhook, 200);
            report.say("  warm-up at concurrency %d: %d events in %.1f s (%.0f/s), %d failures; %.1f s since the level began",
                    level, warmup, warm.seconds(), warm.perSecond(), warm.failures(), (System.nanoTime() - t0) / 1e9);
            if (level == 1) {
                handledByFirst += warmup;
            }
            CpuMeter.Sample before1 = cpu.sample();
            LoadDriver.Run measured = driver.drive("webhooks", level, events, workload::nextWebhook, 200);
            CpuMeter.Sample after = cpu.sample();
            runs.add(measured);
            report.say("webhooks at concurrency %2d (%2d processes): %6.0f webhooks/s  p50 %6.2f ms  p99 %6.2f ms  (%d events, %d failures)",
                    level, functions.count(), measured.perSecond(), measured.percentileMillis(50),
                    measured.percentileMillis(99), measured.count(), measured.failures());
            CpuMeter.Sample used = after.minus(before1);
            report.say("  CPU per webhook (user+system, from /proc): function processes %.2f ms, redis-server %.3f ms,"
                            + " this driver (Runtime API + client) %.2f ms",
                    used.function() / events, used.redis() / events, used.driver() / events);
            if (level == 1) {
                handledByFirst += events;
                if (handledByFirst < rssEvents) {
                    driver.drive("top-up", 1, rssEvents - handledByFirst, workload::nextWebhook, 200);
                    handledByFirst = rssEvents;
                }
                report.say("memory: function process 1 after %d events: %s", handledByFirst, FunctionInstances.rss(first.pid()));
            }
            if (level == 8 || (level == levels[levels.length - 1] && Arrays.stream(levels).noneMatch(l -> l == 8))) {
                LoadDriver.Run floor = driver.drive("forged", level, Math.min(events, 3000), workload::forgedWebhook, 403);
                report.say("no-Redis floor at concurrency %2d: a webhook with a wrong signature (403, no Redis call): "
                        + "%6.0f/s  p50 %6.2f ms  p99 %6.2f ms", level, floor.perSecond(), floor.percentileMillis(50),
                        floor.percentileMillis(99));
            }
        }
        return runs;
    }

    /** redis-benchmark of the commands one state-changing webhook sends, at the concurrencies measured. */
    private void compareWithRawRedis(List<LoadDriver.Run> runs, int redisPort) throws Exception {
        RedisBenchmark raw = RedisBenchmark.find(redisPort, redisBenchmarkRequests);
        if (raw == null) {
            report.say("redis-benchmark not found: install redis-tools for the ratio to raw Redis");
            return;
        }
        RedisScript script = RedisScript.load("save-room");
        String roomKey = KEYS.room(workload.sampleRoom());
        String state;
        try (RedisWire wire = RedisWire.connect(redisPort)) {
            String sha = wire.text("SCRIPT", "LOAD", script.source());
            if (!sha.equals(script.sha1())) {
                throw new IllegalStateException("SCRIPT LOAD gave " + sha + ", the function runs " + script.sha1());
            }
            state = wire.text("HGET", roomKey, RedisKeys.DOCUMENT);
        }
        report.say("raw Redis: the room read and written is %s, a room at the end of its script: %d characters of JSON",
                roomKey, state.length());
        for (LoadDriver.Run run : runs) {
            int c = run.concurrency();
            RedisBenchmark.Figures hmget = raw.run(c, "HMGET", roomKey, RedisKeys.VERSION, RedisKeys.SCHEMA,
                    RedisKeys.DOCUMENT, RedisKeys.LEGACY_DOCUMENT);
            // As the store calls it for a change with no outbound messages (save-room.lua): the room's hash and
            // its outbox state (absent, so the outbox's other keys are never touched), no deadline, no message.
            RedisBenchmark.Figures evalsha = raw.run(c, "EVALSHA", script.sha1(), "2",
                    "rrbench:{RM__rand_int__}:room", "rrbench:{RM__rand_int__}:outbox", "0", "2", state, "172800000",
                    "0", "0");
            // One state-changing webhook is one HMGET then one EVALSHA, one after the other.
            double rawWebhooks = 1 / (1 / hmget.rps() + 1 / evalsha.rps());
            report.say("redis-benchmark at concurrency %2d: HMGET %8.0f/s p50 %.3f p99 %.3f ms; EVALSHA(save, %d-char state) %8.0f/s p50 %.3f p99 %.3f ms",
                    c, hmget.rps(), hmget.p50(), hmget.p99(), state.length(), evalsha.rps(), evalsha.p50(), evalsha.p99());
            report.say("  => raw Redis, HMGET+EVALSHA in sequence: %.0f webhooks/s; the function does %.0f/s = %.1f%% of raw Redis"
                            + " (%.3f); p99 %.2f ms vs HMGET p99 + EVALSHA p99 = %.2f ms: handling adds %.2f ms at p99",
                    rawWebhooks, run.perSecond(), 100 * run.perSecond() / rawWebhooks, run.perSecond() / rawWebhooks,
                    run.percentileMillis(99), hmget.p99() + evalsha.p99(), run.percentileMillis(99) - hmget.p99() - evalsha.p99());
        }
    }
}
