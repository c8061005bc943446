package io.github.recordingrules.bench.load;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The function's recall hits and misses (docs/SPEC.md §8.2: a webhook on a room its instance remembers is
 * written at once), summed from the {@code RecallHits} and {@code RecallMisses} fields of the metric records
 * (EMF, one JSON object a line) in the function processes' logs. A hit is a change written from what the
 * instance recalled (one round trip); a miss, a recalled state the save found stale (its answer is the read: two);
 * a webhook on a room the instance does not recall counts as neither (a load, then the save: two). Each log is read on from where the last
 * sample stopped, so that sampling costs what the records since cost.
 */
final class RecallCounts {

    private static final Pattern HITS = Pattern.compile("\"RecallHits\":(\\d+)");
    private static final Pattern MISSES = Pattern.compile("\"RecallMisses\":(\\d+)");

    /** Totals so far over the logs sampled; {@code records}: the metric records that carried the fields. */
    record Sample(long hits, long misses, long records) {
        Sample minus(Sample earlier) {
            return new Sample(hits - earlier.hits, misses - earlier.misses, records - earlier.records);
        }

        Sample plus(Sample other) {
            return new Sample(hits + other.hits, misses + other.misses, records + other.records);
        }

        /** Hits over hits and misses, and hits over every request recorded: the share written in one round trip. */
        String rate() {
            return String.format("hits/(hits+misses) %s (%d hits, %d misses); written at once: %d of %d recorded requests"
                            + " (%.1f%%), not recalled: %d", hits + misses == 0 ? "-" : String.format("%.1f%%", 100.0 * hits / (hits + misses)),
                    hits, misses, hits, records, records == 0 ? 0 : 100.0 * hits / records, records - hits - misses);
        }
    }

    static final Sample ZERO = new Sample(0, 0, 0);

    private final Map<Path, Long> readUpTo = new HashMap<>();
    private final Map<Path, Sample> totals = new HashMap<>();

    /** The totals of these logs so far. */
    synchronized Sample sample(List<Path> logs) throws IOException {
        Sample sum = ZERO;
        for (Path log : logs) {
            sum = sum.plus(readOn(log));
        }
        return sum;
    }

    private Sample readOn(Path log) throws IOException {
        long from = readUpTo.getOrDefault(log, 0L);
        Sample total = totals.getOrDefault(log, ZERO);
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            byte[] bytes = new byte[(int) Math.max(0, file.length() - from)];
            file.seek(from);
            file.readFully(bytes);
            // Whole lines only: a record being written is counted at the next sample.
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] != '\n') {
                end--;
            }
            long hits = 0;
            long misses = 0;
            long records = 0;
            for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
                Matcher hit = HITS.matcher(line);
                Matcher miss = MISSES.matcher(line);
                if (hit.find() && miss.find()) {
                    hits += Long.parseLong(hit.group(1));
                    misses += Long.parseLong(miss.group(1));
                    records++;
                }
            }
            total = total.plus(new Sample(hits, misses, records));
            readUpTo.put(log, from + end);
            totals.put(log, total);
        }
        return total;
    }
}
