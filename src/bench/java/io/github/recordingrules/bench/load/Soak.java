package io.github.recordingrules.bench.load;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 15 item 13: one function process, N signed callbacks one after another into
 * {@value #PARTICIPANTS}-participant rooms (answers of about 23 KB once a room is full). Every answer is
 * awaited at most {@code stallSeconds}; an invocation still unanswered then is a stall: the function's
 * threads are dumped (logs/stall-threads.txt) and the run fails. Without Content-Length the events are
 * shaped as AWS's sample events and some direct invocations send them.
 */
final class Soak {

    static final int PARTICIPANTS = 50;
    private static final Pattern ROOM_SID = Pattern.compile("\\\\?\"sid\\\\?\"\\s*:\\s*\\\\?\"(RM[0-9a-f]{32})");

    private final RuntimeApi api;
    private final Report report;
    private final Path workDir;
    private final int stallSeconds;

    Soak(RuntimeApi api, Report report, Path workDir, int stallSeconds) {
        this.api = api;
        this.report = report;
        this.workDir = workDir;
        this.stallSeconds = stallSeconds;
    }

    /** Whether every callback was answered. */
    boolean run(FunctionInstances functions, int callbacks, boolean contentLength) throws Exception {
        Workload workload = new Workload(PARTICIPANTS, 2, contentLength);
        LoadDriver driver = new LoadDriver(api, report);
        Process process = functions.start();
        driver.invoke(workload.discoveryEvent(), 200, "first event");
        int rooms = callbacks / workload.callbacksPerRoom() + 4;
        for (int i = 0; i < rooms; i++) {
            Matcher sid = ROOM_SID.matcher(driver.invoke(Workload.createRoom(), 201, "room creation").body());
            if (!sid.find()) {
                throw new IllegalStateException("no room SID in a creation answer");
            }
            workload.addRoom(sid.group(1));
        }
        report.say("soak: %d callbacks in sequence into %d-participant rooms, each answer awaited at most %d s",
                callbacks, PARTICIPANTS, stallSeconds);
        long bytes = 0;
        int largest = 0;
        long start = System.nanoTime();
        for (int i = 1; i <= callbacks; i++) {
            RuntimeApi.Result result;
            try {
                result = api.submit(workload.nextWebhook()).done().get(stallSeconds, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                Path dump = workDir.resolve("logs/stall-threads.txt");
                new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(process.pid()), "Thread.print").redirectErrorStream(true)
                        .redirectOutput(dump.toFile()).start().waitFor();
                report.say("STALL: callback %d of %d unanswered after %d s (%d answered before it); threads in %s",
                        i, callbacks, stallSeconds, i - 1, dump);
                return false;
            }
            if (result.status() != 200) {
                throw new IllegalStateException("callback " + i + " answered " + result.status() + ": " + result.body());
            }
            bytes += result.body().length();
            largest = Math.max(largest, result.body().length());
            if (i % 1000 == 0) {
                report.say("  %d callbacks answered, %.1f s", i, (System.nanoTime() - start) / 1e9);
            }
        }
        report.say("soak: all %d callbacks answered in %.1f s; answers (Lambda response JSON) %d bytes on average, %d at most",
                callbacks, (System.nanoTime() - start) / 1e9, bytes / callbacks, largest);
        return true;
    }
}
