package io.github.recordingrules.adapter.webhook;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.github.recordingrules.adapter.rest.RecordingResource;

import java.util.List;

/**
 * What the media server is told after a callback: the tracks to record now, and the recordings this
 * callback started and stopped. {@code applied} is false for a repeated or stale callback.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WebhookAnswer(String roomSid, String roomStatus, String event, boolean applied,
                            List<RecordingTrack> recordingTracks, List<RecordingResource> started,
                            List<RecordingResource> stopped) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RecordingTrack(String trackSid, String trackName, String kind, String participantSid,
                                 String participantIdentity, String recordingSid) {
    }
}
