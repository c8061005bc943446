package io.github.recordingrules.application;

import java.time.Duration;

/**
 * What the function counts and times, for operators (docs/DEPLOYING.md, "Logs, metrics and alarms"). Called
 * by the use cases and the adapters as things happen; an implementation gathers the calls of one request into
 * its log line and metric record, and reports calls made outside a request (background work) on their own.
 * Every method is cheap and never fails the caller.
 */
public interface Metrics {

    /** One command sent to Redis and answered (or failed) after {@code latency}. */
    void redisRoundTrip(Duration latency);

    /** A compare-and-set that lost to a concurrent write of the same room; the change is computed again. */
    void compareAndSetRetry();

    /**
     * A change that started from what this instance recalled of the room (a write-first compare-and-set):
     * {@code current} when that was still the stored state, false when the save found it stale.
     */
    void recalled(boolean current);

    /** A change stored with the recordings it started and stopped. */
    void recordings(String roomSid, int started, int stopped);

    /** A status callback applied to a room: {@code applied} when it changed it, else unchanged. */
    void callback(String roomSid, String event, boolean applied);

    /** Why a request answers 503: {@link #REDIS_UNAVAILABLE} or {@link #CONTENTION}. */
    void unavailable(String cause);

    /** Outbound deliveries waiting to be sent, as last seen (a gauge). */
    void deliveriesPending(long pending);

    /** An outbound delivery that failed and is scheduled again. */
    void deliveryRetried();

    /** An outbound delivery given up on after its last attempt. */
    void deliveryDeadLettered();

    String REDIS_UNAVAILABLE = "redis-unavailable";
    String CONTENTION = "contention";

    /** Counts nothing: for tests and wiring without metrics. */
    Metrics NONE = new Metrics() {
        @Override
        public void redisRoundTrip(Duration latency) {
        }

        @Override
        public void compareAndSetRetry() {
        }

        @Override
        public void recalled(boolean current) {
        }

        @Override
        public void recordings(String roomSid, int started, int stopped) {
        }

        @Override
        public void callback(String roomSid, String event, boolean applied) {
        }

        @Override
        public void unavailable(String cause) {
        }

        @Override
        public void deliveriesPending(long pending) {
        }

        @Override
        public void deliveryRetried() {
        }

        @Override
        public void deliveryDeadLettered() {
        }
    };
}
