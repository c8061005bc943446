package io.github.recordingrules.domain.room;

import io.github.recordingrules.domain.rules.RecordingRule;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** All of a room's state as plain values, for a store to keep and give back. */
public record RoomSnapshot(
        String sid,
        String uniqueName,
        RoomType type,
        RoomStatus status,
        boolean recordParticipantsOnConnect,
        String statusCallback,
        String statusCallbackMethod,
        Instant dateCreated,
        Instant dateUpdated,
        Instant endTime,
        List<RecordingRule> rules,
        Instant rulesCreated,
        Instant rulesUpdated,
        List<Participant> participants,
        List<Track> tracks,
        List<Recording> recordings,
        Map<String, String> activeRecordings) {
}
