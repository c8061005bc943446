package io.github.recordingrules.adapter.metrics;

import io.github.recordingrules.application.Metrics;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@link Metrics} of the function: within a request, each call adds to that request's
 * {@link RequestRecord} (written once the answer is known, {@link RequestTelemetry}); outside one, for
 * background work, it is written at once as a record of its own.
 */
@Singleton
class EmfMetrics implements Metrics {

    private final RequestRecord current;
    private final EmfWriter writer;

    EmfMetrics(RequestRecord current, EmfWriter writer) {
        this.current = current;
        this.writer = writer;
    }

    @Override
    public void redisRoundTrip(Duration latency) {
        inRequest(record -> record.redisRoundTrip(latency.toNanos() / 1_000_000.0));
    }

    @Override
    public void compareAndSetRetry() {
        inRequest(RequestRecord::compareAndSetRetry);
    }

    @Override
    public void recalled(boolean current) {
        inRequest(record -> record.recalled(current));
    }

    @Override
    public void recordings(String roomSid, int started, int stopped) {
        inRequest(record -> record.recordings(roomSid, started, stopped));
    }

    @Override
    public void callback(String roomSid, String event, boolean applied) {
        inRequest(record -> record.callback(roomSid, event, applied));
    }

    @Override
    public void unavailable(String cause) {
        inRequest(record -> record.unavailable(cause));
    }

    @Override
    public void deliveriesPending(long pending) {
        alone(EmfWriter.DELIVERIES_PENDING, pending);
    }

    @Override
    public void deliveryRetried() {
        alone(EmfWriter.DELIVERIES_RETRIED, 1);
    }

    @Override
    public void deliveryDeadLettered() {
        alone(EmfWriter.DELIVERIES_DEAD_LETTERED, 1);
    }

    private void inRequest(Consumer<RequestRecord> change) {
        ManagedContext context = Arc.container().requestContext();
        if (context.isActive()) {
            change.accept(current);
        }
    }

    /** Background work: a record of its own, now; within a request, written with it but not merged into it. */
    private void alone(String metric, long value) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(metric, value);
        writer.writeAlone(values);
    }
}
