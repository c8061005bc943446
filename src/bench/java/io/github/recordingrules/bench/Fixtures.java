package io.github.recordingrules.bench;

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

/** The data every benchmark shares: 20 rules, rooms and tracks of a given size, SIDs that look real. */
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

    /** A SID with the given prefix whose 32 hex digits derive from the label. */
    public static String sid(String prefix, String label) {
        String hex = String.format("%032x", new java.math.BigInteger(1, label.getBytes(StandardCharsets.UTF_8)));
        return prefix + hex.substring(hex.length() - 32);
    }
}
