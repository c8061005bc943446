package io.github.recordingrules.application;

import io.github.recordingrules.domain.room.Recording;
import io.github.recordingrules.domain.room.RecordingStatus;
import io.github.recordingrules.domain.rules.TrackKind;

import java.time.Instant;
import java.util.List;

/**
 * The filters of a recordings list (docs/SPEC.md §5.10, §5.17), each null when absent. Without a status,
 * deleted recordings are left out, as Twilio does; {@code after} is inclusive and {@code before} exclusive.
 *
 * @param groupingSids each must be the recording's room SID or its participant SID
 */
public record RecordingQuery(RecordingStatus status, String sourceSid, List<String> groupingSids, TrackKind mediaType,
                             Instant after, Instant before) {

    public RecordingQuery {
        groupingSids = groupingSids == null ? List.of() : List.copyOf(groupingSids);
    }

    public boolean matches(String roomSid, Recording recording) {
        return (status == null ? recording.status() != RecordingStatus.DELETED : recording.status() == status)
                && (sourceSid == null || sourceSid.equals(recording.trackSid()))
                && (mediaType == null || mediaType == recording.kind())
                && groupingSids.stream().allMatch(sid -> sid.equals(roomSid) || sid.equals(recording.participantSid()))
                && (after == null || !recording.dateCreated().isBefore(after))
                && (before == null || recording.dateCreated().isBefore(before));
    }

    /** The room SID among the grouping SIDs, if one is given: the list is then that room's. */
    String roomSid() {
        return groupingSids.stream().filter(io.github.recordingrules.domain.Sids::isRoom).findFirst().orElse(null);
    }
}
