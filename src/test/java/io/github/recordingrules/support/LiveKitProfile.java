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

    /** Egress uploads to S3, so that the stand-in checks S3Upload's fields too. */
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("recording-rules.livekit.egress.s3-bucket", "test-recordings",
                "recording-rules.livekit.egress.s3-prefix", "rooms/",
                "recording-rules.livekit.egress.s3-region", "eu-west-1",
                "recording-rules.livekit.egress.s3-endpoint", "https://s3.eu-west-1.amazonaws.com",
                "recording-rules.livekit.egress.s3-access-key", "AKIATEST",
                "recording-rules.livekit.egress.s3-secret", "s3-test-secret",
                "recording-rules.livekit.egress.s3-force-path-style", "true");
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
