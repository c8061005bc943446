package io.github.recordingrules.application;

import io.github.recordingrules.domain.room.Room;
import io.github.recordingrules.domain.room.RoomParticipant;

import java.time.Instant;

/**
 * The filters of a room's participants list (docs/SPEC.md §5.18). Without a status, an in-progress room
 * lists its connected participants and an ended one its disconnected participants, as Twilio does.
 *
 * @param connected true: connected only; false: disconnected only; null: the room's default
 */
public record ParticipantQuery(Boolean connected, String identity, Instant after, Instant before) {

    public boolean matches(Room room, RoomParticipant participant) {
        boolean wanted = connected != null ? connected : room.inProgress();
        return participant.connected() == wanted
                && (identity == null || identity.equals(participant.identity()))
                && (after == null || (participant.startTime() != null && !participant.startTime().isBefore(after)))
                && (before == null || (participant.startTime() != null && participant.startTime().isBefore(before)));
    }
}
