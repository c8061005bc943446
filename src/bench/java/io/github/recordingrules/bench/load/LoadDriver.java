package io.github.recordingrules.bench.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** Clients keeping a number of events in flight through the Runtime API, each waiting for its answer. */
final class LoadDriver {

    private final RuntimeApi api;
    private final Report report;

    LoadDriver(RuntimeApi api, Report report) {
        this.api = api;
        this.report = report;
    }

    /** What one run measured: latency from queueing an event to the function's answer. */
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

    /** One event, waited for; it must be answered {@code expected}. */
    RuntimeApi.Result invoke(byte[] event, int expected, String what) throws Exception {
        RuntimeApi.Result result = api.submit(event).done().get(120, TimeUnit.SECONDS);
        if (result.status() != expected) {
            throw new IllegalStateException(what + " answered " + result.status() + ": " + result.body());
        }
        return result;
    }

    /** {@code count} events from {@code next}, {@code concurrency} at a time; answers other than {@code expected} count as failures. */
    Run drive(String name, int concurrency, int count, Supplier<byte[]> next, int expected) throws Exception {
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
                    RuntimeApi.Invocation invocation = api.submit(next.get());
                    RuntimeApi.Result result = invocation.done().get(60, TimeUnit.SECONDS);
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
            report.say("  %s failure: %s", name, failure.length() > 400 ? failure.substring(0, 400) : failure);
        }
        return new Run(name, concurrency, count, seconds, latencies, (int) failures.get());
    }
}
