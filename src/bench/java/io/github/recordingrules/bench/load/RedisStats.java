package io.github.recordingrules.bench.load;

import io.github.recordingrules.support.RedisWire;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What Redis counted so far: bytes to and from clients ({@code INFO stats}) and calls per command ({@code INFO commandstats}). */
final class RedisStats {

    private static final Pattern BYTES = Pattern.compile("total_net_(input|output)_bytes:(\\d+)");
    private static final Pattern CALLS = Pattern.compile("cmdstat_(\\w+):calls=(\\d+),usec=(\\d+)");

    private final int port;

    RedisStats(int port) {
        this.port = port;
    }

    /** Bytes in and out, calls and microseconds of each command. */
    record Sample(long bytesIn, long bytesOut, Map<String, long[]> commands) {

        Sample minus(Sample earlier) {
            Map<String, long[]> delta = new TreeMap<>();
            commands.forEach((name, now) -> {
                long[] before = earlier.commands.getOrDefault(name, new long[2]);
                if (now[0] != before[0]) {
                    delta.put(name, new long[] {now[0] - before[0], now[1] - before[1]});
                }
            });
            return new Sample(bytesIn - earlier.bytesIn, bytesOut - earlier.bytesOut, delta);
        }

        Sample plus(Sample other) {
            Map<String, long[]> sum = new TreeMap<>(commands);
            other.commands.forEach((name, v) -> sum.merge(name, v.clone(), (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]}));
            return new Sample(bytesIn + other.bytesIn, bytesOut + other.bytesOut, sum);
        }

        /** Per event: "hmget 1.00 calls (12 µs), evalsha 1.00 calls (40 µs)", leaving out the sampling's own INFO calls. */
        String perEvent(int events) {
            StringBuilder out = new StringBuilder();
            commands.forEach((name, v) -> {
                if (!name.equals("info")) {
                    out.append(out.isEmpty() ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%s %.2f calls (%.1f µs)",
                            name, v[0] / (double) events, v[1] / (double) events));
                }
            });
            return out.toString();
        }
    }

    static final Sample ZERO = new Sample(0, 0, Map.of());

    Sample sample() {
        try (RedisWire wire = RedisWire.connect(port)) {
            String stats = wire.text("INFO", "stats");
            String commandStats = wire.text("INFO", "commandstats");
            long in = 0;
            long out = 0;
            for (Matcher m = BYTES.matcher(stats); m.find(); ) {
                if (m.group(1).equals("input")) {
                    in = Long.parseLong(m.group(2));
                } else {
                    out = Long.parseLong(m.group(2));
                }
            }
            Map<String, long[]> commands = new TreeMap<>();
            for (Matcher m = CALLS.matcher(commandStats); m.find(); ) {
                commands.put(m.group(1), new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3))});
            }
            return new Sample(in, out, commands);
        }
    }
}
