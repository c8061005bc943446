package io.github.recordingrules.domain.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * docs/SPEC.md §3.1 on the seed's worked example: Alice, Bob and Carl and their eight tracks. The expected sets
 * are written out by hand, track by track, from the seed's text.
 */
class RecordingRulesEvaluationTest {

    static final String ALICE = "PA" + "a".repeat(32);
    static final String BOB = "PA" + "b".repeat(32);
    static final String CARL = "PA" + "c".repeat(32);

    // MT + participant initial + track nature, as in the seed's table (A audio, C cam, S screen).
    static final String MTA_A = "MT" + "a0".repeat(16);
    static final String MTA_C = "MT" + "a1".repeat(16);
    static final String MTA_S = "MT" + "a2".repeat(16);
    static final String MTB_A = "MT" + "b0".repeat(16);
    static final String MTB_C = "MT" + "b1".repeat(16);
    static final String MTB_S = "MT" + "b2".repeat(16);
    static final String MTC_A = "MT" + "c0".repeat(16);
    static final String MTC_C = "MT" + "c1".repeat(16);

    static final List<TrackInfo> ROOM = List.of(
            new TrackInfo(MTA_A, "alice-audio", TrackKind.AUDIO, ALICE, "Alice"),
            new TrackInfo(MTA_C, "alice-cam", TrackKind.VIDEO, ALICE, "Alice"),
            new TrackInfo(MTA_S, "screen", TrackKind.VIDEO, ALICE, "Alice"),
            new TrackInfo(MTB_A, "bob-audio", TrackKind.AUDIO, BOB, "Bob"),
            new TrackInfo(MTB_C, "bob-cam", TrackKind.VIDEO, BOB, "Bob"),
            new TrackInfo(MTB_S, "screen", TrackKind.VIDEO, BOB, "Bob"),
            new TrackInfo(MTC_A, "carl-audio", TrackKind.AUDIO, CARL, "Carl"),
            new TrackInfo(MTC_C, "carl-cam", TrackKind.VIDEO, CARL, "Carl"));

    static final List<String> ALL = ROOM.stream().map(TrackInfo::sid).toList();

    private static RecordingRules rules(String json) {
        try {
            return RulesParser.parse(json);
        } catch (InvalidRulesException e) {
            throw new AssertionError(e.reason(), e);
        }
    }

    private static List<TrackInfo> roomWith(TrackInfo... extra) {
        List<TrackInfo> tracks = new ArrayList<>(ROOM);
        tracks.addAll(List.of(extra));
        return tracks;
    }

    static Stream<Arguments> seedExamples() {
        return Stream.of(
                arguments("record everyone", "[{\"type\": \"include\", \"all\": true}]", ALL),
                arguments("stop recording", "[{\"type\": \"exclude\", \"all\": true}]", List.of()),
                arguments("audio only", "[{\"type\": \"include\", \"kind\": \"audio\"}]",
                        List.of(MTA_A, MTB_A, MTC_A)),
                arguments("Alice, and everyone's audio",
                        "[{\"type\": \"include\", \"publisher\": \"Alice\"}, {\"type\": \"include\", \"kind\": \"audio\"}]",
                        List.of(MTA_A, MTA_C, MTA_S, MTB_A, MTC_A)),
                arguments("rule_1 to rule_4",
                        "[{\"type\": \"include\", \"all\": true},"
                                + " {\"type\": \"exclude\", \"kind\": \"video\"},"
                                + " {\"type\": \"include\", \"publisher\": \"Bob\", \"track\": \"screen\"},"
                                + " {\"type\": \"include\", \"track\": \"" + MTC_C + "\"}]",
                        List.of(MTA_A, MTB_A, MTB_S, MTC_A, MTC_C)),
                // The mislabelled "invalid" example: everything, then no video.
                arguments("include all, exclude video",
                        "[{\"type\": \"include\", \"all\": true}, {\"type\": \"exclude\", \"kind\": \"video\"}]",
                        List.of(MTA_A, MTB_A, MTC_A)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seedExamples")
    void seedExamplesRecordExactlyTheTracksTheSeedDescribes(String title, String json, List<String> expected) {
        assertThat(rules(json).recordingTracks(ROOM)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void publisherMatchesIdentityOrParticipantSid() {
        assertThat(rules("[{\"type\":\"include\",\"publisher\":\"Bob\"}]").recordingTracks(ROOM))
                .containsExactlyInAnyOrder(MTB_A, MTB_C, MTB_S);
        assertThat(rules("[{\"type\":\"include\",\"publisher\":\"" + BOB + "\"}]").recordingTracks(ROOM))
                .containsExactlyInAnyOrder(MTB_A, MTB_C, MTB_S);
        assertThat(rules("[{\"type\":\"include\",\"all\":true},{\"type\":\"exclude\",\"publisher\":\"" + CARL + "\"}]")
                .recordingTracks(ROOM))
                .containsExactlyInAnyOrder(MTA_A, MTA_C, MTA_S, MTB_A, MTB_C, MTB_S);
    }

    @Test
    void trackMatchesNameOrTrackSid() {
        // A name is not unique: both screen shares are called "screen".
        assertThat(rules("[{\"type\":\"include\",\"track\":\"screen\"}]").recordingTracks(ROOM))
                .containsExactlyInAnyOrder(MTA_S, MTB_S);
        assertThat(rules("[{\"type\":\"include\",\"track\":\"alice-cam\"}]").recordingTracks(ROOM))
                .containsExactly(MTA_C);
        assertThat(rules("[{\"type\":\"include\",\"track\":\"" + MTA_S + "\"}]").recordingTracks(ROOM))
                .containsExactly(MTA_S);
    }

    @Test
    void identitiesAndNamesAreCaseSensitive() {
        assertThat(rules("[{\"type\":\"include\",\"publisher\":\"alice\"}]").recordingTracks(ROOM)).isEmpty();
        assertThat(rules("[{\"type\":\"include\",\"track\":\"Screen\"}]").recordingTracks(ROOM)).isEmpty();
        assertThat(rules("[{\"type\":\"include\",\"publisher\":\"" + ALICE.toUpperCase() + "\"}]").recordingTracks(ROOM))
                .isEmpty();
    }

    @Test
    void unknownPublisherOrTrackMatchesNothing() {
        assertThat(rules("[{\"type\":\"include\",\"publisher\":\"Dave\"}]").recordingTracks(ROOM)).isEmpty();
        assertThat(rules("[{\"type\":\"include\",\"track\":\"MT" + "f".repeat(32) + "\"}]").recordingTracks(ROOM)).isEmpty();
    }

    @Test
    void filtersInOneRuleCombineWithAnd() {
        assertThat(rules("[{\"type\":\"include\",\"publisher\":\"Bob\",\"track\":\"screen\"}]").recordingTracks(ROOM))
                .containsExactly(MTB_S);
        assertThat(rules("[{\"type\":\"include\",\"publisher\":\"Alice\",\"kind\":\"video\"}]").recordingTracks(ROOM))
                .containsExactlyInAnyOrder(MTA_C, MTA_S);
        assertThat(rules("[{\"type\":\"include\",\"kind\":\"audio\",\"track\":\"screen\"}]").recordingTracks(ROOM))
                .isEmpty();
        assertThat(rules("[{\"type\":\"include\",\"kind\":\"video\",\"publisher\":\"" + CARL + "\",\"track\":\"carl-cam\"}]")
                .recordingTracks(ROOM)).containsExactly(MTC_C);
        // An exclude with two filters removes only what matches both.
        assertThat(rules("[{\"type\":\"include\",\"all\":true},{\"type\":\"exclude\",\"publisher\":\"Alice\",\"kind\":\"video\"}]")
                .recordingTracks(ROOM))
                .containsExactlyInAnyOrder(MTA_A, MTB_A, MTB_C, MTB_S, MTC_A, MTC_C);
    }

    @Test
    void rulesApplyInOrder() {
        // Include then exclude everything: nothing. Exclude then include audio: the audio.
        assertThat(rules("[{\"type\":\"include\",\"kind\":\"audio\"},{\"type\":\"exclude\",\"all\":true}]")
                .recordingTracks(ROOM)).isEmpty();
        assertThat(rules("[{\"type\":\"exclude\",\"all\":true},{\"type\":\"include\",\"kind\":\"audio\"}]")
                .recordingTracks(ROOM)).containsExactlyInAnyOrder(MTA_A, MTB_A, MTC_A);
        // A later include brings back part of what an exclude removed.
        assertThat(rules("[{\"type\":\"include\",\"all\":true},{\"type\":\"exclude\",\"publisher\":\"Bob\"},"
                + "{\"type\":\"include\",\"track\":\"bob-audio\"}]").recordingTracks(ROOM))
                .containsExactlyInAnyOrder(MTA_A, MTA_C, MTA_S, MTB_A, MTC_A, MTC_C);
    }

    @Test
    void excludesAloneRecordNothing() {
        // The set starts empty: an exclude has nothing to remove from.
        assertThat(rules("[{\"type\":\"exclude\",\"kind\":\"video\"}]").recordingTracks(ROOM)).isEmpty();
        assertThat(rules("[{\"type\":\"exclude\",\"publisher\":\"Alice\"},{\"type\":\"exclude\",\"track\":\"screen\"}]")
                .recordingTracks(ROOM)).isEmpty();
    }

    @Test
    void dataTracksAreNeverRecorded() {
        TrackInfo chat = new TrackInfo("MT" + "a3".repeat(16), "chat", TrackKind.DATA, ALICE, "Alice");
        List<TrackInfo> room = roomWith(chat);

        assertThat(rules("[{\"type\":\"include\",\"all\":true}]").recordingTracks(room)).containsExactlyElementsOf(ALL);
        assertThat(rules("[{\"type\":\"include\",\"publisher\":\"Alice\"}]").recordingTracks(room))
                .containsExactlyInAnyOrder(MTA_A, MTA_C, MTA_S);
        assertThat(rules("[{\"type\":\"include\",\"track\":\"chat\"}]").recordingTracks(room)).isEmpty();
        assertThat(rules("[{\"type\":\"include\",\"track\":\"" + chat.sid() + "\"}]").recordingTracks(room)).isEmpty();
        assertThat(rules("[{\"type\":\"include\",\"all\":true}]").records(chat)).isFalse();
    }

    @Test
    void aTrackWithoutNameOrIdentityIsMatchedBySid() {
        // Twilio's track callbacks may omit TrackName; an identity may be unknown.
        String sid = "MT" + "d0".repeat(16);
        String participant = "PA" + "d".repeat(32);
        TrackInfo anonymous = new TrackInfo(sid, null, TrackKind.AUDIO, participant, null);
        List<TrackInfo> room = roomWith(anonymous);

        assertThat(rules("[{\"type\":\"include\",\"track\":\"" + sid + "\"}]").recordingTracks(room)).containsExactly(sid);
        assertThat(rules("[{\"type\":\"include\",\"publisher\":\"" + participant + "\"}]").recordingTracks(room))
                .containsExactly(sid);
        assertThat(rules("[{\"type\":\"include\",\"track\":\"screen\"},{\"type\":\"include\",\"publisher\":\"Dave\"}]")
                .recordingTracks(room)).containsExactlyInAnyOrder(MTA_S, MTB_S);
        assertThat(rules("[{\"type\":\"include\",\"kind\":\"audio\"}]").recordingTracks(room))
                .containsExactlyInAnyOrder(MTA_A, MTB_A, MTC_A, sid);
    }

    @Test
    void recordOnConnectRulesRecordEveryAudioAndVideoTrack() {
        assertThat(RecordingRules.RECORD_ALL.recordingTracks(ROOM)).containsExactlyElementsOf(ALL);
        assertThat(RecordingRules.RECORD_ALL.toWire()).isEqualTo(rules("[{\"type\":\"include\",\"all\":true}]").toWire());
    }

    @Test
    void anEmptyRoomRecordsNothing() {
        assertThat(RecordingRules.RECORD_ALL.recordingTracks(List.of())).isEmpty();
    }
}
