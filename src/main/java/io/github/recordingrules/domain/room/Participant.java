package io.github.recordingrules.domain.room;

import java.time.Instant;

/**
 * A participant as the status callbacks describe it.
 *
 * @param changedAt   the timestamp of the event that last changed {@code connected}: an older event is stale
 * @param connectedAt the earliest time it is known to have been connected (its participant-connected, or
 *                    its first track-added); null when no such event came, or in a room stored before it was kept
 */
public record Participant(String sid, String identity, boolean connected, Instant changedAt, Instant connectedAt) {

    Participant withConnection(boolean isConnected, Instant at) {
        return new Participant(sid, identity, isConnected, at, connectedAt);
    }

    Participant withIdentity(String newIdentity) {
        return new Participant(sid, newIdentity, connected, changedAt, connectedAt);
    }

    /** This participant, known to have been connected at {@code at} too. */
    Participant connectedBy(Instant at) {
        Instant known = startTime();
        Instant start = known == null || at.isBefore(known) ? at : known;
        return new Participant(sid, identity, connected, changedAt, start);
    }

    /** When it connected: the earliest connection known, else, while connected, its register's time. */
    public Instant startTime() {
        return connectedAt != null ? connectedAt : connected ? changedAt : null;
    }
}
