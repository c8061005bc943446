package io.github.recordingrules.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipFile;

/**
 * async-profiler's native agent, from the {@code tools.profiler:async-profiler} jar on the class path (the
 * bench profile's dependency): a function process is started with it loaded ({@link #jvmOptions()}), idle,
 * and sampled only between {@link #start} and {@link #stop}, which reload it through {@code jcmd
 * JVMTI.agent_load} with an action, as async-profiler's own launcher does.
 */
final class AsyncProfiler {

    private final Path library;

    private AsyncProfiler(Path library) {
        this.library = library;
    }

    /** Empty when the jar is not on the class path or has no library for this platform. */
    static Optional<AsyncProfiler> unpack(Path workDir) throws IOException {
        String platform = System.getProperty("os.arch").matches("aarch64|arm64") ? "linux-arm64" : "linux-x64";
        for (String jar : System.getProperty("java.class.path").split(":")) {
            if (!Path.of(jar).getFileName().toString().startsWith("async-profiler-")) {
                continue;
            }
            try (ZipFile zip = new ZipFile(jar)) {
                var entry = zip.getEntry(platform + "/libasyncProfiler.so");
                if (entry == null) {
                    continue;
                }
                Path target = workDir.resolve("libasyncProfiler.so").toAbsolutePath();
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                return Optional.of(new AsyncProfiler(target));
            }
        }
        return Optional.empty();
    }

    /** Loads the agent, idle; DebugNonSafepoints lets samples land on the inlined method that ran, not its caller. */
    String[] jvmOptions() {
        return new String[] {"-agentpath:" + library, "-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints"};
    }

    /** CPU samples of every thread of the process, every millisecond of CPU. */
    void start(long pid) throws IOException, InterruptedException {
        command(pid, "start,event=cpu,interval=1ms");
    }

    /** Stops sampling and writes the samples as collapsed stacks ("frame;frame;frame count", root first). */
    Profile stop(long pid, Path collapsed) throws IOException, InterruptedException {
        command(pid, "stop,collapsed,file=" + collapsed.toAbsolutePath());
        return Profile.read(collapsed);
    }

    private void command(long pid, String action) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        // Quoted: jcmd would read the action's "key=value" pairs as options of its own.
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "JVMTI.agent_load", library.toString(),
                '"' + action + '"').redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0 || !out.contains("return code: 0")) {
            throw new IOException("async-profiler " + action + " in process " + pid + ": " + out.trim());
        }
    }

    /** Samples per stack. */
    record Profile(Map<List<String>, Long> stacks, long total) {

        static Profile read(Path collapsed) throws IOException {
            Map<List<String>, Long> stacks = new HashMap<>();
            long total = 0;
            for (String line : Files.readAllLines(collapsed)) {
                int space = line.lastIndexOf(' ');
                if (space <= 0) {
                    continue;
                }
                long samples = Long.parseLong(line.substring(space + 1).trim());
                List<String> frames = new ArrayList<>();
                for (String frame : line.substring(0, space).split(";")) {
                    frames.add(frame.replace('/', '.'));
                }
                stacks.merge(frames, samples, Long::sum);
                total += samples;
            }
            return new Profile(stacks, total);
        }

        /** The frames the samples were taken in (self time), most first. */
        List<Map.Entry<String, Long>> topSelf(int n) {
            Map<String, Long> self = new HashMap<>();
            stacks.forEach((frames, samples) -> self.merge(frames.get(frames.size() - 1), samples, Long::sum));
            return top(self, n);
        }

        /** Self samples by the Java package of the frame they were taken in. */
        List<Map.Entry<String, Long>> topSelfByPackage(int n) {
            Map<String, Long> self = new HashMap<>();
            stacks.forEach((frames, samples) -> self.merge(area(frames.get(frames.size() - 1)), samples, Long::sum));
            return top(self, n);
        }

        private static String area(String frame) {
            if (frame.endsWith("_[k]")) {
                return "kernel";
            }
            int method = frame.lastIndexOf('.');
            int type = method > 0 ? frame.lastIndexOf('.', method - 1) : -1;
            boolean java = type > 0 && Character.isLowerCase(frame.charAt(0)) && !frame.contains(" ") && !frame.contains("@");
            return java ? frame.substring(0, type) : "native";
        }

        /** Frames whose names start with {@code prefix}, by the samples taken in them or anything they called. */
        List<Map.Entry<String, Long>> topTotal(String prefix, int n) {
            Map<String, Long> total = new HashMap<>();
            stacks.forEach((frames, samples) -> {
                Set<String> counted = new HashSet<>();
                for (String frame : frames) {
                    if (frame.startsWith(prefix) && counted.add(frame)) {
                        total.merge(frame, samples, Long::sum);
                    }
                }
            });
            return top(total, n);
        }

        /**
         * Samples by the kind of thread that took them, told by the frames near the stack's root (the collapsed
         * stacks carry no thread names), in a fixed order.
         */
        Map<String, Long> byThread() {
            Map<String, Long> threads = new LinkedHashMap<>();
            for (String kind : THREAD_KINDS) {
                threads.put(kind, 0L);
            }
            stacks.forEach((frames, samples) -> threads.merge(threadKind(frames), samples, Long::sum));
            return threads;
        }

        private static final List<String> THREAD_KINDS = List.of(
                "worker threads (RESTEasy blocking endpoints)",
                "Vert.x/Netty event loops (virtual channel, Redis client)",
                "Lambda runtime client (AWSLambda.main)",
                "other (GC, JIT, unwalkable)");

        private static String threadKind(List<String> frames) {
            String root = frames.get(0);
            if (root.startsWith("com.amazonaws.services.lambda.runtime.api.client.AWSLambda")) {
                return THREAD_KINDS.get(2);
            }
            if (root.equals("java.lang.Thread.run")) {
                for (String frame : frames.subList(0, Math.min(frames.size(), 12))) {
                    if (frame.startsWith("org.jboss.threads.")) {
                        return THREAD_KINDS.get(0);
                    }
                    if (frame.startsWith("io.netty.channel.nio.NioEventLoop")) {
                        return THREAD_KINDS.get(1);
                    }
                }
            }
            return THREAD_KINDS.get(3);
        }

        private static List<Map.Entry<String, Long>> top(Map<String, Long> counts, int n) {
            return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n).toList();
        }
    }
}
