package io.github.recordingrules.compat;

import io.github.recordingrules.support.TwilioErrors;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.Webhooks.event;
import static io.github.recordingrules.support.Webhooks.nextTimestamp;
import static io.github.recordingrules.support.Webhooks.post;
import static io.github.recordingrules.support.Webhooks.sid;
import static io.github.recordingrules.support.Webhooks.track;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** The differences from Twilio that docs/MIGRATING.md states, pinned so that the guide stays true. */
@QuarkusTest
class MigrationGuideTest {

    private static final String ALICE = sid("PA", "guide-alice");

    @Test
    void roomsAreListedOldestFirstAndInProgressOnesUnlessAnotherStatusIsAskedFor() {
        String name = "guide-list-" + UUID.randomUUID();
        String first = api().formParam("UniqueName", name).post("/v1/Rooms").then().statusCode(201).extract().path("sid");
        api().formParam("Status", "completed").post("/v1/Rooms/{room}", first).then().statusCode(202);
        String second = api().formParam("UniqueName", name).post("/v1/Rooms").then().statusCode(201).extract().path("sid");

        api().queryParam("UniqueName", name).get("/v1/Rooms").then().statusCode(200)
                .body("rooms.sid", contains(second));
        api().queryParam("UniqueName", name).queryParam("Status", "completed").get("/v1/Rooms").then().statusCode(200)
                .body("rooms.sid", contains(first));
        api().formParam("Status", "completed").post("/v1/Rooms/{room}", second).then().statusCode(202);
        api().queryParam("UniqueName", name).queryParam("Status", "completed").get("/v1/Rooms").then().statusCode(200)
                .body("rooms.sid", contains(first, second));
        api().queryParam("Status", "failed").get("/v1/Rooms").then().statusCode(200).body("rooms", empty());
    }

    @Test
    void participantsLinkTheirPublishedTracksOnlyAndRoomsHaveNoTranscriptions() {
        String room = api().formParam("RecordParticipantsOnConnect", "true").post("/v1/Rooms")
                .then().statusCode(201).extract().path("sid");
        String recording = post(track(room, "track-added", ALICE, "Alice", sid("MT", room + "-guide"), "audio", "mic",
                nextTimestamp())).statusCode(200).extract().path("started[0].sid");

        api().get("/v1/Rooms/{room}/Participants/{sid}", room, ALICE).then().statusCode(200)
                .body("links.keySet()", contains("published_tracks"));
        api().get("/v1/Rooms/{room}/Transcriptions", room).then().statusCode(200).body("transcriptions", empty());
        TwilioErrors.assertTwilioError(api().get("/v1/Rooms/{room}/Participants/{sid}/SubscribedTracks", room, ALICE),
                404, 20404);
        TwilioErrors.assertTwilioError(api().delete("/v1/Rooms/{room}/Recordings/{sid}", room, recording), 400, 20001);
    }

    @Test
    void aCompletedRecordingWithoutAMediaLocationHasNoMedia() {
        String room = api().formParam("RecordParticipantsOnConnect", "true").post("/v1/Rooms")
                .then().statusCode(201).extract().path("sid");
        String recording = post(track(room, "track-added", ALICE, "Alice", sid("MT", room + "-nomedia"), "audio", "mic",
                nextTimestamp())).statusCode(200).extract().path("started[0].sid");
        TwilioErrors.assertTwilioError(api().get("/v1/Rooms/{room}/Recordings/{sid}/Media", room, recording), 404, 20404);
        api().formParam("Status", "completed").post("/v1/Rooms/{room}", room).then().statusCode(202);

        TwilioErrors.assertTwilioError(api().get("/v1/Rooms/{room}/Recordings/{sid}/Media", room, recording), 404, 20404);
        TwilioErrors.assertTwilioError(api().get("/v1/Recordings/{sid}/Media", recording), 404, 20404);
    }

    @Test
    void mediaFieldsAreNullAndTheRoomsMediaSettingsToo() {
        String room = api().formParam("RecordParticipantsOnConnect", "true").post("/v1/Rooms")
                .then().statusCode(201)
                .body("max_participants", nullValue()).body("video_codecs", nullValue())
                .body("media_region", nullValue()).body("audio_only", nullValue())
                .extract().path("sid");
        post(track(room, "track-added", ALICE, "Alice", sid("MT", room + "-media"), "video", "cam", nextTimestamp()))
                .statusCode(200)
                .body("started[0].size", nullValue()).body("started[0].codec", nullValue())
                .body("started[0].offset", nullValue()).body("started[0].media_external_location", nullValue())
                .body("started[0].container_format", equalTo("mkv")).body("started[0].duration", nullValue());
    }

    @Test
    void dataTracksAreNeverRecorded() {
        String room = api().formParam("RecordParticipantsOnConnect", "true").post("/v1/Rooms")
                .then().statusCode(201).extract().path("sid");
        post(track(room, "track-added", ALICE, "Alice", sid("MT", room + "-data"), "data", "chat", nextTimestamp()))
                .statusCode(200).body("recording_tracks", empty()).body("started", empty());
        TwilioErrors.assertTwilioError(api().formParam("Rules", "[{\"type\":\"include\",\"kind\":\"data\"}]")
                .post("/v1/Rooms/{room}/RecordingRules", room), 400, 53120);
    }

    @Test
    void aCallbackNamingAnUnknownRoomRegistersIt() {
        String room = sid("RM", UUID.randomUUID().toString());
        post(event(room, "room-created", nextTimestamp())).statusCode(200).body("room_sid", equalTo(room));

        api().get("/v1/Rooms/{room}", room).then().statusCode(200)
                .body("status", equalTo("in-progress")).body("type", equalTo("group"))
                .body("record_participants_on_connect", equalTo(false));
        api().get("/v1/Rooms/{room}/RecordingRules", room).then().statusCode(200).body("rules", empty());
    }

    @Test
    void rulesPostedToACompletedRoomAreKeptButRecordNothing() {
        String room = api().formParam("RecordParticipantsOnConnect", "true").post("/v1/Rooms")
                .then().statusCode(201).extract().path("sid");
        api().formParam("Status", "completed").post("/v1/Rooms/{room}", room).then().statusCode(202);

        api().formParam("Rules", "[{\"type\":\"include\",\"kind\":\"audio\"}]").post("/v1/Rooms/{room}/RecordingRules", room)
                .then().statusCode(200).body("rules", hasSize(1));
        post(track(room, "track-added", ALICE, "Alice", sid("MT", room + "-late"), "audio", "mic", nextTimestamp()))
                .statusCode(200).body("applied", equalTo(false)).body("recording_tracks", empty());
    }

    @Test
    void putAndDeleteOnRecordingRulesAnswer405WithAllow() {
        String room = api().post("/v1/Rooms").then().statusCode(201).extract().path("sid");
        for (String method : new String[]{"PUT", "DELETE"}) {
            var response = api().request(method, "/v1/Rooms/" + room + "/RecordingRules");
            TwilioErrors.assertTwilioError(response, 405, 20004);
            // One line "GET,POST" as written; the Lambda HTTP adapter may pass it on as one line per method.
            org.assertj.core.api.Assertions.assertThat(String.join(",", response.headers().getValues("Allow")))
                    .isEqualTo("GET,POST");
        }
    }

    @Test
    void aCallbackThatIsNotFormEncodedAnswers415() {
        TwilioErrors.assertTwilioError(io.restassured.RestAssured.given().contentType("application/json")
                .body("{\"RoomSid\":\"" + sid("RM", "json") + "\"}").post(io.github.recordingrules.support.Webhooks.PATH),
                415, 20001);
    }
}
