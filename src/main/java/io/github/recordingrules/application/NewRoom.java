package io.github.recordingrules.application;

import io.github.recordingrules.domain.room.RoomType;
import io.github.recordingrules.domain.rules.RecordingRules;

/** A checked request to create a room; {@code uniqueName} and {@code rules} may be null. */
public record NewRoom(String uniqueName, RoomType type, boolean recordParticipantsOnConnect, RecordingRules rules,
                      String statusCallback, String statusCallbackMethod) {
}
