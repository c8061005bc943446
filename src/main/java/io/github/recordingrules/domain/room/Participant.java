package io.github.recordingrules.domain.room;

import java.time.Instant;

/**
 * A participant as the status callbacks describe it.
 *
 * @param changedAt the timestamp of the event that last changed {@code connected}: an older event is stale
 */
public record Participant(String sid, String identity, boolean connected, Instant changedAt) {
}
