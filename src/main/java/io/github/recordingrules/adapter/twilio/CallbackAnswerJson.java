package io.github.recordingrules.adapter.twilio;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.github.recordingrules.adapter.http.RecordingJson;
import io.github.recordingrules.adapter.http.RecordingTrackJson;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * What the media server is told after a callback: the tracks to record now, and the recordings this
 * callback started and stopped. {@code applied} is false for a repeated or stale callback.
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CallbackAnswerJson(String roomSid, String roomStatus, String event, boolean applied,
                                 List<RecordingTrackJson> recordingTracks, List<RecordingJson> started,
                                 List<RecordingJson> stopped) {
}
