package io.github.recordingrules.application;

import io.github.recordingrules.domain.room.Recording;

/** A recording with the SID of its room, as the account-level resources show it. */
public record RoomRecording(String roomSid, Recording recording) {
}
