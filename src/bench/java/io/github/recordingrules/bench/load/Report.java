package io.github.recordingrules.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The lines a run prints, kept for target/bench/load-report.txt. */
final class Report {

    private final List<String> lines = new ArrayList<>();

    synchronized void say(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        lines.add(line);
        System.out.println(line);
    }

    synchronized void write(Path file) throws IOException {
        Files.write(file, lines);
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }
}
