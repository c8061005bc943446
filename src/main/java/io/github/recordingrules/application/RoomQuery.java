package io.github.recordingrules.application;

import io.github.recordingrules.domain.room.Room;
import io.github.recordingrules.domain.room.RoomStatus;

import java.time.Instant;

/**
 * The filters of {@code GET /v1/Rooms} (docs/SPEC.md §5.15): a status (in-progress unless given), a unique
 * name, and a creation time on or after {@code after} and before {@code before}; null when absent.
 */
public record RoomQuery(RoomStatus status, String uniqueName, Instant after, Instant before) {

    public boolean matches(Room room) {
        return room.status() == status
                && (uniqueName == null || uniqueName.equals(room.uniqueName()))
                && (after == null || !room.dateCreated().isBefore(after))
                && (before == null || room.dateCreated().isBefore(before));
    }
}
