package io.github.recordingrules.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/**
 * The function pointed at LiveKit: webhooks signed with the test API key ({@link LiveKitNode}), and Egress
 * at an {@link EgressStandIn} on loopback, shared by every test of this profile, uploading to an S3 bucket.
 */
public class LiveKitProfile implements QuarkusTestProfile {

    private static EgressStandIn egress;

    /** The stand-in the running application calls. */
    public static synchronized EgressStandIn egress() {
        return egress;
    }

    /**
     * Egress uploads to S3, so that the stand-in checks S3Upload's fields too. Failed Egress calls are retried
     * after 100 ms to 400 ms instead of 15 s to 15 min, so that the tests' sweeps find them due at once.
     */
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(Map.entry("recording-rules.livekit.egress.s3-bucket", "test-recordings"),
                Map.entry("recording-rules.livekit.egress.s3-prefix", "rooms/"),
                Map.entry("recording-rules.livekit.egress.s3-region", "eu-west-1"),
                Map.entry("recording-rules.livekit.egress.s3-endpoint", "https://s3.eu-west-1.amazonaws.com"),
                Map.entry("recording-rules.livekit.egress.s3-access-key", "AKIATEST"),
                Map.entry("recording-rules.livekit.egress.s3-secret", "s3-test-secret"),
                Map.entry("recording-rules.livekit.egress.s3-force-path-style", "true"),
                // Generous, for a shared machine under load: a late first attempt only leaves work to the sweep,
                // and a slow Redis answers 503 only past these.
                Map.entry("recording-rules.outbound.first-attempt-timeout", "5s"),
                Map.entry("quarkus.redis.timeout", "10s"),
                Map.entry("recording-rules.redis.write-deadline", "10s"),
                Map.entry("recording-rules.outbound.retry.initial-backoff", "100ms"),
                Map.entry("recording-rules.outbound.retry.max-backoff", "400ms"));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(StandInResource.class));
    }

    public static class StandInResource implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            synchronized (LiveKitProfile.class) {
                if (egress == null) {
                    egress = new EgressStandIn();
                }
                return Map.of("recording-rules.livekit.url", egress.url());
            }
        }

        @Override
        public void stop() {
            synchronized (LiveKitProfile.class) {
                if (egress != null) {
                    egress.close();
                    egress = null;
                }
            }
        }
    }
}
