package io.github.recordingrules.domain.room;

import io.github.recordingrules.domain.rules.TrackInfo;
import io.github.recordingrules.domain.rules.TrackKind;

import java.time.Instant;

/**
 * A published (or formerly published) track.
 *
 * @param kind      null only for a track known from its removal alone
 * @param changedAt the timestamp of the event that last changed {@code published}: an older event is stale
 */
public record Track(String sid, String name, TrackKind kind, String participantSid, boolean published, Instant changedAt) {

    TrackInfo info(String identity) {
        return new TrackInfo(sid, name, kind, participantSid, identity);
    }
}
