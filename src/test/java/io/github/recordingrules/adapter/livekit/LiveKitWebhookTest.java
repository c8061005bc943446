package io.github.recordingrules.adapter.livekit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.recordingrules.support.LiveKitNode;
import io.github.recordingrules.support.LiveKitProfile;
import io.github.recordingrules.support.RedisTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.stream.Stream;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.LiveKitWebhooks.event;
import static io.github.recordingrules.support.LiveKitWebhooks.nextSecond;
import static io.github.recordingrules.support.LiveKitWebhooks.participant;
import static io.github.recordingrules.support.LiveKitWebhooks.post;
import static io.github.recordingrules.support.LiveKitWebhooks.send;
import static io.github.recordingrules.support.LiveKitWebhooks.sid;
import static io.github.recordingrules.support.LiveKitWebhooks.track;
import static io.github.recordingrules.support.TwilioErrors.assertTwilioError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * LiveKit webhooks made and signed by LiveKit's own server SDK (checked with its WebhookReceiver): the
 * function accepts them, maps LiveKit's ids to stable SIDs, and refuses any webhook whose signature does
 * not hold, changing nothing.
 */
@QuarkusTest
@TestProfile(LiveKitProfile.class)
class LiveKitWebhookTest {

    private String roomId;
    private String roomName;

    @BeforeEach
    void aLiveKitRoom() {
        LiveKitNode.get();
        roomId = "RM_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        roomName = "livekit-" + UUID.randomUUID();
    }

    @Test
    void aRoomFirstHeardOfInAWebhookGetsTheSidDerivedFromItsLiveKitId() {
        Response answer = post(event("room_started", roomId, roomName, nextSecond()));

        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
        String sid = answer.jsonPath().getString("room_sid");
        assertThat(sid).matches("^RM[0-9a-f]{32}$").isEqualTo(sid("RM", roomId));
        JsonPath room = api().get("/v1/Rooms/{name}", roomName).then().statusCode(200).extract().jsonPath();
        assertThat(room.getString("sid")).isEqualTo(sid);
        assertThat(room.getString("unique_name")).isEqualTo(roomName);
        assertThat(room.getString("type")).isEqualTo("group");
        assertThat(room.getString("media_server_ids.room")).isEqualTo(roomId);

        assertThat(post(event("room_started", roomId, roomName, nextSecond())).jsonPath().getString("room_sid"))
                .as("the same LiveKit room, again").isEqualTo(sid);
    }

    @Test
    void participantsAndTracksGetStableSidsAndKeepTheirLiveKitIds() {
        post(event("room_started", roomId, roomName, nextSecond()));
        api().formParam("Rules", "[{\"type\":\"include\",\"all\":true}]").post("/v1/Rooms/{name}/RecordingRules", roomName)
                .then().statusCode(200);
        post(participant("participant_joined", roomId, roomName, "PA_ann" + roomId, "ann", nextSecond()));
        post(track("track_published", roomId, roomName, "PA_ann" + roomId, "ann", "TR_mic" + roomId, "AUDIO", null,
                "MICROPHONE", nextSecond())).then().statusCode(200);

        JsonPath recordings = api().get("/v1/Rooms/{sid}/Recordings", sid("RM", roomId)).then().statusCode(200)
                .extract().jsonPath();
        assertThat(recordings.getList("recordings")).hasSize(1);
        assertThat(recordings.getString("recordings[0].source_sid")).isEqualTo(sid("MT", "TR_mic" + roomId));
        assertThat(recordings.getString("recordings[0].grouping_sids.participant_sid")).isEqualTo(sid("PA", "PA_ann" + roomId));
        assertThat(recordings.getString("recordings[0].type")).isEqualTo("audio");
        assertThat(recordings.getString("recordings[0].track_name")).as("no name given: the source").isEqualTo("microphone");
        assertThat(recordings.getString("recordings[0].media_server_ids.room")).isEqualTo(roomId);
        assertThat(recordings.getString("recordings[0].media_server_ids.participant")).isEqualTo("PA_ann" + roomId);
        assertThat(recordings.getString("recordings[0].media_server_ids.track")).isEqualTo("TR_mic" + roomId);
    }

    @Test
    void aRoomCreatedThroughRestWithTheLiveKitNameIsTheRoomTheWebhooksReach() {
        String restSid = api().formParam("UniqueName", roomName).formParam("Type", "group").post("/v1/Rooms")
                .then().statusCode(201).extract().path("sid");

        assertThat(post(event("room_started", roomId, roomName, nextSecond())).jsonPath().getString("room_sid"))
                .isEqualTo(restSid);
        assertThat(post(event("room_finished", roomId, roomName, nextSecond())).jsonPath().getString("room_sid"))
                .isEqualTo(restSid);
        Response late = post(participant("participant_joined", roomId, roomName, "PA_late" + roomId, "late", nextSecond()));

        assertThat(late.jsonPath().getString("room_sid")).as("a late webhook after the name was freed").isEqualTo(restSid);
        assertThat(late.jsonPath().getBoolean("applied")).isFalse();
        api().formParam("UniqueName", roomName).post("/v1/Rooms").then().statusCode(201);
    }

    @Test
    void dataTracksAreNeverRecorded() {
        post(event("room_started", roomId, roomName, nextSecond()));
        api().formParam("Rules", "[{\"type\":\"include\",\"all\":true}]").post("/v1/Rooms/{name}/RecordingRules", roomName)
                .then().statusCode(200);
        post(track("track_published", roomId, roomName, "PA_d" + roomId, "d", "TR_data" + roomId, "DATA", "telemetry",
                "UNKNOWN", nextSecond())).then().statusCode(200);

        assertThat(api().get("/v1/Rooms/{sid}/Recordings", sid("RM", roomId)).then().statusCode(200).extract()
                .jsonPath().getList("recordings")).isEmpty();
    }

    @Test
    void eventsAboutNoRoomAreAcceptedAndIgnored() {
        ObjectNode ingress = event("ingress_started", roomId, roomName, nextSecond());
        ingress.remove("room");
        ingress.putObject("ingressInfo").put("ingressId", "IN_1");

        Response answer = post(ingress);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.jsonPath().getBoolean("applied")).isFalse();
        assertThat(answer.jsonPath().getString("room_sid")).isNull();
    }

    static Stream<Arguments> refusedWebhooks() {
        return Stream.of(
                Arguments.of("no Authorization header", 401, (Refusal) (e, body) -> send(body.get("body").asText(), null)),
                Arguments.of("signed with another secret", 403, (Refusal) (e, body) ->
                        post(LiveKitNode.get().webhook(e, "another-secret-of-at-least-32-characters", null, false))),
                Arguments.of("expired", 403, (Refusal) (e, body) ->
                        post(LiveKitNode.get().webhook(e, LiveKitNode.API_SECRET, "10 minutes ago", false))),
                Arguments.of("body altered after signing", 403, (Refusal) (e, body) ->
                        send(body.get("body").asText().replace("joiner", "joiner2"), body.get("authorization").asText())),
                Arguments.of("a token that is not a JWT", 403, (Refusal) (e, body) -> send(body.get("body").asText(), "garbage")),
                Arguments.of("an unsigned token (alg none)", 403, (Refusal) (e, body) ->
                        send(body.get("body").asText(), unsigned(body.get("authorization").asText()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedWebhooks")
    void unsignedAndMisSignedWebhooksAreRefusedAndChangeNothing(String description, int status, Refusal refusal)
            throws Exception {
        ObjectNode joined = participant("participant_joined", roomId, roomName, "PA_j" + roomId, "joiner", nextSecond());
        JsonNode signed = LiveKitNode.get().webhook(joined);

        assertTwilioError(refusal.send(joined, signed), status, status == 401 ? 20003 : 20403);

        api().get("/v1/Rooms/{sid}", sid("RM", roomId)).then().statusCode(404);
        api().get("/v1/Rooms/{name}", roomName).then().statusCode(404);
        assertThat(RedisTestResource.redis().command("EXISTS rr:{" + sid("RM", roomId) + "}:room")).as(description)
                .isEqualTo(":0\r\n");
    }

    @Test
    void anotherContentTypeIsRefused() {
        JsonNode signed = LiveKitNode.get().webhook(event("room_started", roomId, roomName, nextSecond()));

        assertTwilioError(io.restassured.RestAssured.given().contentType("text/plain")
                .header("Authorization", signed.get("authorization").asText())
                .body(signed.get("body").asText().getBytes(StandardCharsets.UTF_8)).post("/webhooks/livekit"), 415, 20001);
    }

    /** The same claims with {@code alg: none} and no signature. */
    private static String unsigned(String token) {
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + token.split("\\.")[1] + ".";
    }

    @FunctionalInterface
    interface Refusal {
        Response send(ObjectNode event, JsonNode signed);
    }
}
