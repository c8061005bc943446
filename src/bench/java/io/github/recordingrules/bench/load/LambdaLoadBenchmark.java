package io.github.recordingrules.bench.load;

import io.github.recordingrules.devredis.LocalRedis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
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
 * warmed up before each measured run. Before the levels, process 1 takes state-changing callbacks into rooms of
 * 2, 16 and 50 participants ({@code --sizes}, {@link SizedRooms}), with the 403 floor interleaved, and then the
 * largest size once more under async-profiler ({@link AsyncProfiler}). Then {@code redis-benchmark} runs the exact commands one webhook
 * issues ({@link CameraWebhookCommands}: EVALSHA of the load script, on a miss, and of the save script) at the same
 * concurrencies, so the function's throughput reads as a ratio of raw Redis's. Each measured phase also reports
 * its recall hit rate ({@link RecallCounts}): the webhooks written at once, without the load. Last, {@link DeliveryComparison} measures webhooks with
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
    private int[] sizes = {2, 16, 50};
    private int largestSizeRooms = 4;
    private int sizeRounds = 5;
    private int sizeEvents = 200;
    private int profileEvents = 1000;
    private Optional<AsyncProfiler> profiler = Optional.empty();

    private final Report report = new Report();
    private final Workload workload = new Workload();
    private final RecallCounts recall = new RecallCounts();

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
                case "--sizes" -> sizes = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
                case "--largest-size-rooms" -> largestSizeRooms = Integer.parseInt(value);
                case "--size-rounds" -> sizeRounds = Integer.parseInt(value);
                case "--size-events" -> sizeEvents = Integer.parseInt(value);
                case "--profile-events" -> profileEvents = Integer.parseInt(value);
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
            if (profileEvents > 0) {
                profiler = AsyncProfiler.unpack(workDir);
                if (profiler.isEmpty()) {
                    report.say("async-profiler not on the class path (tools.profiler:async-profiler, -Pbench): no profile");
                }
            }
            LoadDriver driver = new LoadDriver(api, report);
            List<LoadDriver.Run> runs = measureLevels(functions, driver, redis.port());
            compareWithRawRedis(runs, redis.port());
            compareSizesWithRawRedis(redis.port());
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
        Process first = functions.start(profiler.map(AsyncProfiler::jvmOptions).orElse(new String[0]));
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
        measureSizes(driver, cpu, new RedisStats(redisPort), List.of(functions.log(1)));
        if (profiler.isPresent()) {
            profileLargestSize(driver, profiler.get(), first.pid());
        }
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
            RecallCounts.Sample recallBefore = recall.sample(functions.logs());
            CpuMeter.Sample before1 = cpu.sample();
            LoadDriver.Run measured = driver.drive("webhooks", level, events, workload::nextWebhook, 200);
            CpuMeter.Sample after = cpu.sample();
            RecallCounts.Sample recalled = recall.sample(functions.logs()).minus(recallBefore);
            runs.add(measured);
            report.say("webhooks at concurrency %2d (%2d processes): %6.0f webhooks/s  p50 %6.2f ms  p99 %6.2f ms  (%d events, %d failures)",
                    level, functions.count(), measured.perSecond(), measured.percentileMillis(50),
                    measured.percentileMillis(99), measured.count(), measured.failures());
            CpuMeter.Sample used = after.minus(before1);
            report.say("  CPU per webhook (user+system, from /proc): function processes %.2f ms, redis-server %.3f ms,"
                            + " this driver (Runtime API + client) %.2f ms",
                    used.function() / events, used.redis() / events, used.driver() / events);
            report.say("  recall at concurrency %d over its %d processes, %d webhooks: %s", level, functions.count(), events,
                    recalled.rate());
            if (level == 1) {
                handledByFirst += events;
                if (handledByFirst < rssEvents) {
                    driver.drive("top-up", 1, rssEvents - handledByFirst, workload::nextWebhook, 200);
                    handledByFirst = rssEvents;
                }
                report.say("memory: function process 1 after %d events: %s", handledByFirst, FunctionInstances.rss(first.pid()));
            }
            if (level == 1 || level == 8 || (level == levels[levels.length - 1] && Arrays.stream(levels).noneMatch(l -> l == 8))) {
                int forged = Math.min(events, 3000);
                CpuMeter.Sample floorBefore = cpu.sample();
                LoadDriver.Run floor = driver.drive("forged", level, forged, workload::forgedWebhook, 403);
                CpuMeter.Sample floorUsed = cpu.sample().minus(floorBefore);
                report.say("no-Redis floor at concurrency %2d: a webhook with a wrong signature (403, no Redis call): "
                        + "%6.0f/s  p50 %6.2f ms  p99 %6.2f ms; function CPU %.2f ms/request; the webhooks above"
                        + " used %.2f x that", level, floor.perSecond(), floor.percentileMillis(50),
                        floor.percentileMillis(99), floorUsed.function() / forged,
                        (used.function() / events) / (floorUsed.function() / forged));
            }
        }
        return runs;
    }

    private final List<SizedRooms> sized = new ArrayList<>();

    /**
     * One process, one client (concurrency 1): state-changing track callbacks into rooms of each size, rounds
     * interleaved so that the sizes share the machine's ups and downs, and the 403 floor (no Redis call) among
     * them on the same process. Per size: function and redis-server CPU, and the bytes Redis moved to and from
     * clients, per webhook. Smaller sizes get proportionally more rooms, so that each camera is toggled about as
     * often in every size: a room's stored recordings then grow with its participants, not with the run's length.
     */
    private void measureSizes(LoadDriver driver, CpuMeter cpu, RedisStats redis, List<Path> logs) throws Exception {
        Instant start = Instant.parse("2026-04-01T10:00:00Z");
        int largest = Arrays.stream(sizes).max().orElseThrow();
        List<Integer> roomCounts = new ArrayList<>();
        for (int size : sizes) {
            SizedRooms rooms = new SizedRooms(size, start);
            int count = largestSizeRooms * Math.max(1, Math.round(largest / (float) size));
            roomCounts.add(count);
            for (int i = 0; i < count; i++) {
                Matcher sid = ROOM_SID.matcher(driver.invoke(Workload.createRoom(), 201, "room creation").body());
                if (!sid.find()) {
                    throw new IllegalStateException("no room SID in a creation answer");
                }
                for (byte[] event : rooms.fill(sid.group(1))) {
                    driver.invoke(event, 200, "filling a room");
                }
            }
            sized.add(rooms);
        }
        report.say("sizes: %s rooms of %s participants with a microphone and a camera each, under the 20 rules",
                roomCounts, Arrays.toString(sizes));
        RedisStats.Sample sampling = redis.sample().minus(redis.sample());
        long samplingBytes = Math.abs(sampling.bytesIn()) + Math.abs(sampling.bytesOut());
        int n = sizes.length;
        CpuMeter.Sample[] cpuUsed = new CpuMeter.Sample[n + 1];
        RedisStats.Sample[] redisUsed = new RedisStats.Sample[n];
        RecallCounts.Sample[] recalled = new RecallCounts.Sample[n];
        List<List<LoadDriver.Run>> runs = new ArrayList<>();
        for (int i = 0; i <= n; i++) {
            cpuUsed[i] = new CpuMeter.Sample(0, 0, 0);
            runs.add(new ArrayList<>());
            if (i < n) {
                redisUsed[i] = RedisStats.ZERO;
                recalled[i] = RecallCounts.ZERO;
            }
        }
        for (int round = 0; round <= sizeRounds; round++) {
            boolean warmUp = round == 0;
            for (int i = 0; i <= n; i++) {
                boolean floor = i == n;
                Supplier<byte[]> next = floor ? workload::forgedWebhook : sized.get(i)::nextToggle;
                RecallCounts.Sample recallBefore = floor ? null : recall.sample(logs);
                RedisStats.Sample redisBefore = floor ? null : redis.sample();
                CpuMeter.Sample before = cpu.sample();
                LoadDriver.Run run = driver.drive(floor ? "floor" : "size " + sizes[i], 1, sizeEvents, next, floor ? 403 : 200);
                CpuMeter.Sample used = cpu.sample().minus(before);
                if (!floor) {
                    RedisStats.Sample moved = redis.sample().minus(redisBefore);
                    RecallCounts.Sample recalledNow = recall.sample(logs).minus(recallBefore);
                    if (!warmUp) {
                        redisUsed[i] = redisUsed[i].plus(moved);
                        recalled[i] = recalled[i].plus(recalledNow);
                    }
                }
                if (!warmUp) {
                    cpuUsed[i] = cpuUsed[i].plus(used);
                    runs.get(i).add(run);
                }
            }
        }
        int events = sizeRounds * sizeEvents;
        double floorCpu = cpuUsed[n].function() / events;
        double[] functionCpu = new double[n];
        double[] bytes = new double[n];
        for (int i = 0; i < n; i++) {
            functionCpu[i] = cpuUsed[i].function() / events;
            bytes[i] = (redisUsed[i].bytesIn() + redisUsed[i].bytesOut() - samplingBytes * sizeRounds) / (double) events;
            report.say("size %2d participants, concurrency 1, %d webhooks in %d rounds: function CPU %.2f ms/webhook"
                            + " (%.2f x the 403 floor), redis-server CPU %.3f ms, Redis bytes %.0f in + %.0f out = %.1f KB/webhook,"
                            + " p50 %.2f ms; Redis commands per webhook: %s",
                    sizes[i], events, sizeRounds, functionCpu[i], functionCpu[i] / floorCpu, cpuUsed[i].redis() / events,
                    redisUsed[i].bytesIn() / (double) events, redisUsed[i].bytesOut() / (double) events, bytes[i] / 1024,
                    median(runs.get(i)), redisUsed[i].perEvent(events));
            report.say("  recall, size %2d (function process 1), %d webhooks: %s", sizes[i], events, recalled[i].rate());
        }
        report.say("403 floor, concurrency 1, same process, interleaved: function CPU %.2f ms/request, p50 %.2f ms",
                floorCpu, median(runs.get(n)));
        report.say("ratios: CPU per webhook %d / %d participants = %.2f; %d participants / 403 floor = %.2f;"
                        + " Redis bytes per webhook %d / %d participants = %.2f",
                sizes[n - 1], sizes[0], functionCpu[n - 1] / functionCpu[0], sizes[0], functionCpu[0] / floorCpu,
                sizes[n - 1], sizes[0], bytes[n - 1] / bytes[0]);
    }

    /**
     * The largest rooms' state-changing webhooks once more, on the same process at concurrency 1, under
     * async-profiler (not measured: the sampling costs CPU of its own), then as many 403 floor requests, so that
     * the two profiles say where a webhook's CPU beyond the floor goes. The top frames go to the report; all
     * stacks to profile-size-N.collapsed and profile-floor.collapsed, for flame graphs.
     */
    private void profileLargestSize(LoadDriver driver, AsyncProfiler asyncProfiler, long pid) throws Exception {
        SizedRooms largest = sized.get(sized.size() - 1);
        Optional<AsyncProfiler.Profile> webhooks = profile(asyncProfiler, pid, "size-" + largest.participants(),
                () -> driver.drive("profiled size " + largest.participants(), 1, profileEvents, largest::nextToggle, 200));
        if (webhooks.isEmpty()) {
            return;
        }
        AsyncProfiler.Profile profile = webhooks.get();
        report.say("profile (async-profiler, CPU, 1 ms interval, function process 1): %d webhooks into %d-participant rooms"
                        + " at concurrency 1, %d samples (%.2f ms per webhook)",
                profileEvents, largest.participants(), profile.total(), profile.total() / (double) profileEvents);
        report.say("  top frames by self samples:");
        for (Map.Entry<String, Long> frame : profile.topSelf(15)) {
            report.say("    %5.1f%%  %s", 100.0 * frame.getValue() / profile.total(), frame.getKey());
        }
        report.say("  self samples by package (native: the JVM, its stubs, libc; kernel: [k] frames):");
        for (Map.Entry<String, Long> area : profile.topSelfByPackage(12)) {
            report.say("    %5.1f%%  %s", 100.0 * area.getValue() / profile.total(), area.getKey());
        }
        report.say("  the application's frames by total samples (self and callees):");
        for (Map.Entry<String, Long> frame : profile.topTotal("io.github.recordingrules.", 15)) {
            report.say("    %5.1f%%  %s", 100.0 * frame.getValue() / profile.total(), frame.getKey());
        }
        Optional<AsyncProfiler.Profile> floor = profile(asyncProfiler, pid, "floor",
                () -> driver.drive("profiled floor", 1, profileEvents, workload::forgedWebhook, 403));
        if (floor.isEmpty()) {
            return;
        }
        report.say("  sampled ms per request by thread, webhooks (%d-participant rooms) | 403 floor | difference:",
                largest.participants());
        Map<String, Long> webhookThreads = profile.byThread();
        Map<String, Long> floorThreads = floor.get().byThread();
        for (String thread : webhookThreads.keySet()) {
            double webhook = webhookThreads.get(thread) / (double) profileEvents;
            double forged = floorThreads.getOrDefault(thread, 0L) / (double) profileEvents;
            report.say("    %-58s %5.2f | %5.2f | %+5.2f", thread, webhook, forged, webhook - forged);
        }
    }

    /** Samples the process while {@code load} runs; empty (said in the report) where attaching is refused. */
    private Optional<AsyncProfiler.Profile> profile(AsyncProfiler asyncProfiler, long pid, String name,
                                                    Callable<LoadDriver.Run> load) throws Exception {
        Path collapsed = workDir.resolve("profile-" + name + ".collapsed");
        try {
            asyncProfiler.start(pid);
        } catch (IOException e) {
            // A machine that forbids attaching (or perf events) still gets every other figure.
            report.say("profile: not taken: %s", e.getMessage());
            return Optional.empty();
        }
        LoadDriver.Run run = load.call();
        AsyncProfiler.Profile profile = asyncProfiler.stop(pid, collapsed);
        report.say("profiled %s: p50 %.2f ms, stacks in %s", name, run.percentileMillis(50), collapsed);
        return Optional.of(profile);
    }

    private static double median(List<LoadDriver.Run> runs) {
        return runs.stream().mapToDouble(r -> r.percentileMillis(50)).sorted().toArray()[runs.size() / 2];
    }

    /**
     * redis-benchmark of the commands one state-changing camera webhook sends into a room of each size, at
     * concurrency 1: a recall hit is the save alone, a miss the load and then the save.
     */
    private void compareSizesWithRawRedis(int redisPort) throws Exception {
        RedisBenchmark raw = RedisBenchmark.find(redisPort, redisBenchmarkRequests);
        if (raw == null) {
            return;
        }
        for (SizedRooms rooms : sized) {
            CameraWebhookCommands commands = CameraWebhookCommands.of(redisPort, rooms.sampleRoom());
            RedisBenchmark.Figures load = raw.run(1, commands.load());
            RedisBenchmark.Figures save = raw.run(1, commands.save());
            report.say("redis-benchmark, size %2d participants (stored room %d characters, fields' names and values;"
                            + " a camera webhook's part %d characters), concurrency 1: EVALSHA(load) %.0f/s p50 %.3f ms;"
                            + " EVALSHA(save) %.0f/s p50 %.3f ms; per webhook: hit (save) %.3f ms, miss (load + save) %.3f ms",
                    rooms.participants(), commands.storedChars(), commands.partChars(), load.rps(), load.p50(), save.rps(),
                    save.p50(), 1000 / save.rps(), 1000 / load.rps() + 1000 / save.rps());
        }
    }

    /** redis-benchmark of the commands one state-changing webhook sends, at the concurrencies measured. */
    private void compareWithRawRedis(List<LoadDriver.Run> runs, int redisPort) throws Exception {
        RedisBenchmark raw = RedisBenchmark.find(redisPort, redisBenchmarkRequests);
        if (raw == null) {
            report.say("redis-benchmark not found: install redis-tools for the ratio to raw Redis");
            return;
        }
        CameraWebhookCommands.loadScripts(redisPort);
        String room = workload.sampleRoom();
        CameraWebhookCommands commands = CameraWebhookCommands.of(redisPort, room);
        report.say("raw Redis: the room read and written is %s, at the end of its script: stored %d characters"
                + " (fields' names and values), a camera webhook's part %d characters", KEYS.room(room),
                commands.storedChars(), commands.partChars());
        for (LoadDriver.Run run : runs) {
            int c = run.concurrency();
            RedisBenchmark.Figures load = raw.run(c, commands.load());
            RedisBenchmark.Figures save = raw.run(c, commands.save());
            // A hit is the save alone; a miss is the load, then the save, one after the other.
            double rawHits = save.rps();
            double rawMisses = 1 / (1 / load.rps() + 1 / save.rps());
            report.say("redis-benchmark at concurrency %2d: EVALSHA(load) %8.0f/s p50 %.3f p99 %.3f ms; EVALSHA(save) %8.0f/s p50 %.3f p99 %.3f ms",
                    c, load.rps(), load.p50(), load.p99(), save.rps(), save.p50(), save.p99());
            report.say("  => raw Redis: %.0f webhooks/s all hits (save), %.0f/s all misses (load + save); the function does"
                            + " %.0f/s = %.1f%% / %.1f%% of those; p99 %.2f ms vs save p99 %.2f ms (hit) / load p99 + save p99"
                            + " %.2f ms (miss): handling adds %.2f / %.2f ms at p99",
                    rawHits, rawMisses, run.perSecond(), 100 * run.perSecond() / rawHits, 100 * run.perSecond() / rawMisses,
                    run.percentileMillis(99), save.p99(), load.p99() + save.p99(), run.percentileMillis(99) - save.p99(),
                    run.percentileMillis(99) - load.p99() - save.p99());
        }
    }
}
