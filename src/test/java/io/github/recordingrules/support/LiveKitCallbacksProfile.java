package io.github.recordingrules.support;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link LiveKitProfile} with Twilio's status callbacks sent to each room's {@code StatusCallback}, 127.0.0.1
 * allowed for the tests' {@link Receiver}s, and {@code recording-completed} sent when the media server reports
 * the recording (docs/SPEC.md §11.1.3), which for LiveKit is {@code egress_ended}.
 */
public class LiveKitCallbacksProfile extends LiveKitProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.put("recording-rules.status-callback.enabled", "true");
        overrides.put("recording-rules.status-callback.recording-completed", "at-media-report");
        overrides.put("recording-rules.outbound.allowed-private-networks", "127.0.0.1/32");
        return overrides;
    }
}
