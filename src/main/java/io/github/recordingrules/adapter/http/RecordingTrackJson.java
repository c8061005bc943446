package io.github.recordingrules.adapter.http;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.github.recordingrules.domain.room.RecordingTrack;
import io.github.recordingrules.domain.room.TrackDecision;
import io.github.recordingrules.domain.rules.TrackInfo;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Map;

/**
 * One of the recording tracks: the track, its publisher, the SID of its processing recording, and the rule
 * that decided to record it (its zero-based index in the rules in force, and the rule as shown).
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RecordingTrackJson(String trackSid, String trackName, String kind, String participantSid,
                                 String participantIdentity, String recordingSid, Integer ruleIndex,
                                 Map<String, Object> rule) {

    /** @param decision how the rules in force decide the track; null when not known */
    public static RecordingTrackJson of(RecordingTrack recording, TrackDecision decision) {
        TrackInfo track = recording.track();
        return new RecordingTrackJson(track.sid(), track.name(), track.kind() == null ? null : track.kind().wireName(),
                track.participantSid(), track.identity(), recording.recording().sid(),
                decision == null ? null : decision.ruleIndex(),
                decision == null || decision.rule() == null ? null : decision.rule().toWire());
    }
}
