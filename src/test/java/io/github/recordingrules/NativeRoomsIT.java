package io.github.recordingrules;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.Webhooks.nextTimestamp;
import static io.github.recordingrules.support.Webhooks.participant;
import static io.github.recordingrules.support.Webhooks.post;
import static io.github.recordingrules.support.Webhooks.sid;
import static io.github.recordingrules.support.Webhooks.track;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

/**
 * The packaged function (the native binary under {@code ./mvnw verify -Dnative}) end to end: every JSON
 * body it writes goes through Jackson by reflection, so this walks through each of them once — a created
 * room, recording rules, a signed webhook and its answer with started and stopped recordings, the
 * recordings list, and Twilio's error body. Run by failsafe only when {@code skipITs} is off
 * ({@code -Dnative} turns it off).
 */
@QuarkusIntegrationTest
class NativeRoomsIT {

    private static final String RULES = "[{\"type\":\"include\",\"all\":true},{\"type\":\"exclude\",\"kind\":\"video\"}]";

    @Test
    void aRoomItsRulesAWebhookAndItsRecordingsRoundTripAsJson() {
        String name = "native-" + UUID.randomUUID();
        String room = api().formParam("UniqueName", name).formParam("Type", "group")
                .post("/v1/Rooms").then().statusCode(201)
                .body("unique_name", equalTo(name))
                .body("status", equalTo("in-progress"))
                .body("links.recording_rules", matchesPattern(".*/v1/Rooms/RM[0-9a-f]{32}/RecordingRules$"))
                .extract().path("sid");

        api().formParam("Rules", RULES).post("/v1/Rooms/{room}/RecordingRules", name).then().statusCode(200)
                .body("room_sid", equalTo(room))
                .body("rules", hasSize(2))
                .body("rules[0].all", equalTo(true))
                .body("rules[1].kind", equalTo("video"));

        String alice = sid("PA", "native-alice");
        String mic = sid("MT", "native-mic");
        String cam = sid("MT", "native-cam");
        post(participant(room, "participant-connected", alice, "alice", nextTimestamp())).statusCode(200);
        post(track(room, "track-added", alice, "alice", mic, "audio", "mic", nextTimestamp())).statusCode(200)
                .body("applied", equalTo(true))
                .body("recording_tracks", hasSize(1))
                .body("recording_tracks[0].track_sid", equalTo(mic))
                .body("started", hasSize(1))
                .body("started[0].grouping_sids.participant_sid", equalTo(alice))
                .body("stopped", empty());
        post(track(room, "track-added", alice, "alice", cam, "video", "cam", nextTimestamp())).statusCode(200)
                .body("started", empty());
        post(participant(room, "participant-disconnected", alice, "alice", nextTimestamp())).statusCode(200)
                .body("recording_tracks", empty())
                .body("stopped", hasSize(1))
                .body("stopped[0].status", equalTo("completed"));

        api().get("/v1/Rooms/{room}/Recordings", room).then().statusCode(200)
                .body("recordings", hasSize(1))
                .body("recordings[0].source_sid", equalTo(mic))
                .body("meta.key", equalTo("recordings"));

        api().get("/v1/Rooms/{room}", "no-such-room-" + UUID.randomUUID()).then().statusCode(404)
                .body("code", equalTo(20404))
                .body("more_info", equalTo("https://www.twilio.com/docs/errors/20404"));
    }
}
