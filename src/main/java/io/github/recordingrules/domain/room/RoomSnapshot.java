package io.github.recordingrules.domain.room;

import io.github.recordingrules.domain.rules.RecordingRule;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * All of a room's state as plain values, for a store to keep and give back.
 *
 * @param externalIds     the media server's own ids for this room's SIDs (room, participants, tracks,
 *                        recordings), e.g. LiveKit's {@code RM_…}, {@code TR_…} and egress ids; null reads as none
 * @param suspendedTracks tracks the media server failed to record and that are not restarted
 *                        (docs/SPEC.md §4.4); null reads as none
 */
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
        Map<String, String> activeRecordings,
        Map<String, String> externalIds,
        List<String> suspendedTracks) {
}
