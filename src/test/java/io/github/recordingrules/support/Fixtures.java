package io.github.recordingrules.support;

import io.github.recordingrules.domain.room.Recording;
import io.github.recordingrules.domain.room.RecordingMedia;
import io.github.recordingrules.domain.room.RecordingStatus;
import io.github.recordingrules.domain.room.Room;
import io.github.recordingrules.domain.room.RoomEvent;
import io.github.recordingrules.domain.room.RoomType;
import io.github.recordingrules.domain.room.SidGenerator;
import io.github.recordingrules.domain.rules.RecordingRules;
import io.github.recordingrules.domain.rules.RulesParser;
import io.github.recordingrules.domain.rules.TrackInfo;
import io.github.recordingrules.domain.rules.TrackKind;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The data tests and benchmarks share: 20 rules, rooms and tracks of a given size, a room that uses every
 * stored field, SIDs that look real.
 */
public final class Fixtures {

    private Fixtures() {
    }

    /**
     * 20 rules, the most a rule set may hold, chosen as the worst case for evaluation: the first rule
     * includes everything and the 19 after it are narrow excludes that match (almost) nothing, so that
     * deciding a track means trying every rule (the last matching rule decides, so evaluation scans from
     * the end). Mixes every filter: kind, publisher by identity and by SID, track by name and by SID,
     * and combinations of them.
     */
    public static String twentyRulesJson() {
        StringBuilder json = new StringBuilder("[{\"type\":\"include\",\"all\":true}");
        for (int i = 1; i < 20; i++) {
            json.append(',');
            switch (i % 5) {
                case 0 -> json.append("{\"type\":\"exclude\",\"publisher\":\"nobody-").append(i).append("\"}");
                case 1 -> json.append("{\"type\":\"exclude\",\"publisher\":\"").append(sid("PA", "absent-" + i)).append("\"}");
                case 2 -> json.append("{\"type\":\"exclude\",\"track\":\"no-such-track-").append(i).append("\"}");
                case 3 -> json.append("{\"type\":\"exclude\",\"kind\":\"video\",\"track\":\"").append(sid("MT", "absent-" + i)).append("\"}");
                default -> json.append("{\"type\":\"exclude\",\"kind\":\"audio\",\"publisher\":\"nobody-").append(i)
                        .append("\",\"track\":\"mic\"}");
            }
        }
        return json.append(']').toString();
    }

    public static RecordingRules twentyRules() {
        try {
            return RulesParser.parse(twentyRulesJson());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Published tracks as the rules see them: participants with a microphone and a camera each. */
    public static List<TrackInfo> tracks(int count) {
        List<TrackInfo> tracks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int participant = i / 2;
            boolean audio = i % 2 == 0;
            tracks.add(new TrackInfo(sid("MT", "track-" + i), audio ? "mic" : "cam",
                    audio ? TrackKind.AUDIO : TrackKind.VIDEO, sid("PA", "participant-" + participant),
                    "user-" + participant));
        }
        return tracks;
    }

    /** A group room under the 20 rules with {@code trackCount} published (and recorded) tracks. */
    public static Room roomWithTracks(int trackCount, SidGenerator sids) {
        Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
        Room room = Room.create(sid("RM", "bench-room"), "bench-room", RoomType.GROUP, false, twentyRules(),
                null, "POST", t0);
        int second = 0;
        for (TrackInfo track : tracks(trackCount)) {
            room.apply(new RoomEvent.TrackAdded(t0.plusSeconds(++second), track.participantSid(), track.identity(),
                    track.sid(), track.kind(), track.name()), sids);
        }
        return room;
    }

    /** One more track published on that room: what a {@code track-added} callback carries. */
    public static RoomEvent.TrackAdded newTrackAdded(int existingTracks) {
        return new RoomEvent.TrackAdded(Instant.parse("2026-03-01T11:00:00Z"), sid("PA", "newcomer"), "newcomer",
                sid("MT", "new-track-" + existingTracks), TrackKind.AUDIO, "mic");
    }

    /** SIDs counted up from 1 per generator, so that a room built twice is the same room. */
    public static SidGenerator countingSids() {
        AtomicLong next = new AtomicLong();
        return prefix -> prefix + String.format("%032x", next.incrementAndGet());
    }

    /**
     * A group room that uses every field a stored room has: rules, record-on-connect, a status callback,
     * participants connected and gone, a muted track, a data track, a track known from its removal alone,
     * processing, completed and failed recordings with a media report.
     */
    public static Room everyField() {
        return everyField(sid("RM", "every-field"));
    }

    /** {@link #everyField()} under another SID. */
    public static Room everyField(String roomSid) {
        SidGenerator sids = countingSids();
        Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
        RecordingRules rules;
        try {
            rules = RulesParser.parse("[{\"type\":\"include\",\"all\":true},"
                    + "{\"type\":\"exclude\",\"kind\":\"video\",\"publisher\":\"bob\"}]");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Room room = Room.create(roomSid, "every-field", RoomType.GROUP, true, rules,
                "https://app.example.com/status", "POST", t0);
        String alice = sid("PA", "alice");
        String bob = sid("PA", "bob");
        room.apply(new RoomEvent.ParticipantConnected(t0.plusSeconds(1), alice, "alice"), sids);
        room.apply(new RoomEvent.TrackAdded(t0.plusSeconds(2), alice, "alice", sid("MT", "alice-mic"), TrackKind.AUDIO, "mic"), sids);
        room.apply(new RoomEvent.TrackAdded(t0.plusSeconds(3), alice, "alice", sid("MT", "alice-cam"), TrackKind.VIDEO, "cam"), sids);
        room.apply(new RoomEvent.TrackSwitched(t0.plusSeconds(4), alice, sid("MT", "alice-mic"), false), sids);
        room.apply(new RoomEvent.TrackAdded(t0.plusSeconds(5), bob, "bob", sid("MT", "bob-mic"), TrackKind.AUDIO, null), sids);
        room.apply(new RoomEvent.TrackAdded(t0.plusSeconds(6), bob, "bob", sid("MT", "bob-cam"), TrackKind.VIDEO, "cam"), sids);
        room.apply(new RoomEvent.TrackAdded(t0.plusSeconds(7), bob, "bob", sid("MT", "bob-data"), TrackKind.DATA, "chat"), sids);
        room.apply(new RoomEvent.TrackRemoved(t0.plusSeconds(30), alice, "alice", sid("MT", "alice-cam"), TrackKind.VIDEO, "cam"), sids);
        String camRecording = recordingOf(room, sid("MT", "alice-cam"));
        room.apply(new RoomEvent.RecordingStatusChanged(t0.plusSeconds(40), camRecording, RecordingStatus.COMPLETED, 42,
                new RecordingMedia("https://media.example.com/cam.mkv", "s3://bucket/cam.mkv", 123_456L, "VP8", "mkv",
                        1_700_000_000_000L, null)), sids);
        room.apply(new RoomEvent.RecordingStatusChanged(t0.plusSeconds(41), recordingOf(room, sid("MT", "bob-mic")),
                RecordingStatus.FAILED, null, new RecordingMedia(null, null, null, null, null, null, "upload")), sids);
        room.apply(new RoomEvent.ParticipantDisconnected(t0.plusSeconds(50), sid("PA", "carol"), "carol"), sids);
        room.apply(new RoomEvent.TrackRemoved(t0.plusSeconds(51), sid("PA", "dave"), null, sid("MT", "dave-screen"), null, null), sids);
        return room;
    }

    /**
     * {@link #everyField()} with what schema 4 added: the media server's own ids of the room, a participant,
     * a track and a recording, and a track suspended because the media server failed its recording for good.
     */
    public static Room everyFieldOfSchema4() {
        Room room = everyField();
        Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
        room.learnExternalIds(Map.of(room.sid(), "RM_everyField", sid("PA", "alice"), "PA_alice",
                sid("MT", "alice-mic"), "TR_aliceMic", recordingOf(room, sid("MT", "alice-mic")), "EG_aliceMic"));
        room.apply(new RoomEvent.RecordingStatusChanged(t0.plusSeconds(60), recordingOf(room, sid("MT", "bob-mic")),
                RecordingStatus.FAILED, null, new RecordingMedia(null, null, null, null, null, null, "egress EGRESS_FAILED"),
                false), countingSids());
        return room;
    }

    /** The SID of the last recording of the track. */
    public static String recordingOf(Room room, String trackSid) {
        String found = null;
        for (Recording recording : room.recordings()) {
            if (recording.trackSid().equals(trackSid)) {
                found = recording.sid();
            }
        }
        if (found == null) {
            throw new IllegalStateException("no recording of " + trackSid);
        }
        return found;
    }

    /** A SID with the given prefix whose 32 hex digits derive from the label. */
    public static String sid(String prefix, String label) {
        String hex = String.format("%032x", new java.math.BigInteger(1, label.getBytes(StandardCharsets.UTF_8)));
        return prefix + hex.substring(hex.length() - 32);
    }
}
