package io.github.recordingrules.domain.room;

import io.github.recordingrules.domain.room.RoomEvent.ParticipantConnected;
import io.github.recordingrules.domain.room.RoomEvent.ParticipantDisconnected;
import io.github.recordingrules.domain.room.RoomEvent.TrackAdded;
import io.github.recordingrules.domain.room.RoomEvent.TrackRemoved;
import io.github.recordingrules.domain.room.RoomEvent.TrackSwitched;
import io.github.recordingrules.domain.rules.TrackInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who is in the room and what they publish: a participant's presence and a track's publication are
 * last-writer-wins registers ordered by the event {@code Timestamp}, a removal winning a tie. A repeated
 * event therefore changes nothing, a late {@code track-added} for a track removed since cannot bring it
 * back, and any delivery order ends in the state of the serial order (docs/SPEC.md §7.5).
 */
final class Presence {

    private final Map<String, Participant> participants;
    private final Map<String, Track> tracks;

    Presence(List<Participant> participants, List<Track> tracks) {
        this.participants = index(participants, Participant::sid);
        this.tracks = index(tracks, Track::sid);
    }

    /** Each method answers whether the register changed. */
    boolean participantConnected(ParticipantConnected e) {
        Participant known = participants.get(e.participantSid());
        if (known == null || wins(true, e.timestamp(), known.connected(), known.changedAt())) {
            Participant connected = known == null
                    ? new Participant(e.participantSid(), e.identity(), true, e.timestamp(), null)
                    : known.withConnection(true, e.timestamp()).withIdentity(identityOf(known, e.identity()));
            participants.put(e.participantSid(), connected.connectedBy(e.timestamp()));
            return true;
        }
        boolean learned = learnIdentity(known, e.identity());
        return learnStart(participants.get(e.participantSid()), e.timestamp()) || learned;
    }

    /** A participant leaving unpublishes every track it published before it left. */
    boolean participantDisconnected(ParticipantDisconnected e) {
        Participant known = participants.get(e.participantSid());
        boolean changed;
        if (known == null || wins(false, e.timestamp(), known.connected(), known.changedAt())) {
            participants.put(e.participantSid(), known == null
                    ? new Participant(e.participantSid(), e.identity(), false, e.timestamp(), null)
                    : known.withConnection(false, e.timestamp()).withIdentity(identityOf(known, e.identity())));
            changed = true;
        } else {
            changed = learnIdentity(known, e.identity());
        }
        for (Track track : List.copyOf(tracks.values())) {
            if (track.participantSid().equals(e.participantSid()) && track.published()
                    && !e.timestamp().isBefore(track.changedAt())) {
                tracks.put(track.sid(), track.withPublished(false, e.timestamp()));
                changed = true;
            }
        }
        return changed;
    }

    boolean trackAdded(TrackAdded e) {
        Track known = tracks.get(e.trackSid());
        if (known != null && !wins(true, e.timestamp(), known.published(), known.changedAt())) {
            return learnTrackDetails(known, e);
        }
        Participant publisher = participants.get(e.participantSid());
        if (publisher != null && !publisher.connected() && !publisher.changedAt().isBefore(e.timestamp())) {
            // The publisher had left by the time of this event: the track is gone already.
            return false;
        }
        if (publisher == null || !publisher.connected()) {
            Participant connected = publisher == null
                    ? new Participant(e.participantSid(), e.identity(), true, e.timestamp(), null)
                    : publisher.withConnection(true, e.timestamp()).withIdentity(identityOf(publisher, e.identity()));
            participants.put(e.participantSid(), connected.connectedBy(e.timestamp()));
        } else {
            learnIdentity(publisher, e.identity());
            learnStart(participants.get(e.participantSid()), e.timestamp());
        }
        tracks.put(e.trackSid(), new Track(e.trackSid(), e.trackName() != null ? e.trackName() : nameOf(known),
                e.kind(), e.participantSid(), true, e.timestamp(), known == null ? null : known.enabled(),
                known == null ? null : known.enabledChangedAt()));
        return true;
    }

    boolean trackRemoved(TrackRemoved e) {
        Track known = tracks.get(e.trackSid());
        if (known == null) {
            tracks.put(e.trackSid(), new Track(e.trackSid(), e.trackName(), e.kind(), e.participantSid(), false, e.timestamp(),
                    null, null));
            return true;
        }
        if (wins(false, e.timestamp(), known.published(), known.changedAt())) {
            tracks.put(known.sid(), known.withPublished(false, e.timestamp()));
            return true;
        }
        return false;
    }

    /** Muting is a register of its own, ordered by timestamp; a track not known yet is not switched. */
    boolean trackSwitched(TrackSwitched e) {
        Track known = tracks.get(e.trackSid());
        if (known == null || (known.enabledChangedAt() != null && !e.timestamp().isAfter(known.enabledChangedAt()))) {
            return false;
        }
        tracks.put(known.sid(), known.withEnabled(e.enabled(), e.timestamp()));
        return true;
    }

    List<TrackInfo> publishedTracks() {
        List<TrackInfo> published = new ArrayList<>();
        for (Track track : tracks.values()) {
            if (track.published()) {
                published.add(info(track));
            }
        }
        return published;
    }

    Optional<TrackInfo> track(String trackSid) {
        Track track = tracks.get(trackSid);
        return track == null ? Optional.empty() : Optional.of(info(track));
    }

    /** The stored register of a track, published or not. */
    Track trackState(String trackSid) {
        return tracks.get(trackSid);
    }

    List<Participant> participants() {
        return List.copyOf(participants.values());
    }

    List<Track> tracks() {
        return List.copyOf(tracks.values());
    }

    private TrackInfo info(Track track) {
        Participant publisher = participants.get(track.participantSid());
        return track.info(publisher == null ? null : publisher.identity());
    }

    /**
     * Whether an event at {@code at} writing {@code value} overwrites a register holding {@code current}
     * since {@code since}: a newer event always does, even when the value stays the same (its timestamp
     * must move on, or an older event delivered later would win), and on a tie a removal does.
     */
    private static boolean wins(boolean value, Instant at, boolean current, Instant since) {
        int order = at.compareTo(since);
        return order > 0 || (order == 0 && !value && current);
    }

    private boolean learnIdentity(Participant known, String identity) {
        if (known.identity() == null && identity != null) {
            participants.put(known.sid(), known.withIdentity(identity));
            return true;
        }
        return false;
    }

    /** A connection known at {@code at}, earlier than any known so far, moves the participant's start back. */
    private boolean learnStart(Participant known, Instant at) {
        Participant learned = known.connectedBy(at);
        if (learned.equals(known)) {
            return false;
        }
        participants.put(known.sid(), learned);
        return true;
    }

    /** A repeated or late event may still carry a detail the first one lacked (Twilio omits TrackName). */
    private boolean learnTrackDetails(Track known, TrackAdded e) {
        boolean learned = false;
        Participant publisher = participants.get(known.participantSid());
        if (publisher != null) {
            learned = learnIdentity(publisher, e.identity());
        }
        if ((known.name() == null && e.trackName() != null) || (known.kind() == null && e.kind() != null)) {
            tracks.put(known.sid(), known.withDetails(known.name() != null ? known.name() : e.trackName(),
                    known.kind() != null ? known.kind() : e.kind()));
            learned = true;
        }
        return learned;
    }

    private static String identityOf(Participant known, String identity) {
        return known != null && known.identity() != null ? known.identity() : identity;
    }

    private static String nameOf(Track known) {
        return known == null ? null : known.name();
    }

    static <T> Map<String, T> index(List<T> values, Function<T, String> key) {
        Map<String, T> indexed = new LinkedHashMap<>();
        if (values != null) {
            for (T value : values) {
                indexed.put(key.apply(value), value);
            }
        }
        return indexed;
    }
}
