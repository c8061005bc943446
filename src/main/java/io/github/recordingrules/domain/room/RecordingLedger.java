package io.github.recordingrules.domain.room;

import io.github.recordingrules.domain.room.RoomEvent.RecordingStatusChanged;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Every recording of a room, and which one each recording track has now. It follows the set of
 * recording tracks: a track entering it starts a new recording ({@code RT…}), a track leaving it
 * completes that recording (docs/SPEC.md §4.1).
 */
final class RecordingLedger {

    private final Map<String, Recording> recordings;
    /** Track SID to the SID of its processing recording: the set of recording tracks as last enforced. */
    private final Map<String, String> recordingByTrack;
    /** Wanted tracks whose recording the media server failed with no restart: left unrecorded while wanted. */
    private final Set<String> suspended;

    RecordingLedger(List<Recording> recordings, Map<String, String> recordingByTrack, List<String> suspended) {
        this.recordings = Presence.index(recordings, Recording::sid);
        this.recordingByTrack = recordingByTrack == null ? new LinkedHashMap<>() : new LinkedHashMap<>(recordingByTrack);
        this.suspended = suspended == null ? new LinkedHashSet<>() : new LinkedHashSet<>(suspended);
    }

    /**
     * Starts and completes recordings so that exactly the {@code wanted} tracks have one, but for suspended
     * ones; a suspended track that is no longer wanted is suspended no more, so it records when it comes back.
     */
    Outcome follow(Set<String> wanted, Function<String, Track> trackOf, Instant now, SidGenerator sids) {
        suspended.retainAll(wanted);
        List<Recording> stopped = new ArrayList<>();
        for (Map.Entry<String, String> current : List.copyOf(recordingByTrack.entrySet())) {
            if (!wanted.contains(current.getKey())) {
                Recording done = recordings.get(current.getValue()).complete(now);
                recordings.put(done.sid(), done);
                recordingByTrack.remove(current.getKey());
                stopped.add(done);
            }
        }
        List<Recording> started = new ArrayList<>();
        for (String trackSid : wanted) {
            if (!recordingByTrack.containsKey(trackSid) && !suspended.contains(trackSid)) {
                Track track = trackOf.apply(trackSid);
                Recording recording = new Recording(sids.next("RT"), trackSid, track.name(), track.kind(),
                        track.participantSid(), RecordingStatus.PROCESSING, now, null, null, null, null);
                recordings.put(recording.sid(), recording);
                recordingByTrack.put(trackSid, recording.sid());
                started.add(recording);
            }
        }
        return new Outcome(true, List.copyOf(started), List.copyOf(stopped));
    }

    /**
     * A recording-* callback: the media server reports a final status and what it knows of the media. A
     * report on a recording the function already completed still adds its duration and media. A
     * recording the media server ended while the rules still want its track leaves the set of recording
     * tracks, so that enforcing the rules starts a new recording of the track (docs/SPEC.md §4.4).
     * A report that says not to restart suspends the track instead. A processing report changes nothing;
     * a deleted recording stays deleted.
     */
    boolean statusChanged(RecordingStatusChanged e) {
        Recording recording = recordings.get(e.recordingSid());
        if (recording == null || e.status() == null || e.status() == RecordingStatus.PROCESSING
                || recording.status() == RecordingStatus.DELETED) {
            return false;
        }
        Recording reported = recording.reported(e.status(), e.duration(), e.media(), e.timestamp());
        if (reported.equals(recording)) {
            return false;
        }
        recordings.put(recording.sid(), reported);
        boolean wasCurrent = recordingByTrack.values().remove(recording.sid());
        if (wasCurrent && !e.restart()) {
            suspended.add(recording.trackSid());
        }
        return true;
    }

    void resumeSuspended() {
        suspended.clear();
    }

    List<String> suspendedTracks() {
        return List.copyOf(suspended);
    }

    /**
     * Deletes a recording that has ended (docs/SPEC.md §4.6): its status becomes {@code deleted}, the rest of
     * its metadata stays. A deleted recording stays as it is; a processing one cannot be deleted.
     */
    Outcome delete(String recordingSid, Instant now) {
        Recording recording = recordings.get(recordingSid);
        if (recording.status() == RecordingStatus.DELETED) {
            return Outcome.UNCHANGED;
        }
        if (recording.status() == RecordingStatus.PROCESSING) {
            throw new RecordingInProgressException(recordingSid);
        }
        Recording deleted = recording.deleted(now);
        recordings.put(recordingSid, deleted);
        return new Outcome(true, List.of(), List.of(), List.of(deleted));
    }

    /** The recording tracks, in the order their recordings started. */
    List<RecordingTrack> recordingTracks(Presence presence) {
        List<RecordingTrack> recording = new ArrayList<>(recordingByTrack.size());
        for (Map.Entry<String, String> current : recordingByTrack.entrySet()) {
            recording.add(new RecordingTrack(presence.track(current.getKey()).orElseThrow(),
                    recordings.get(current.getValue())));
        }
        return recording;
    }

    Set<String> recordingTrackSids() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(recordingByTrack.keySet()));
    }

    Collection<Recording> recordings() {
        return recordings.values();
    }

    Optional<Recording> recording(String recordingSid) {
        return Optional.ofNullable(recordings.get(recordingSid));
    }

    Map<String, String> recordingByTrack() {
        return Map.copyOf(recordingByTrack);
    }
}
