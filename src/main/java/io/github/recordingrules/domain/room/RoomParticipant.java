package io.github.recordingrules.domain.room;

import java.time.Instant;

/**
 * A participant as the Participants resource shows it: its presence register, and disconnected once the
 * room has ended.
 *
 * @param startTime   when it connected, or null when no connection was reported
 * @param endTime     when it disconnected (or the room ended), null while connected
 * @param dateUpdated the time of its latest change
 */
public record RoomParticipant(String sid, String identity, boolean connected, Instant startTime, Instant endTime,
                              Instant dateUpdated) {
}
