package io.github.recordingrules.adapter.metrics;

import jakarta.enterprise.context.RequestScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * What the {@link io.github.recordingrules.application.Metrics} calls of one request added up to. Reached
 * through its CDI client proxy, hence methods only: a field read on the proxy would be shared by all requests.
 */
@RequestScoped
class RequestRecord {

    private long startNanos = System.nanoTime();
    private String requestId;
    private String route = "other";
    private String roomSid;
    private String event;
    private Boolean applied;
    private int recordingsStarted;
    private int recordingsStopped;
    private int compareAndSetRetries;
    private int recallHits;
    private int recallMisses;
    private String unavailableCause;
    private final List<Double> redisLatencyMillis = new ArrayList<>();

    void open(long startNanos, String route, String requestId) {
        this.startNanos = startNanos;
        this.route = route;
        this.requestId = requestId;
    }

    void redisRoundTrip(double millis) {
        redisLatencyMillis.add(millis);
    }

    void compareAndSetRetry() {
        compareAndSetRetries++;
    }

    void recalled(boolean current) {
        if (current) {
            recallHits++;
        } else {
            recallMisses++;
        }
    }

    int recallHits() {
        return recallHits;
    }

    int recallMisses() {
        return recallMisses;
    }

    void recordings(String roomSid, int started, int stopped) {
        this.roomSid = roomSid;
        recordingsStarted += started;
        recordingsStopped += stopped;
    }

    void callback(String roomSid, String event, boolean applied) {
        this.roomSid = roomSid;
        this.event = event;
        this.applied = applied;
    }

    void unavailable(String cause) {
        unavailableCause = cause;
    }

    long startNanos() {
        return startNanos;
    }

    String requestId() {
        return requestId;
    }

    String route() {
        return route;
    }

    String roomSid() {
        return roomSid;
    }

    String event() {
        return event;
    }

    /** Null when the request applied no callback. */
    Boolean applied() {
        return applied;
    }

    int recordingsStarted() {
        return recordingsStarted;
    }

    int recordingsStopped() {
        return recordingsStopped;
    }

    int compareAndSetRetries() {
        return compareAndSetRetries;
    }

    String unavailableCause() {
        return unavailableCause;
    }

    List<Double> redisLatencyMillis() {
        return List.copyOf(redisLatencyMillis);
    }

    double redisMillis() {
        return redisLatencyMillis.stream().mapToDouble(Double::doubleValue).sum();
    }
}
