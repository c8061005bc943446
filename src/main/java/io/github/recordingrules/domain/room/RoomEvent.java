package io.github.recordingrules.domain.room;

import io.github.recordingrules.domain.rules.TrackKind;

import java.time.Instant;

/** A room status callback, already read and checked; {@link Room#apply} gives it its meaning. */
public sealed interface RoomEvent {

    /** When the media server says the event happened; events are ordered by it, not by arrival. */
    Instant timestamp();

    record RoomCreated(Instant timestamp) implements RoomEvent {
    }

    record RoomEnded(Instant timestamp) implements RoomEvent {
    }

    record ParticipantConnected(Instant timestamp, String participantSid, String identity) implements RoomEvent {
    }

    record ParticipantDisconnected(Instant timestamp, String participantSid, String identity) implements RoomEvent {
    }

    record TrackAdded(Instant timestamp, String participantSid, String identity,
                      String trackSid, TrackKind kind, String trackName) implements RoomEvent {
    }

    record TrackRemoved(Instant timestamp, String participantSid, String identity,
                        String trackSid, TrackKind kind, String trackName) implements RoomEvent {
    }

    /** A track's publisher muted or unmuted it; what is recorded does not change. */
    record TrackSwitched(Instant timestamp, String participantSid, String trackSid, boolean enabled) implements RoomEvent {
    }

    /**
     * A recording-* callback from the media server reporting how a recording went.
     *
     * @param duration whole seconds, or null
     * @param media    what the media server reports of the media, or null
     * @param restart  whether a track that the rules still want gets a new recording when this report
     *                 ends its current one; false suspends the track instead (docs/SPEC.md §4.4)
     */
    record RecordingStatusChanged(Instant timestamp, String recordingSid, RecordingStatus status,
                                  Integer duration, RecordingMedia media, boolean restart) implements RoomEvent {

        /** A report after which the track is recorded again, as Twilio-style media servers expect. */
        public RecordingStatusChanged(Instant timestamp, String recordingSid, RecordingStatus status,
                                      Integer duration, RecordingMedia media) {
            this(timestamp, recordingSid, status, duration, media, true);
        }
    }

    /** Accepted and ignored: events this function does not know. */
    record Other(Instant timestamp, String name) implements RoomEvent {
    }
}
