package io.github.recordingrules.adapter.http;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.github.recordingrules.domain.room.RecordingTrack;
import io.github.recordingrules.domain.rules.TrackInfo;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** One of the recording tracks: the track, its publisher and the SID of its processing recording. */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RecordingTrackJson(String trackSid, String trackName, String kind, String participantSid,
                                 String participantIdentity, String recordingSid) {

    public static RecordingTrackJson of(RecordingTrack recording) {
        TrackInfo track = recording.track();
        return new RecordingTrackJson(track.sid(), track.name(), track.kind() == null ? null : track.kind().wireName(),
                track.participantSid(), track.identity(), recording.recording().sid());
    }
}
