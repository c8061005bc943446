package io.github.recordingrules.bench.load;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Raw Redis: {@code redis-benchmark} running given commands, for the function's figures to read as a ratio. */
final class RedisBenchmark {

    private final String binary;
    private final int port;
    private final int requests;

    private RedisBenchmark(String binary, int port, int requests) {
        this.binary = binary;
        this.port = port;
        this.requests = requests;
    }

    /** Null when redis-benchmark is not installed. */
    static RedisBenchmark find(int port, int requests) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, "redis-benchmark");
            if (Files.isExecutable(candidate)) {
                return new RedisBenchmark(candidate.toString(), port, requests);
            }
        }
        return null;
    }

    record Figures(double rps, double p50, double p99) {
    }

    /** The command at the given concurrency; {@code __rand_int__} in an argument becomes a random number. */
    Figures run(int concurrency, String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of(binary, "-h", "127.0.0.1", "-p", Integer.toString(port),
                "-c", Integer.toString(concurrency), "-n", Integer.toString(requests), "-r", "1000000000", "--csv"));
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
                    return new Figures(Double.parseDouble(cells[n - 7]), Double.parseDouble(cells[n - 4]),
                            Double.parseDouble(cells[n - 2]));
                } catch (NumberFormatException e) {
                    // not the data row
                }
            }
        }
        throw new IllegalStateException("cannot read redis-benchmark output: " + out);
    }
}
