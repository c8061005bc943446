package io.github.recordingrules.domain.room;

import io.github.recordingrules.domain.room.RoomEvent.ParticipantConnected;
import io.github.recordingrules.domain.room.RoomEvent.ParticipantDisconnected;
import io.github.recordingrules.domain.room.RoomEvent.RecordingStatusChanged;
import io.github.recordingrules.domain.room.RoomEvent.RoomEnded;
import io.github.recordingrules.domain.room.RoomEvent.TrackAdded;
import io.github.recordingrules.domain.room.RoomEvent.TrackRemoved;
import io.github.recordingrules.domain.room.RoomEvent.TrackSwitched;
import io.github.recordingrules.domain.rules.RecordingRule;
import io.github.recordingrules.domain.rules.RecordingRules;
import io.github.recordingrules.domain.rules.RuleDecision;
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
 * A room, its rules, its participants and tracks ({@link Presence}), and its recordings
 * ({@link RecordingLedger}): the aggregate every change goes through.
 * <p>
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
    private final Presence presence;
    private final RecordingLedger ledger;
    private final Map<String, String> externalIds;
    /** False for a part of the room loaded for one event ({@link RoomScope}): its lists then hold only that part. */
    private final boolean whole;

    private Room(RoomSnapshot s, boolean whole) {
        this.whole = whole;
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
        this.presence = new Presence(s.participants(), s.tracks());
        this.ledger = new RecordingLedger(s.recordings(), s.activeRecordings(), s.suspendedTracks());
        this.externalIds = s.externalIds() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(s.externalIds());
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
                List.of(), List.of(), List.of(), Map.of(), Map.of(), List.of()), true);
    }

    /** A room first heard of through a status callback. */
    public static Room discovered(String sid, String name, RoomType type, Instant at) {
        return create(sid, name, type == null ? RoomType.GROUP : type, false, null, null, null, at);
    }

    public static Room restore(RoomSnapshot snapshot) {
        return new Room(snapshot, true);
    }

    /**
     * A part of a stored room, loaded for an event of this {@link RoomScope}: it can take that event, and what
     * it lists (participants, tracks, recordings, recording tracks) is that part's.
     */
    public static Room restorePart(RoomSnapshot part) {
        return new Room(part, false);
    }

    /** Whether this is the whole room, not a part loaded for one event. */
    public boolean isWhole() {
        return whole;
    }

    public RoomSnapshot snapshot() {
        return new RoomSnapshot(sid, uniqueName, type, status, recordParticipantsOnConnect, statusCallback,
                statusCallbackMethod, dateCreated, dateUpdated, endTime, rules == null ? null : rules.rules(),
                rulesCreated, rulesUpdated, presence.participants(), presence.tracks(),
                List.copyOf(ledger.recordings()), ledger.recordingByTrack(), Map.copyOf(externalIds),
                ledger.suspendedTracks());
    }

    /** Applies one status callback, then enforces the rules. */
    public Outcome apply(RoomEvent event, SidGenerator sids) {
        if (!whole && RoomScope.of(event).whole()) {
            requireWhole();
        }
        boolean changed;
        if (event instanceof RecordingStatusChanged e) {
            changed = ledger.statusChanged(e);
        } else if (status != RoomStatus.IN_PROGRESS) {
            changed = false;
        } else if (event instanceof ParticipantConnected e) {
            changed = presence.participantConnected(e);
        } else if (event instanceof ParticipantDisconnected e) {
            changed = presence.participantDisconnected(e);
        } else if (event instanceof TrackAdded e) {
            changed = presence.trackAdded(e);
        } else if (event instanceof TrackRemoved e) {
            changed = presence.trackRemoved(e);
        } else if (event instanceof TrackSwitched e) {
            changed = presence.trackSwitched(e);
        } else if (event instanceof RoomEnded e) {
            changed = end(e.timestamp());
        } else {
            changed = false;
        }
        return changed ? enforce(event.timestamp(), sids) : Outcome.UNCHANGED;
    }

    /** Replaces all rules (they are stateless) and enforces the new ones at once. */
    public Outcome replaceRules(RecordingRules newRules, Instant now, SidGenerator sids) {
        requireWhole();
        if (!type.supportsRecording()) {
            throw new RoomTypeNotSupportedException(type);
        }
        if (rulesCreated == null) {
            rulesCreated = now;
        }
        rules = newRules;
        rulesUpdated = now;
        // Posting rules is the application asking again: tracks the media server failed are tried anew.
        ledger.resumeSuspended();
        return enforce(now, sids);
    }

    /**
     * What {@link #replaceRules} would do with these rules now: the same change, made on a copy of this
     * room that is then thrown away, so that the preview is exactly what the POST would do.
     */
    public RulesPreview previewRules(RecordingRules newRules, Instant now) {
        requireWhole();
        Room copy = restore(snapshot());
        long[] placeholder = {0};
        Outcome outcome = copy.replaceRules(newRules, now, prefix -> prefix + String.format("%032x", ++placeholder[0]));
        return new RulesPreview(copy.explanation(), outcome.started(), outcome.stopped());
    }

    /**
     * Deletes an ended recording of this room (docs/SPEC.md §4.6); the media server is told through the
     * outcome's {@code deleted}. The set of recording tracks does not change.
     */
    public Outcome deleteRecording(String recordingSid, Instant now) {
        return ledger.delete(recordingSid, now);
    }

    /** Ends the room as {@code POST /v1/Rooms/{Sid}} with {@code Status=completed} does. */
    public Outcome complete(Instant now, SidGenerator sids) {
        requireWhole();
        return end(now) ? enforce(now, sids) : Outcome.UNCHANGED;
    }

    /**
     * Remembers the media server's own ids for SIDs of this room (the room's, its participants', tracks'
     * and recordings'). An id once known is kept; once the room has ended, only its recordings' ids are
     * still learned, as events about its participants and tracks change nothing. Answers whether any was new.
     */
    public boolean learnExternalIds(Map<String, String> ids) {
        boolean learned = false;
        for (Map.Entry<String, String> id : ids.entrySet()) {
            if (inProgress() || ledger.recording(id.getKey()).isPresent()) {
                learned |= externalIds.putIfAbsent(id.getKey(), id.getValue()) == null;
            }
        }
        return learned;
    }

    /** The media server's own id for one of this room's SIDs, if it has told it. */
    public Optional<String> externalId(String sid) {
        return Optional.ofNullable(externalIds.get(sid));
    }

    /** Tracks the rules want but that are not recorded because the media server failed them (docs/SPEC.md §4.4). */
    public Set<String> suspendedTracks() {
        return Set.copyOf(ledger.suspendedTracks());
    }

    /** Changes to every track need every track: a part of the room cannot take them. */
    private void requireWhole() {
        if (!whole) {
            throw new IllegalStateException("room " + sid + " was loaded in part; this change needs the whole room");
        }
    }

    private boolean end(Instant at) {
        if (status != RoomStatus.IN_PROGRESS) {
            return false;
        }
        status = RoomStatus.COMPLETED;
        endTime = at;
        return true;
    }

    private Outcome enforce(Instant now, SidGenerator sids) {
        dateUpdated = now.isAfter(dateUpdated) ? now : dateUpdated;
        return ledger.follow(wantedTracks(), presence::trackState, now, sids);
    }

    /** The SIDs of the tracks the rules select now; none once the room has ended or if it cannot record. */
    private Set<String> wantedTracks() {
        if (status != RoomStatus.IN_PROGRESS || !type.supportsRecording()) {
            return Set.of();
        }
        return effectiveRules().map(r -> r.recordingTracks(presence.publishedTracks())).orElse(Set.of());
    }

    /**
     * For every published track, whether it is recorded and what decided it (docs/SPEC.md §3.5): the
     * evaluation that {@link #wantedTracks} makes, through {@link RecordingRules#decisions}.
     */
    public List<TrackDecision> explanation() {
        List<TrackInfo> tracks = presence.publishedTracks();
        Optional<RecordingRules> inForce = effectiveRules();
        TrackDecision.Reason roomReason = !type.supportsRecording() ? TrackDecision.Reason.ROOM_TYPE
                : status != RoomStatus.IN_PROGRESS ? TrackDecision.Reason.ROOM_ENDED
                : inForce.isEmpty() ? TrackDecision.Reason.NO_RULES : null;
        List<TrackDecision> decisions = new ArrayList<>(tracks.size());
        if (roomReason != null) {
            for (TrackInfo track : tracks) {
                decisions.add(new TrackDecision(track, false, null, null, roomReason, null));
            }
            return decisions;
        }
        Map<String, String> current = ledger.recordingByTrack();
        for (RuleDecision decision : inForce.get().decisions(tracks)) {
            TrackDecision.Reason reason = !decision.track().kind().recordable() ? TrackDecision.Reason.DATA_TRACK
                    : decision.ruleIndex() == null ? TrackDecision.Reason.NO_MATCHING_RULE : TrackDecision.Reason.RULE;
            decisions.add(new TrackDecision(decision.track(), decision.recorded(), decision.ruleIndex(), decision.rule(),
                    reason, current.get(decision.track().sid())));
        }
        return decisions;
    }

    /** The participants, each disconnected once the room has ended (docs/SPEC.md §5.19). */
    public List<RoomParticipant> participants() {
        List<RoomParticipant> shown = new ArrayList<>();
        for (Participant participant : presence.participants()) {
            shown.add(shown(participant));
        }
        return shown;
    }

    /**
     * The participant with this SID, or with this identity: the connected one among several that had
     * it, else the one that connected last.
     */
    public Optional<RoomParticipant> participant(String sidOrIdentity) {
        RoomParticipant found = null;
        for (RoomParticipant candidate : participants()) {
            if (candidate.sid().equals(sidOrIdentity)) {
                return Optional.of(candidate);
            }
            if (sidOrIdentity.equals(candidate.identity()) && (found == null || prefer(candidate, found))) {
                found = candidate;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The tracks the participant publishes now, in the order they were first heard of. */
    public List<Track> tracksPublishedBy(String participantSid) {
        return presence.tracks().stream()
                .filter(track -> track.published() && track.participantSid().equals(participantSid))
                .toList();
    }

    private RoomParticipant shown(Participant participant) {
        boolean connected = participant.connected() && inProgress();
        Instant end = !participant.connected() ? participant.changedAt() : connected ? null : endTime;
        Instant updated = end != null && end.isAfter(participant.changedAt()) ? end : participant.changedAt();
        return new RoomParticipant(participant.sid(), participant.identity(), connected, participant.startTime(), end,
                updated);
    }

    private static boolean prefer(RoomParticipant candidate, RoomParticipant found) {
        if (candidate.connected() != found.connected()) {
            return candidate.connected();
        }
        return found.startTime() == null
                || (candidate.startTime() != null && candidate.startTime().isAfter(found.startTime()));
    }

    /** The rules in force: those posted last, else include-all for a record-on-connect room, else none. */
    public Optional<RecordingRules> effectiveRules() {
        if (rules != null) {
            return Optional.of(rules);
        }
        return recordParticipantsOnConnect ? Optional.of(RecordingRules.RECORD_ALL) : Optional.empty();
    }

    /** What is being recorded now: each recording track with its processing recording. */
    public List<RecordingTrack> recordingTracks() {
        return ledger.recordingTracks(presence);
    }

    /** The SIDs of the recording tracks, in the order their recordings started. */
    public Set<String> recordingTrackSids() {
        return ledger.recordingTrackSids();
    }

    public List<TrackInfo> publishedTracks() {
        return presence.publishedTracks();
    }

    /** The track with this SID, published or not, as the rules see it. */
    public Optional<TrackInfo> track(String trackSid) {
        return presence.track(trackSid);
    }

    /** Recordings in the order they started. */
    public Collection<Recording> recordings() {
        return ledger.recordings();
    }

    public Optional<Recording> recording(String recordingSid) {
        return ledger.recording(recordingSid);
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
}
