package io.github.recordingrules.domain.room;

import io.github.recordingrules.domain.rules.TrackInfo;
import io.github.recordingrules.domain.rules.TrackKind;

import java.time.Instant;

/**
 * A published (or formerly published) track.
 *
 * @param kind             null only for a track known from its removal alone
 * @param changedAt        the timestamp of the event that last changed {@code published}: an older event is stale
 * @param enabled          whether the publisher has it unmuted; null until a track-enabled or track-disabled
 *                         event, which means enabled
 * @param enabledChangedAt the timestamp of the event that last changed {@code enabled}, or null
 */
public record Track(String sid, String name, TrackKind kind, String participantSid, boolean published, Instant changedAt,
                    Boolean enabled, Instant enabledChangedAt) {

    TrackInfo info(String identity) {
        return new TrackInfo(sid, name, kind, participantSid, identity);
    }

    public boolean isEnabled() {
        return enabled == null || enabled;
    }

    Track withPublished(boolean isPublished, Instant at) {
        return new Track(sid, name, kind, participantSid, isPublished, at, enabled, enabledChangedAt);
    }

    Track withDetails(String newName, TrackKind newKind) {
        return new Track(sid, newName, newKind, participantSid, published, changedAt, enabled, enabledChangedAt);
    }

    Track withEnabled(boolean isEnabled, Instant at) {
        return new Track(sid, name, kind, participantSid, published, changedAt, isEnabled, at);
    }
}
