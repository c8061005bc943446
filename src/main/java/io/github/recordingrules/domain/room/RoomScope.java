package io.github.recordingrules.domain.room;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The part of a room an event can read or change, so that a store need not read the rest (docs/SPEC.md §8.1).
 * A track's recording is decided by the rules and that track alone, its publisher's identity included, so an
 * event about a participant, a track or a recording changes nothing outside them.
 * <p>
 * A room loaded for a scope that is not {@link #whole} holds the named participants, tracks and recordings
 * that exist, and with them their <em>closure</em>: the track of each held recording, the publisher of each
 * held track, every track of each held publisher, the current recording of each held track, and the media
 * server's ids of the room and of everything held. Applying the event to that part and to the whole room
 * gives the same part (the property {@code RoomScopePropertyTest} checks).
 */
public record RoomScope(boolean whole, Set<String> participantSids, Set<String> trackSids, Set<String> recordingSids) {

    public static final RoomScope WHOLE = new RoomScope(true, Set.of(), Set.of(), Set.of());

    public RoomScope {
        participantSids = Set.copyOf(participantSids);
        trackSids = Set.copyOf(trackSids);
        recordingSids = Set.copyOf(recordingSids);
    }

    /** What this event reads and changes: the room's end changes every track, the others only their own. */
    public static RoomScope of(RoomEvent event) {
        if (event instanceof RoomEvent.TrackAdded e) {
            return part(Set.of(e.participantSid()), Set.of(e.trackSid()), Set.of());
        }
        if (event instanceof RoomEvent.TrackRemoved e) {
            return part(Set.of(e.participantSid()), Set.of(e.trackSid()), Set.of());
        }
        if (event instanceof RoomEvent.TrackSwitched e) {
            return part(Set.of(e.participantSid()), Set.of(e.trackSid()), Set.of());
        }
        if (event instanceof RoomEvent.ParticipantConnected e) {
            return part(Set.of(e.participantSid()), Set.of(), Set.of());
        }
        if (event instanceof RoomEvent.ParticipantDisconnected e) {
            return part(Set.of(e.participantSid()), Set.of(), Set.of());
        }
        if (event instanceof RoomEvent.RecordingStatusChanged e) {
            return part(Set.of(), Set.of(), Set.of(e.recordingSid()));
        }
        if (event instanceof RoomEvent.RoomCreated || event instanceof RoomEvent.Other) {
            return part(Set.of(), Set.of(), Set.of());
        }
        return WHOLE;
    }

    /** This scope and these SIDs of participants ({@code PA…}), tracks ({@code MT…}) and recordings ({@code RT…}). */
    public RoomScope including(Collection<String> sids) {
        if (whole || sids.isEmpty()) {
            return this;
        }
        Set<String> participants = new LinkedHashSet<>(participantSids);
        Set<String> tracks = new LinkedHashSet<>(trackSids);
        Set<String> recordings = new LinkedHashSet<>(recordingSids);
        for (String sid : sids) {
            if (sid.startsWith("PA")) {
                participants.add(sid);
            } else if (sid.startsWith("MT")) {
                tracks.add(sid);
            } else if (sid.startsWith("RT")) {
                recordings.add(sid);
            }
        }
        return part(participants, tracks, recordings);
    }

    private static RoomScope part(Set<String> participants, Set<String> tracks, Set<String> recordings) {
        return new RoomScope(false, participants, tracks, recordings);
    }
}
