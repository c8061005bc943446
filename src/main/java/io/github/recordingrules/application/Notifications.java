package io.github.recordingrules.application;

import io.github.recordingrules.application.OutboundMessage.MediaServerPush;
import io.github.recordingrules.application.OutboundMessage.PushRecording;
import io.github.recordingrules.application.OutboundMessage.PushTrack;
import io.github.recordingrules.application.OutboundMessage.StatusCallback;
import io.github.recordingrules.domain.room.Outcome;
import io.github.recordingrules.domain.room.Participant;
import io.github.recordingrules.domain.room.Recording;
import io.github.recordingrules.domain.room.RecordingMedia;
import io.github.recordingrules.domain.room.RecordingStatus;
import io.github.recordingrules.domain.room.RecordingTrack;
import io.github.recordingrules.domain.room.Room;
import io.github.recordingrules.domain.room.RoomEvent;
import io.github.recordingrules.domain.room.RoomSnapshot;
import io.github.recordingrules.domain.room.RoomStatus;
import io.github.recordingrules.domain.room.SidGenerator;
import io.github.recordingrules.domain.room.Track;
import io.github.recordingrules.domain.rules.TrackInfo;
import io.github.recordingrules.domain.rules.TrackKind;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Decides the messages a change causes, from the room before and after it (docs/SPEC.md §11.1.1, §11.1.2):
 * Twilio's status callbacks for every transition the change made (a participant connecting or leaving, a
 * track published, unpublished, muted or unmuted, a recording starting, completing or failing, the room
 * ending), and one push to the media server when the set of recording tracks changed.
 */
public final class Notifications {

    /** When an application gets {@code recording-completed} (docs/SPEC.md §11.1.3). */
    public enum CompletionReport {
        /** When the recording stops, without media details. */
        AT_STOP,
        /** When the media server reports it completed, with the media details it reports. */
        AT_MEDIA_REPORT
    }

    /** What made the change, and when it happened (docs/SPEC.md §4.2). */
    public sealed interface Cause {

        Instant at();

        /** The cause as a media-server push names it. */
        String name();
    }

    /** {@code POST /v1/Rooms}. */
    public record Created(Instant at) implements Cause {
        @Override
        public String name() {
            return "room-created";
        }
    }

    /** {@code POST …/RecordingRules}. */
    public record RulesUpdated(Instant at) implements Cause {
        @Override
        public String name() {
            return "rules-updated";
        }
    }

    /** {@code POST /v1/Rooms/{Sid}} with {@code Status=completed}. */
    public record Completed(Instant at) implements Cause {
        @Override
        public String name() {
            return "room-completed";
        }
    }

    /** {@code DELETE} of a recording. */
    public record RecordingDeleted(Instant at) implements Cause {
        @Override
        public String name() {
            return "recording-deleted";
        }
    }

    /** The media server told its own ids of the room's SIDs (the egress of a recording); nothing else changed. */
    public record ExternalIdsLearned(Instant at) implements Cause {
        @Override
        public String name() {
            return "external-ids-learned";
        }
    }

    /** A status callback from the media server. */
    public record Callback(String name, RoomEvent event) implements Cause {
        @Override
        public Instant at() {
            return event.timestamp();
        }
    }

    static final Notifications NONE = new Notifications(null, false, false, CompletionReport.AT_STOP, prefix -> {
        throw new IllegalStateException("no messages without destinations");
    });

    /** Twilio's callback times: UTC with milliseconds ({@code 2026-01-01T12:00:00.000Z}). */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final String accountSid;
    private final boolean statusCallbacks;
    private final boolean mediaServer;
    private final CompletionReport completion;
    private final SidGenerator ids;

    /**
     * @param statusCallbacks whether rooms' {@code StatusCallback}s are called
     * @param mediaServer     whether a media server is configured
     * @param ids             makes the messages' ids
     */
    public Notifications(String accountSid, boolean statusCallbacks, boolean mediaServer, CompletionReport completion,
                         SidGenerator ids) {
        this.accountSid = accountSid;
        this.statusCallbacks = statusCallbacks;
        this.mediaServer = mediaServer;
        this.completion = completion;
        this.ids = ids;
    }

    /** Whether a change to the room may cause messages; if not, nothing needs looking at. */
    /** Whether a change's messages need the whole room: a push lists every recording track (docs/SPEC.md §11.1.2). */
    boolean needWholeRoom() {
        return mediaServer;
    }

    boolean watches(Room room) {
        return mediaServer || callsBack(room);
    }

    private boolean callsBack(Room room) {
        return statusCallbacks && room.statusCallback() != null;
    }

    /** The messages the change from {@code before} (null: a new room) to {@code after} causes, in the order sent. */
    List<OutboundMessage> of(RoomSnapshot before, Room after, Outcome outcome, Cause cause) {
        List<OutboundMessage> messages = new ArrayList<>();
        Change change = new Change(before, after.snapshot(), cause);
        if (callsBack(after)) {
            Callbacks callbacks = new Callbacks(change, after);
            if (before == null && cause instanceof Created) {
                callbacks.room("room-created", after.status());
            }
            callbacks.presence();
            callbacks.recordings(outcome);
            if (change.ended()) {
                callbacks.room("room-ended", RoomStatus.COMPLETED);
            }
            messages.addAll(callbacks.messages);
        }
        if (mediaServer) {
            List<Recording> stopped = change.stoppedRecordings();
            if (!outcome.started().isEmpty() || !stopped.isEmpty()) {
                messages.add(push(after, cause, outcome.started(), stopped));
            }
        }
        return messages;
    }

    private MediaServerPush push(Room room, Cause cause, List<Recording> started, List<Recording> stopped) {
        List<PushTrack> tracks = new ArrayList<>();
        for (RecordingTrack recording : room.recordingTracks()) {
            TrackInfo track = recording.track();
            tracks.add(new PushTrack(track.sid(), track.name(), wire(track.kind()), track.participantSid(),
                    track.identity(), recording.recording().sid()));
        }
        return new MediaServerPush(ids.next(""), room.sid(), roomName(room), room.status().wireName(), cause.name(),
                cause.at(), tracks, pushed(started), pushed(stopped));
    }

    private static List<PushRecording> pushed(List<Recording> recordings) {
        return recordings.stream().map(r -> new PushRecording(r.sid(), r.status().wireName(), r.trackSid(),
                r.trackName() != null ? r.trackName() : r.trackSid(), wire(r.kind()), r.participantSid(),
                r.dateCreated(), r.duration())).toList();
    }

    private static String roomName(Room room) {
        return room.uniqueName() != null ? room.uniqueName() : room.sid();
    }

    private static String wire(TrackKind kind) {
        return kind == null ? null : kind.wireName();
    }

    /** The room before and after, indexed. */
    private static final class Change {

        final RoomSnapshot before;
        final RoomSnapshot after;
        final Cause cause;
        final Map<String, Participant> participantsBefore;
        final Map<String, Track> tracksBefore;
        final Map<String, Recording> recordingsBefore;
        final Map<String, Participant> participants;

        Change(RoomSnapshot before, RoomSnapshot after, Cause cause) {
            this.before = before;
            this.after = after;
            this.cause = cause;
            this.participantsBefore = index(before == null ? null : before.participants(), Participant::sid);
            this.tracksBefore = index(before == null ? null : before.tracks(), Track::sid);
            this.recordingsBefore = index(before == null ? null : before.recordings(), Recording::sid);
            this.participants = index(after.participants(), Participant::sid);
        }

        boolean ended() {
            return (before == null || before.status() == RoomStatus.IN_PROGRESS) && after.status() != RoomStatus.IN_PROGRESS;
        }

        /** Recordings that were processing and are not any more. */
        List<Recording> stoppedRecordings() {
            List<Recording> stopped = new ArrayList<>();
            for (Recording recording : after.recordings()) {
                Recording was = recordingsBefore.get(recording.sid());
                if (was != null && was.status() == RecordingStatus.PROCESSING
                        && recording.status() != RecordingStatus.PROCESSING) {
                    stopped.add(recording);
                }
            }
            return stopped;
        }

        private static <T> Map<String, T> index(List<T> values, Function<T, String> key) {
            Map<String, T> indexed = new LinkedHashMap<>();
            if (values != null) {
                values.forEach(value -> indexed.put(key.apply(value), value));
            }
            return indexed;
        }
    }

    /** Twilio's room status callbacks for one change, in the order an application would get them from Twilio. */
    private final class Callbacks {

        final Change change;
        final Room room;
        final List<OutboundMessage> messages = new ArrayList<>();

        Callbacks(Change change, Room room) {
            this.change = change;
            this.room = room;
        }

        void room(String event, RoomStatus status) {
            Map<String, String> params = common(event, status);
            if (event.equals("room-ended") && room.endTime() != null) {
                // As the room resource shows it (docs/SPEC.md §5.6): between the dates truncated to the second.
                params.put("RoomDuration", Long.toString(seconds(room.dateCreated().truncatedTo(ChronoUnit.SECONDS),
                        room.endTime().truncatedTo(ChronoUnit.SECONDS))));
            }
            add(event, null, params);
        }

        /**
         * Participants connecting, tracks published, muted or unmuted, tracks unpublished, participants leaving.
         * A room that ends disconnects whoever is still connected, as Twilio does.
         */
        void presence() {
            boolean ended = change.ended();
            RoomStatus status = ended ? RoomStatus.IN_PROGRESS : room.status();
            Instant at = change.cause.at();
            for (Participant participant : change.after.participants()) {
                if (participant.connected() && !wasConnected(participant.sid())) {
                    participantEvent("participant-connected", participant, true, status, null);
                }
            }
            List<Track> removed = new ArrayList<>();
            for (Track track : change.after.tracks()) {
                Track was = change.tracksBefore.get(track.sid());
                boolean wasPublished = was != null && was.published();
                if (track.published() && !wasPublished) {
                    trackEvent("track-added", track, status);
                } else if (track.published() && was != null && was.isEnabled() != track.isEnabled()) {
                    trackEvent(track.isEnabled() ? "track-enabled" : "track-disabled", track, status);
                }
                if (wasPublished && !track.published() || ended && track.published()) {
                    removed.add(track);
                }
            }
            removed.forEach(track -> trackEvent("track-removed", track, status));
            for (Participant participant : change.after.participants()) {
                Participant was = change.participantsBefore.get(participant.sid());
                boolean wasConnected = was != null && was.connected();
                if (wasConnected && !participant.connected()) {
                    participantEvent("participant-disconnected", participant, false, status,
                            seconds(was.changedAt(), participant.changedAt()));
                } else if (ended && participant.connected()) {
                    participantEvent("participant-disconnected", participant, false, status,
                            seconds(participant.changedAt(), at));
                }
            }
        }

        /** Recordings completed or failed, then those started (docs/SPEC.md §11.1.3). */
        void recordings(Outcome outcome) {
            for (Recording recording : change.after.recordings()) {
                Recording was = change.recordingsBefore.get(recording.sid());
                if (was == null) {
                    continue;
                }
                if (recording.status() == RecordingStatus.FAILED && was.status() != RecordingStatus.FAILED) {
                    recording("recording-failed", recording);
                } else if (recording.status() == RecordingStatus.COMPLETED && completes(was, recording)) {
                    recording("recording-completed", recording);
                }
            }
            outcome.started().forEach(recording -> recording("recording-started", recording));
        }

        private boolean completes(Recording was, Recording recording) {
            if (completion == CompletionReport.AT_STOP) {
                return was.status() != RecordingStatus.COMPLETED;
            }
            return change.cause instanceof Callback callback
                    && callback.event() instanceof RoomEvent.RecordingStatusChanged report
                    && report.recordingSid().equals(recording.sid());
        }

        private boolean wasConnected(String participantSid) {
            Participant was = change.participantsBefore.get(participantSid);
            return was != null && was.connected();
        }

        private void participantEvent(String event, Participant participant, boolean connected, RoomStatus status,
                                      Long duration) {
            Map<String, String> params = common(event, status);
            participant(params, participant.sid(), participant.identity(), connected);
            if (duration != null) {
                params.put("ParticipantDuration", Long.toString(duration));
            }
            add(event, null, params);
        }

        private void trackEvent(String event, Track track, RoomStatus status) {
            Participant publisher = change.participants.get(track.participantSid());
            Map<String, String> params = common(event, status);
            participant(params, track.participantSid(), publisher == null ? null : publisher.identity(),
                    publisher != null && publisher.connected());
            params.put("TrackSid", track.sid());
            putIfKnown(params, "TrackKind", wire(track.kind()));
            putIfKnown(params, "TrackName", track.name());
            add(event, null, params);
        }

        private void recording(String event, Recording recording) {
            RecordingMedia media = recording.media() == null ? RecordingMedia.NONE : recording.media();
            Map<String, String> params = new LinkedHashMap<>();
            params.put("AccountSid", accountSid);
            params.put("RoomSid", room.sid());
            params.put("RoomName", roomName(room));
            params.put("RoomType", room.type().wireName());
            params.put("StatusCallbackEvent", event);
            params.put("Timestamp", TIMESTAMP.format(change.cause.at()));
            params.put("RecordingSid", recording.sid());
            params.put("SourceSid", recording.trackSid());
            params.put("RecordingUri", "/v1/Recordings/" + recording.sid());
            params.put("ParticipantSid", recording.participantSid());
            Participant publisher = change.participants.get(recording.participantSid());
            putIfKnown(params, "ParticipantIdentity", publisher == null ? null : publisher.identity());
            params.put("TrackName", recording.trackName() != null ? recording.trackName() : recording.trackSid());
            putIfKnown(params, "Type", wire(recording.kind()));
            putIfKnown(params, "Container", media.container() != null ? media.container()
                    : recording.kind() == null ? null : recording.kind() == TrackKind.AUDIO ? "mka" : "mkv");
            putIfKnown(params, "Codec", media.codec());
            putIfKnown(params, "OffsetFromTwilioVideoEpoch", media.offset() == null ? null : media.offset().toString());
            if (event.equals("recording-completed")) {
                putIfKnown(params, "Duration", recording.duration() == null ? null : recording.duration().toString());
                putIfKnown(params, "Size", media.size() == null ? null : media.size().toString());
                putIfKnown(params, "MediaUri", media.mediaUri());
                putIfKnown(params, "MediaExternalLocation", media.mediaExternalLocation());
            } else if (event.equals("recording-failed")) {
                putIfKnown(params, "FailedOperation", media.failedOperation());
            }
            add(event, event.equals("recording-started") ? null : recording.sid() + ":" + event, params);
        }

        private Map<String, String> common(String event, RoomStatus status) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("AccountSid", accountSid);
            params.put("RoomName", roomName(room));
            params.put("RoomSid", room.sid());
            params.put("RoomStatus", status.wireName());
            params.put("RoomType", room.type().wireName());
            params.put("StatusCallbackEvent", event);
            params.put("Timestamp", TIMESTAMP.format(change.cause.at()));
            return params;
        }

        private void participant(Map<String, String> params, String sid, String identity, boolean connected) {
            params.put("ParticipantSid", sid);
            params.put("ParticipantStatus", connected ? "connected" : "disconnected");
            putIfKnown(params, "ParticipantIdentity", identity);
        }

        private void add(String event, String once, Map<String, String> params) {
            messages.add(new StatusCallback(ids.next(""), once, room.statusCallback(),
                    room.statusCallbackMethod() != null ? room.statusCallbackMethod() : "POST", event, params));
        }
    }

    private static void putIfKnown(Map<String, String> params, String name, String value) {
        if (value != null) {
            params.put(name, value);
        }
    }

    /** Whole seconds from one time to another, never negative. */
    private static long seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toSeconds());
    }
}
