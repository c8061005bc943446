package io.github.recordingrules.application;

import io.github.recordingrules.domain.room.Outcome;
import io.github.recordingrules.domain.room.Room;

/** A room as stored after a change, and what the change did. */
public record RoomChange(Room room, Outcome outcome) {
}
