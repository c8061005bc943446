package io.github.recordingrules.domain.room;

import io.github.recordingrules.domain.room.RoomEvent.ParticipantConnected;
import io.github.recordingrules.domain.room.RoomEvent.ParticipantDisconnected;
import io.github.recordingrules.domain.room.RoomEvent.RecordingStatusChanged;
import io.github.recordingrules.domain.room.RoomEvent.TrackAdded;
import io.github.recordingrules.domain.room.RoomEvent.TrackRemoved;
import io.github.recordingrules.domain.rules.RecordingRule;
import io.github.recordingrules.domain.rules.RecordingRules;
import io.github.recordingrules.domain.rules.TrackInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A room, its rules, its participants and tracks, and its recordings: the aggregate every change
 * goes through.
 * <p>
 * Callbacks arrive at least once and in any order, so a participant's presence and a track's
 * publication are last-writer-wins registers ordered by the event {@code Timestamp}, with a removal
 * winning a tie. A repeated event therefore changes nothing, a late {@code track-added} for a track
 * removed since cannot bring it back, and any delivery order ends in the state of the serial order.
 * After every change the set of recording tracks is recomputed from scratch (docs/SPEC.md §3.4) and the
 * recordings follow it: a track entering the set starts a new recording, a track leaving completes it.
 */
public final class Room {

    private final String sid;
    private final String uniqueName;
    private final RoomType type;
    private RoomStatus status;
    private final boolean recordParticipantsOnConnect;
    private final String statusCallback;
    private final String statusCallbackMethod;
    private final Instant dateCreated;
    private Instant dateUpdated;
    private Instant endTime;
    private RecordingRules rules;
    private Instant rulesCreated;
    private Instant rulesUpdated;
    private final Map<String, Participant> participants;
    private final Map<String, Track> tracks;
    private final Map<String, Recording> recordings;
    /** Track SID to the SID of its processing recording: the set of recording tracks as last enforced. */
    private final Map<String, String> activeRecordings;

    private Room(RoomSnapshot s) {
        this.sid = s.sid();
        this.uniqueName = s.uniqueName();
        this.type = s.type();
        this.status = s.status();
        this.recordParticipantsOnConnect = s.recordParticipantsOnConnect();
        this.statusCallback = s.statusCallback();
        this.statusCallbackMethod = s.statusCallbackMethod();
        this.dateCreated = s.dateCreated();
        this.dateUpdated = s.dateUpdated();
        this.endTime = s.endTime();
        this.rules = s.rules() == null ? null : new RecordingRules(s.rules());
        this.rulesCreated = s.rulesCreated();
        this.rulesUpdated = s.rulesUpdated();
        this.participants = index(s.participants(), Participant::sid);
        this.tracks = index(s.tracks(), Track::sid);
        this.recordings = index(s.recordings(), Recording::sid);
        this.activeRecordings = s.activeRecordings() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(s.activeRecordings());
    }

    /** A room created through the REST API. {@code rules} may be null. */
    public static Room create(String sid, String uniqueName, RoomType type, boolean recordParticipantsOnConnect,
                              RecordingRules rules, String statusCallback, String statusCallbackMethod, Instant now) {
        if (rules != null && !type.supportsRecording()) {
            throw new RoomTypeNotSupportedException(type);
        }
        return new Room(new RoomSnapshot(sid, uniqueName, type, RoomStatus.IN_PROGRESS, recordParticipantsOnConnect,
                statusCallback, statusCallbackMethod, now, now, null,
                rules == null ? null : rules.rules(), rules == null ? null : now, rules == null ? null : now,
                List.of(), List.of(), List.of(), Map.of()));
    }

    /** A room first heard of through a status callback. */
    public static Room discovered(String sid, String name, RoomType type, Instant at) {
        return create(sid, name, type == null ? RoomType.GROUP : type, false, null, null, null, at);
    }

    public static Room restore(RoomSnapshot snapshot) {
        return new Room(snapshot);
    }

    public RoomSnapshot snapshot() {
        return new RoomSnapshot(sid, uniqueName, type, status, recordParticipantsOnConnect, statusCallback,
                statusCallbackMethod, dateCreated, dateUpdated, endTime, rules == null ? null : rules.rules(),
                rulesCreated, rulesUpdated, List.copyOf(participants.values()), List.copyOf(tracks.values()),
                List.copyOf(recordings.values()), Map.copyOf(activeRecordings));
    }

    /** Applies one status callback, then enforces the rules. */
    public Outcome apply(RoomEvent event, SidGenerator sids) {
        boolean changed;
        if (event instanceof RecordingStatusChanged e) {
            changed = recordingStatusChanged(e);
        } else if (status != RoomStatus.IN_PROGRESS) {
            changed = false;
        } else if (event instanceof ParticipantConnected e) {
            changed = participantConnected(e);
        } else if (event instanceof ParticipantDisconnected e) {
            changed = participantDisconnected(e);
        } else if (event instanceof TrackAdded e) {
            changed = trackAdded(e);
        } else if (event instanceof TrackRemoved e) {
            changed = trackRemoved(e);
        } else if (event instanceof RoomEvent.RoomEnded e) {
            changed = end(e.timestamp());
        } else {
            changed = false;
        }
        return changed ? enforce(event.timestamp(), sids) : Outcome.UNCHANGED;
    }

    /** Replaces all rules (they are stateless) and enforces the new ones at once. */
    public Outcome replaceRules(RecordingRules newRules, Instant now, SidGenerator sids) {
        if (!type.supportsRecording()) {
            throw new RoomTypeNotSupportedException(type);
        }
        if (rulesCreated == null) {
            rulesCreated = now;
        }
        rules = newRules;
        rulesUpdated = now;
        return enforce(now, sids);
    }

    /** Ends the room as {@code POST /v1/Rooms/{Sid}} with {@code Status=completed} does. */
    public Outcome complete(Instant now, SidGenerator sids) {
        return end(now) ? enforce(now, sids) : Outcome.UNCHANGED;
    }

    private boolean end(Instant at) {
        if (status != RoomStatus.IN_PROGRESS) {
            return false;
        }
        status = RoomStatus.COMPLETED;
        endTime = at;
        return true;
    }

    private boolean participantConnected(ParticipantConnected e) {
        Participant known = participants.get(e.participantSid());
        if (known == null || wins(true, e.timestamp(), known.connected(), known.changedAt())) {
            participants.put(e.participantSid(), new Participant(e.participantSid(),
                    identityOf(known, e.identity()), true, e.timestamp()));
            return true;
        }
        return learnIdentity(known, e.identity());
    }

    private boolean participantDisconnected(ParticipantDisconnected e) {
        Participant known = participants.get(e.participantSid());
        boolean changed = false;
        if (known == null || wins(false, e.timestamp(), known.connected(), known.changedAt())) {
            participants.put(e.participantSid(), new Participant(e.participantSid(),
                    identityOf(known, e.identity()), false, e.timestamp()));
            changed = true;
        } else {
            changed = learnIdentity(known, e.identity());
        }
        for (Track track : List.copyOf(tracks.values())) {
            if (track.participantSid().equals(e.participantSid()) && track.published()
                    && !e.timestamp().isBefore(track.changedAt())) {
                tracks.put(track.sid(), withPublished(track, false, e.timestamp()));
                changed = true;
            }
        }
        return changed;
    }

    private boolean trackAdded(TrackAdded e) {
        Track known = tracks.get(e.trackSid());
        if (known != null && !wins(true, e.timestamp(), known.published(), known.changedAt())) {
            return learnTrackDetails(known, e.trackName(), e);
        }
        Participant publisher = participants.get(e.participantSid());
        if (publisher != null && !publisher.connected() && !publisher.changedAt().isBefore(e.timestamp())) {
            // The publisher had left by the time of this event: the track is gone already.
            return false;
        }
        if (publisher == null || !publisher.connected()) {
            participants.put(e.participantSid(), new Participant(e.participantSid(),
                    identityOf(publisher, e.identity()), true, e.timestamp()));
        } else {
            learnIdentity(publisher, e.identity());
        }
        tracks.put(e.trackSid(), new Track(e.trackSid(), e.trackName() != null ? e.trackName() : nameOf(known),
                e.kind(), e.participantSid(), true, e.timestamp()));
        return true;
    }

    private boolean trackRemoved(TrackRemoved e) {
        Track known = tracks.get(e.trackSid());
        if (known == null) {
            tracks.put(e.trackSid(), new Track(e.trackSid(), e.trackName(), e.kind(), e.participantSid(), false, e.timestamp()));
            return true;
        }
        if (wins(false, e.timestamp(), known.published(), known.changedAt())) {
            tracks.put(known.sid(), withPublished(known, false, e.timestamp()));
            return true;
        }
        return false;
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

    private boolean recordingStatusChanged(RecordingStatusChanged e) {
        Recording recording = recordings.get(e.recordingSid());
        if (recording == null || e.status() == null || recording.status() == e.status()
                || e.status() == RecordingStatus.PROCESSING || recording.status() == RecordingStatus.DELETED) {
            return false;
        }
        recordings.put(recording.sid(), recording.withStatus(e.status(), e.duration()));
        return true;
    }

    private boolean learnIdentity(Participant known, String identity) {
        if (known.identity() == null && identity != null) {
            participants.put(known.sid(), new Participant(known.sid(), identity, known.connected(), known.changedAt()));
            return true;
        }
        return false;
    }

    /** A repeated or late event may still carry a detail the first one lacked (Twilio omits TrackName). */
    private boolean learnTrackDetails(Track known, String name, TrackAdded e) {
        boolean learned = false;
        Participant publisher = participants.get(known.participantSid());
        if (publisher != null) {
            learned = learnIdentity(publisher, e.identity());
        }
        if ((known.name() == null && name != null) || (known.kind() == null && e.kind() != null)) {
            tracks.put(known.sid(), new Track(known.sid(), known.name() != null ? known.name() : name,
                    known.kind() != null ? known.kind() : e.kind(), known.participantSid(), known.published(), known.changedAt()));
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

    private static Track withPublished(Track track, boolean published, Instant at) {
        return new Track(track.sid(), track.name(), track.kind(), track.participantSid(), published, at);
    }

    /** Recomputes the set of recording tracks and starts and completes recordings to match it. */
    private Outcome enforce(Instant now, SidGenerator sids) {
        dateUpdated = now.isAfter(dateUpdated) ? now : dateUpdated;
        Set<String> wanted = recordingTracks();
        List<Recording> stopped = new ArrayList<>();
        for (Map.Entry<String, String> active : List.copyOf(activeRecordings.entrySet())) {
            if (!wanted.contains(active.getKey())) {
                Recording done = recordings.get(active.getValue()).complete(now);
                recordings.put(done.sid(), done);
                activeRecordings.remove(active.getKey());
                stopped.add(done);
            }
        }
        List<Recording> started = new ArrayList<>();
        for (String trackSid : wanted) {
            if (!activeRecordings.containsKey(trackSid)) {
                Track track = tracks.get(trackSid);
                Recording recording = new Recording(sids.next("RT"), trackSid, track.name(), track.kind(),
                        track.participantSid(), RecordingStatus.PROCESSING, now, null, null);
                recordings.put(recording.sid(), recording);
                activeRecordings.put(trackSid, recording.sid());
                started.add(recording);
            }
        }
        return new Outcome(true, List.copyOf(started), List.copyOf(stopped));
    }

    /** The SIDs of the tracks the rules select now; empty once the room has ended or if it cannot record. */
    public Set<String> recordingTracks() {
        if (status != RoomStatus.IN_PROGRESS || !type.supportsRecording()) {
            return Set.of();
        }
        return effectiveRules().map(r -> r.recordingTracks(publishedTracks())).orElse(Set.of());
    }

    /** The rules in force: those posted last, else include-all for a record-on-connect room, else none. */
    public Optional<RecordingRules> effectiveRules() {
        if (rules != null) {
            return Optional.of(rules);
        }
        return recordParticipantsOnConnect ? Optional.of(RecordingRules.RECORD_ALL) : Optional.empty();
    }

    public List<TrackInfo> publishedTracks() {
        List<TrackInfo> published = new ArrayList<>();
        for (Track track : tracks.values()) {
            if (track.published()) {
                Participant publisher = participants.get(track.participantSid());
                published.add(track.info(publisher == null ? null : publisher.identity()));
            }
        }
        return published;
    }

    /** The published track with this SID, as the rules see it. */
    public Optional<TrackInfo> track(String trackSid) {
        Track track = tracks.get(trackSid);
        if (track == null) {
            return Optional.empty();
        }
        Participant publisher = participants.get(track.participantSid());
        return Optional.of(track.info(publisher == null ? null : publisher.identity()));
    }

    /** Track SID to the SID of its processing recording, for the tracks being recorded now. */
    public Map<String, String> recordingsInProgress() {
        return java.util.Collections.unmodifiableMap(activeRecordings);
    }

    /** Recordings in the order they started. */
    public Collection<Recording> recordings() {
        return recordings.values();
    }

    public Optional<Recording> recording(String recordingSid) {
        return Optional.ofNullable(recordings.get(recordingSid));
    }

    /** The rules as the RecordingRules resource shows them. */
    public List<RecordingRule> displayedRules() {
        return effectiveRules().map(RecordingRules::rules).orElse(List.of());
    }

    public Instant rulesDateCreated() {
        return rulesCreated != null ? rulesCreated : dateCreated;
    }

    public Instant rulesDateUpdated() {
        return rulesUpdated != null ? rulesUpdated : dateCreated;
    }

    public String sid() {
        return sid;
    }

    public String uniqueName() {
        return uniqueName;
    }

    public RoomType type() {
        return type;
    }

    public RoomStatus status() {
        return status;
    }

    public boolean inProgress() {
        return status == RoomStatus.IN_PROGRESS;
    }

    public boolean recordParticipantsOnConnect() {
        return recordParticipantsOnConnect;
    }

    public String statusCallback() {
        return statusCallback;
    }

    public String statusCallbackMethod() {
        return statusCallbackMethod;
    }

    public Instant dateCreated() {
        return dateCreated;
    }

    public Instant dateUpdated() {
        return dateUpdated;
    }

    public Instant endTime() {
        return endTime;
    }

    private static <T> Map<String, T> index(List<T> values, java.util.function.Function<T, String> key) {
        Map<String, T> indexed = new LinkedHashMap<>();
        if (values != null) {
            for (T value : values) {
                indexed.put(key.apply(value), value);
            }
        }
        return indexed;
    }
}
