package io.github.recordingrules.adapter.livekit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * The parts of LiveKit's {@code WebhookEvent} (livekit_webhook.proto) that the function reads, in their
 * protojson form: camelCase names, enums by name, 64-bit numbers as strings. A field at its default is
 * left out by the sender (an audio track has no {@code type}; a starting egress no {@code status}), so
 * every absent field reads as that default. Unknown fields are ignored, as LiveKit's own receivers do.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
record WebhookEventJson(String event, RoomInfo room, ParticipantInfo participant, TrackInfo track,
                        EgressInfo egressInfo, String id, Long createdAt) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RoomInfo(String sid, String name) {
    }

    /** {@code kind}: STANDARD (absent), INGRESS, EGRESS, SIP, AGENT, ... */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ParticipantInfo(String sid, String identity, String kind) {
    }

    /** {@code type}: AUDIO (absent), VIDEO, DATA; {@code source}: UNKNOWN (absent), CAMERA, MICROPHONE, SCREEN_SHARE, SCREEN_SHARE_AUDIO. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TrackInfo(String sid, String type, String name, String source) {
    }

    /**
     * {@code status}: EGRESS_STARTING (absent), EGRESS_ACTIVE, EGRESS_ENDING, EGRESS_COMPLETE, EGRESS_FAILED,
     * EGRESS_ABORTED, EGRESS_LIMIT_REACHED. {@code file} is the deprecated single result.
     */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record EgressInfo(String egressId, String roomId, String roomName, String status, Request track,
                      List<FileInfo> fileResults, FileInfo file, String error) {
    }

    /** The {@code TrackEgressRequest} the egress was started with. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Request(String roomName, String trackId, DirectFileOutput file) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record DirectFileOutput(String filepath) {
    }

    /** {@code duration} in nanoseconds, {@code size} in bytes. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record FileInfo(String filename, Long duration, Long size, String location) {
    }
}
