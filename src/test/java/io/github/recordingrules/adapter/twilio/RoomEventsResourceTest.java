package io.github.recordingrules.adapter.twilio;

import io.github.recordingrules.support.RedisTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.RedisTestResource.KEYS;
import static io.github.recordingrules.support.Webhooks.PATH;
import static io.github.recordingrules.support.Webhooks.event;
import static io.github.recordingrules.support.Webhooks.nextTimestamp;
import static io.github.recordingrules.support.Webhooks.participant;
import static io.github.recordingrules.support.Webhooks.post;
import static io.github.recordingrules.support.Webhooks.sid;
import static io.github.recordingrules.support.Webhooks.sign;
import static io.github.recordingrules.support.Webhooks.track;
import static io.github.recordingrules.support.Webhooks.url;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class RoomEventsResourceTest {

    private static final String ALICE = sid("PA", "alice");
    private static final String DAVE = sid("PA", "dave");

    private static String newRoomSid() {
        return sid("RM", UUID.randomUUID().toString());
    }

    private static String groupRoom(String rules) {
        String room = api().formParam("Type", "group").post("/v1/Rooms").then().statusCode(201).extract().path("sid");
        if (rules != null) {
            api().formParam("Rules", rules).post("/v1/Rooms/{room}/RecordingRules", room).then().statusCode(200);
        }
        return room;
    }

    @Test
    void aParticipantJoiningAfterTheRulesIsRecordedPerTheRules() {
        String room = groupRoom("[{\"type\":\"include\",\"publisher\":\"Alice\"},{\"type\":\"include\",\"kind\":\"audio\"}]");
        String daveAudio = sid("MT", "dave-audio");
        String daveCam = sid("MT", "dave-cam");

        post(participant(room, "participant-connected", DAVE, "Dave", nextTimestamp()))
                .statusCode(200).body("recording_tracks", empty());
        post(track(room, "track-added", DAVE, "Dave", daveAudio, "audio", "dave-audio", nextTimestamp()))
                .statusCode(200)
                .body("room_sid", equalTo(room))
                .body("applied", equalTo(true))
                .body("recording_tracks", hasSize(1))
                .body("recording_tracks[0].track_sid", equalTo(daveAudio))
                .body("recording_tracks[0].track_name", equalTo("dave-audio"))
                .body("recording_tracks[0].kind", equalTo("audio"))
                .body("recording_tracks[0].participant_sid", equalTo(DAVE))
                .body("recording_tracks[0].participant_identity", equalTo("Dave"))
                .body("started", hasSize(1))
                .body("started[0].source_sid", equalTo(daveAudio))
                .body("started[0].status", equalTo("processing"))
                .body("started[0].sid", matchesPattern("^RT[0-9a-f]{32}$"))
                .body("stopped", empty());
        post(track(room, "track-added", DAVE, "Dave", daveCam, "video", "dave-cam", nextTimestamp()))
                .statusCode(200)
                .body("applied", equalTo(true))
                .body("recording_tracks.track_sid", equalTo(List.of(daveAudio)))
                .body("started", empty());
    }

    @Test
    void excludeThenIncludeGivesASecondRecordingWithANewSid() {
        String room = groupRoom("[{\"type\":\"include\",\"all\":true}]");
        String mic = sid("MT", "alice-mic");
        post(participant(room, "participant-connected", ALICE, "Alice", nextTimestamp())).statusCode(200);
        String first = post(track(room, "track-added", ALICE, "Alice", mic, "audio", "mic", nextTimestamp()))
                .statusCode(200).extract().path("started[0].sid");

        api().formParam("Rules", "[{\"type\":\"exclude\",\"all\":true}]").post("/v1/Rooms/{room}/RecordingRules", room)
                .then().statusCode(200);
        api().formParam("Rules", "[{\"type\":\"include\",\"all\":true}]").post("/v1/Rooms/{room}/RecordingRules", room)
                .then().statusCode(200);

        JsonPath recordings = api().queryParam("SourceSid", mic).get("/v1/Rooms/{room}/Recordings", room)
                .then().statusCode(200).extract().jsonPath();
        assertThat(recordings.getList("recordings.sid", String.class)).hasSize(2).doesNotHaveDuplicates().startsWith(first);
        assertThat(recordings.getList("recordings.status", String.class)).containsExactly("completed", "processing");
        assertThat(recordings.getInt("recordings[0].duration")).isGreaterThanOrEqualTo(1);
        assertThat(recordings.getString("recordings[1].duration")).isNull();

        api().get("/v1/Rooms/{room}/Recordings/{sid}", room, first).then().statusCode(200)
                .body("sid", equalTo(first)).body("status", equalTo("completed")).body("source_sid", equalTo(mic))
                .body("track_name", equalTo("mic")).body("type", equalTo("audio"))
                .body("grouping_sids.participant_sid", equalTo(ALICE)).body("grouping_sids.room_sid", equalTo(room));
    }

    @Test
    void aRepeatedEventChangesNothingAndStartsNoSecondRecording() {
        String room = newRoomSid();
        String cam = sid("MT", "cam");
        post(event(room, "room-created", nextTimestamp())).statusCode(200);
        api().formParam("Rules", "[{\"type\":\"include\",\"all\":true}]").post("/v1/Rooms/{room}/RecordingRules", room)
                .then().statusCode(200);
        Map<String, String> added = track(room, "track-added", ALICE, "Alice", cam, "video", "cam", nextTimestamp());

        post(added).statusCode(200).body("applied", equalTo(true)).body("started", hasSize(1));
        post(added).statusCode(200).body("applied", equalTo(false)).body("started", empty())
                .body("recording_tracks.track_sid", equalTo(List.of(cam)));

        api().get("/v1/Rooms/{room}/Recordings", room).then().statusCode(200).body("recordings", hasSize(1));
    }

    @Test
    void aLateTrackAddedDoesNotBringARemovedTrackBack() {
        String room = groupRoom("[{\"type\":\"include\",\"all\":true}]");
        String cam = sid("MT", "late-cam");
        String addedAt = nextTimestamp();
        String removedAt = nextTimestamp();

        post(track(room, "track-removed", ALICE, "Alice", cam, "video", "cam", removedAt))
                .statusCode(200).body("recording_tracks", empty());
        post(track(room, "track-added", ALICE, "Alice", cam, "video", "cam", addedAt))
                .statusCode(200).body("applied", equalTo(false)).body("recording_tracks", empty()).body("started", empty());

        api().get("/v1/Rooms/{room}/Recordings", room).then().statusCode(200).body("recordings", empty());
    }

    @Test
    void trackEnabledAndDisabledAreKeptButRecordNothingNewAndUnknownEventsChangeNothing() {
        String room = groupRoom("[{\"type\":\"include\",\"all\":true}]");
        String mic = sid("MT", "mic");
        post(track(room, "track-added", ALICE, "Alice", mic, "audio", "mic", nextTimestamp())).statusCode(200);
        for (String name : List.of("track-disabled", "track-enabled")) {
            post(track(room, name, ALICE, "Alice", mic, "audio", "mic", nextTimestamp())).statusCode(200)
                    .body("applied", equalTo(true))
                    .body("started", empty()).body("stopped", empty())
                    .body("recording_tracks.track_sid", equalTo(List.of(mic)));
        }
        for (String name : List.of("participant-reconnecting", "something-new")) {
            Map<String, String> params = track(room, name, ALICE, "Alice", mic, "audio", "mic", nextTimestamp());
            params.put("UnknownParameter", "ignored");
            // An event this function does not know concerns no track: the answer lists none (docs/SPEC.md §7.9).
            post(params).statusCode(200).body("applied", equalTo(false)).body("recording_tracks", empty());
        }
        api().get("/v1/Rooms/{room}/Recordings", room).then().body("recordings", hasSize(1));
    }

    @Test
    void aDurationReportedAfterTheTrackWasRemovedIsKeptWithTheMediaDetails() {
        String room = groupRoom("[{\"type\":\"include\",\"all\":true}]");
        String mic = sid("MT", "late-report");
        String recording = post(track(room, "track-added", ALICE, "Alice", mic, "audio", "mic", nextTimestamp()))
                .statusCode(200).extract().path("started[0].sid");
        post(track(room, "track-removed", ALICE, "Alice", mic, "audio", "mic", nextTimestamp()))
                .statusCode(200).body("stopped[0].sid", equalTo(recording));

        Map<String, String> report = event(room, "recording-completed", nextTimestamp());
        report.put("RecordingSid", recording);
        report.put("Duration", "42");
        report.put("Size", "123456");
        report.put("Codec", "opus");
        report.put("Container", "mka");
        report.put("OffsetFromTwilioVideoEpoch", "5000");
        report.put("MediaExternalLocation", "https://bucket.s3.amazonaws.com/a.mka");
        post(report).statusCode(200).body("applied", equalTo(true)).body("started", empty());

        api().get("/v1/Rooms/{room}/Recordings/{sid}", room, recording).then().statusCode(200)
                .body("status", equalTo("completed")).body("duration", equalTo(42)).body("size", equalTo(123456))
                .body("codec", equalTo("opus")).body("container_format", equalTo("mka")).body("offset", equalTo(5000))
                .body("media_external_location", equalTo("https://bucket.s3.amazonaws.com/a.mka"));
    }

    @Test
    void aRecordingTheMediaServerEndsWhileTheRulesWantTheTrackIsReplacedAndTheAnswerAgrees() {
        String room = groupRoom("[{\"type\":\"include\",\"all\":true}]");
        String mic = sid("MT", "rotated");
        String first = post(track(room, "track-added", ALICE, "Alice", mic, "audio", "mic", nextTimestamp()))
                .statusCode(200).extract().path("started[0].sid");

        Map<String, String> report = event(room, "recording-completed", nextTimestamp());
        report.put("RecordingSid", first);
        String second = post(report).statusCode(200).body("applied", equalTo(true))
                .body("started", hasSize(1)).body("started[0].source_sid", equalTo(mic))
                .extract().path("started[0].sid");

        assertThat(second).isNotEqualTo(first);
        post(track(room, "track-added", ALICE, "Alice", mic, "audio", "mic", nextTimestamp())).statusCode(200)
                .body("recording_tracks.recording_sid", equalTo(List.of(second)));
        api().get("/v1/Rooms/{room}/Recordings/{sid}", room, first).then().body("status", equalTo("completed"));
        api().queryParam("Status", "processing").get("/v1/Rooms/{room}/Recordings", room).then()
                .body("recordings.sid", equalTo(List.of(second)));
    }

    @Test
    void aReportedNumberThatIsNotAWholeNumberIsRefusedAndChangesNothing() {
        String room = groupRoom("[{\"type\":\"include\",\"all\":true}]");
        String recording = post(track(room, "track-added", ALICE, "Alice", sid("MT", "bad-size"), "audio", "m",
                nextTimestamp())).statusCode(200).extract().path("started[0].sid");
        for (String[] bad : new String[][]{{"Duration", "-1"}, {"Size", "big"}, {"OffsetFromTwilioVideoEpoch", "1.5"}}) {
            Map<String, String> report = event(room, "recording-completed", nextTimestamp());
            report.put("RecordingSid", recording);
            report.put(bad[0], bad[1]);
            post(report).statusCode(400).body("code", equalTo(20001));
        }
        api().get("/v1/Rooms/{room}/Recordings/{sid}", room, recording).then().body("status", equalTo("processing"));
    }

    @Test
    void roomEndedCompletesEveryRecordingFreesTheNameAndSetsTheRetention() throws Exception {
        String name = "ending-" + UUID.randomUUID();
        String room = api().formParam("UniqueName", name).formParam("RecordParticipantsOnConnect", "true")
                .post("/v1/Rooms").then().statusCode(201).extract().path("sid");
        post(track(room, "track-added", ALICE, "Alice", sid("MT", "a"), "audio", "a", nextTimestamp()))
                .statusCode(200).body("started", hasSize(1));
        post(track(room, "track-added", ALICE, "Alice", sid("MT", "v"), "video", "v", nextTimestamp()))
                .statusCode(200).body("started", hasSize(1));

        post(event(room, "room-ended", nextTimestamp())).statusCode(200)
                .body("room_status", equalTo("completed"))
                .body("stopped", hasSize(2))
                .body("recording_tracks", empty());

        api().queryParam("Status", "processing").get("/v1/Rooms/{room}/Recordings", room).then().body("recordings", empty());
        api().queryParam("Status", "completed").get("/v1/Rooms/{room}/Recordings", room).then().body("recordings", hasSize(2));
        api().get("/v1/Rooms/{room}", name).then().statusCode(404);
        api().formParam("UniqueName", name).post("/v1/Rooms").then().statusCode(201);
        long ttl = Long.parseLong(RedisTestResource.command("TTL " + KEYS.room(room)).trim().substring(1));
        assertThat(ttl).isBetween(23 * 3600L, 24 * 3600L);
        post(track(room, "track-added", ALICE, "Alice", sid("MT", "after"), "audio", "after", nextTimestamp()))
                .statusCode(200).body("applied", equalTo(false)).body("started", empty());
    }

    @Test
    void recordingStatusCallbacksUpdateTheRecording() {
        String room = groupRoom("[{\"type\":\"include\",\"all\":true}]");
        String recording = post(track(room, "track-added", ALICE, "Alice", sid("MT", "x"), "audio", "x", nextTimestamp()))
                .statusCode(200).extract().path("started[0].sid");
        Map<String, String> failed = event(room, "recording-failed", nextTimestamp());
        failed.put("RecordingSid", recording);

        post(failed).statusCode(200).body("applied", equalTo(true));

        api().get("/v1/Rooms/{room}/Recordings/{sid}", room, recording).then().body("status", equalTo("failed"));
    }

    @Test
    void aMissingOrWrongSignatureIsRefusedAndChangesNothing() {
        String room = newRoomSid();
        Map<String, String> created = event(room, "room-created", nextTimestamp());

        given().contentType("application/x-www-form-urlencoded").formParams(created).post(PATH)
                .then().statusCode(403).body("code", equalTo(20403)).body("status", equalTo(403));
        given().contentType("application/x-www-form-urlencoded").formParams(created)
                .header("X-Twilio-Signature", sign(url(), created, "not-the-token")).post(PATH)
                .then().statusCode(403);
        Map<String, String> tampered = new java.util.HashMap<>(created);
        tampered.put("RoomName", "tampered");
        given().contentType("application/x-www-form-urlencoded").formParams(tampered)
                .header("X-Twilio-Signature", sign(url(), created, io.github.recordingrules.support.Api.AUTH_TOKEN))
                .post(PATH).then().statusCode(403);

        api().get("/v1/Rooms/{room}", room).then().statusCode(404);
    }

    @Test
    void theSignedUrlIsRebuiltWithTheSchemeTheProxySaw() {
        String room = newRoomSid();
        Map<String, String> created = event(room, "room-created", nextTimestamp());
        String publicUrl = url().replace("http://", "https://") + "?tenant=a%20b";

        given().urlEncodingEnabled(false).contentType("application/x-www-form-urlencoded").formParams(created)
                .header("X-Forwarded-Proto", "https")
                .header("X-Twilio-Signature", sign(publicUrl, created, io.github.recordingrules.support.Api.AUTH_TOKEN))
                .post(PATH + "?tenant=a%20b")
                .then().statusCode(200).body("room_sid", equalTo(room));
    }

    @Test
    void malformedCallbacksAreRefusedWithTwilioErrorsAndChangeNothing() {
        String room = newRoomSid();
        List<Map<String, String>> malformed = List.of(
                Map.of("StatusCallbackEvent", "room-created"),
                Map.of("RoomSid", "RMnot-a-sid", "StatusCallbackEvent", "room-created"),
                Map.of("RoomSid", room),
                Map.of("RoomSid", room, "StatusCallbackEvent", "room-created", "Timestamp", "yesterday"),
                Map.of("RoomSid", room, "StatusCallbackEvent", "track-added", "ParticipantSid", ALICE,
                        "TrackSid", sid("MT", "t")),
                Map.of("RoomSid", room, "StatusCallbackEvent", "track-added", "ParticipantSid", ALICE,
                        "TrackSid", sid("MT", "t"), "TrackKind", "hologram"),
                Map.of("RoomSid", room, "StatusCallbackEvent", "participant-connected", "ParticipantSid", "PA1"));
        for (Map<String, String> params : malformed) {
            post(params).statusCode(400).body("code", equalTo(20001)).body("status", equalTo(400))
                    .body("more_info", equalTo("https://www.twilio.com/docs/errors/20001"));
        }
        api().get("/v1/Rooms/{room}", room).then().statusCode(404).body("code", equalTo(20404));
    }

    @Test
    void aRoomFirstHeardOfInACallbackIsRegisteredWithItsNameAndType() {
        String room = newRoomSid();
        String name = "from-callback-" + UUID.randomUUID();
        Map<String, String> created = event(room, "room-created", nextTimestamp());
        created.put("RoomName", name);

        post(created).statusCode(200).body("room_status", equalTo("in-progress")).body("recording_tracks", empty());

        api().get("/v1/Rooms/{room}", name).then().statusCode(200).body("sid", equalTo(room))
                .body("type", equalTo("group")).body("unique_name", equalTo(name)).body("end_time", nullValue());
        api().get("/v1/Rooms/{room}/RecordingRules", room).then().statusCode(200).body("rules", empty());
    }
}
