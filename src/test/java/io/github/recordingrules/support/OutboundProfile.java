package io.github.recordingrules.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Outbound messages on (docs/SPEC.md §11.1): status callbacks are sent, a media server receiver
 * ({@link OutboundTestResource}) gets the pushes, 127.0.0.1 is allowlisted for the tests' receivers, and
 * names ending in {@code .test} resolve through {@link StandInResolver}. Retry timing is scaled down by
 * about a hundred (backoff 100 ms to 400 ms, retry period 30 s, lease 6 s) so that outages of a few seconds
 * stand for the minutes and hours of the defaults.
 */
public class OutboundProfile implements QuarkusTestProfile {

    public static final String MEDIA_SECRET = "test-media-server-secret";
    public static final long RETRY_PERIOD_MILLIS = 30_000;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("recording-rules.status-callback.enabled", "true"),
                Map.entry("recording-rules.media-server.secret", MEDIA_SECRET),
                Map.entry("recording-rules.outbound.allowed-private-networks", "127.0.0.1/32"),
                // Generous, for a shared machine under load: a late first attempt only leaves work to the sweep.
                Map.entry("recording-rules.outbound.first-attempt-timeout", "5s"),
                Map.entry("quarkus.redis.timeout", "10s"),
                Map.entry("recording-rules.outbound.attempt-timeout", "2s"),
                                Map.entry("recording-rules.outbound.lease", "6s"),
                Map.entry("recording-rules.outbound.retry.initial-backoff", "100ms"),
                Map.entry("recording-rules.outbound.retry.max-backoff", "400ms"),
                Map.entry("recording-rules.outbound.retry.period", RETRY_PERIOD_MILLIS + "ms"),
                Map.entry("recording-rules.outbound.sweep.time-limit", "5s"),
                Map.entry("recording-rules.redis.write-deadline", "10s"),
                Map.entry("recording-rules.redis.max-clock-skew", "0s"));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OutboundTestResource.class));
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(StandInResolver.class);
    }
}
