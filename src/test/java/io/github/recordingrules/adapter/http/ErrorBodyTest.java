package io.github.recordingrules.adapter.http;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.UUID;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.Api.createGroupRoom;
import static io.github.recordingrules.support.TwilioErrors.assertTwilioError;
import static io.github.recordingrules.support.TwilioErrors.assertTwilioErrorBody;
import static org.assertj.core.api.Assertions.assertThat;

/** Whatever goes wrong, the answer is Twilio's error body, and never a 500 for what a caller sent (docs/SPEC.md §6). */
@QuarkusTest
class ErrorBodyTest {

    private static final String INCLUDE_ALL = "[{\"type\":\"include\",\"all\":true}]";
    private static final String LONG_NAME = "x".repeat(300);

    @ParameterizedTest
    @ValueSource(strings = {"/v1/Nothing", "/v1/Rooms/some-room/Nothing", "/v1/Rooms/some-room/RecordingRules/extra",
            "/v1/rooms/some-room", "/v2/Rooms", "/v1"})
    void anUnknownPathUnderV1Answers404WithTwilioBody(String path) {
        assertTwilioError(api().get(path), 404, 20404);
    }

    @Test
    void anUnknownPathAnswersTheSameForEveryMethod() {
        assertTwilioError(api().formParam("Rules", INCLUDE_ALL).post("/v1/Rooms/some-room/Rules"), 404, 20404);
        assertTwilioError(api().delete("/v1/Nothing"), 404, 20404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "text/plain", "application/xml"})
    void aRulesPostInAnotherContentTypeAnswersATwilioClientError(String contentType) {
        String name = "room-" + UUID.randomUUID();
        createGroupRoom(name);

        Response response = api().contentType(contentType).body("{\"Rules\":" + INCLUDE_ALL + "}")
                .post("/v1/Rooms/{room}/RecordingRules", name);

        assertThat(response.statusCode()).isEqualTo(415);
        assertTwilioErrorBody(response);
        assertThat(response.jsonPath().getInt("code")).isEqualTo(20001);
        assertThat(api().get("/v1/Rooms/{room}/RecordingRules", name).jsonPath().getList("rules")).isEmpty();
    }

    @Test
    void aRoomCreationInJsonAnswersATwilioClientErrorAndCreatesNothing() {
        String name = "room-" + UUID.randomUUID();

        Response response = api().contentType("application/json").body("{\"UniqueName\":\"" + name + "\"}")
                .post("/v1/Rooms");

        assertThat(response.statusCode()).isEqualTo(415);
        assertTwilioErrorBody(response);
        assertTwilioError(api().get("/v1/Rooms/{room}", name), 404, 20404);
    }

    @Test
    void aMultipartRulesPostAnswersATwilioClientError() {
        String name = "room-" + UUID.randomUUID();
        createGroupRoom(name);

        Response response = api().contentType("multipart/form-data").multiPart("Rules", INCLUDE_ALL)
                .post("/v1/Rooms/{room}/RecordingRules", name);

        assertThat(response.statusCode()).isBetween(400, 499);
        assertTwilioErrorBody(response);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Rules=%zz", "Rules=%", "Rules=%4", "%zz=1&Rules=%5B%5D"})
    void aMalformedFormBodyAnswers400NotA500(String body) {
        String name = "room-" + UUID.randomUUID();
        createGroupRoom(name);

        Response response = api().body(body).post("/v1/Rooms/{room}/RecordingRules", name);

        assertTwilioError(response, 400, 20001);
        assertThat(api().get("/v1/Rooms/{room}/RecordingRules", name).jsonPath().getList("rules")).isEmpty();
    }

    @Test
    void aMalformedFormBodyOnRoomCreationAnswers400() {
        assertTwilioError(api().body("UniqueName=%zz").post("/v1/Rooms"), 400, 20001);
    }

    @Test
    void aPathParameterOf300CharactersAnswers400With20001() {
        assertTwilioError(api().get("/v1/Rooms/{room}", LONG_NAME), 400, 20001);
        assertTwilioError(api().get("/v1/Rooms/{room}/RecordingRules", LONG_NAME), 400, 20001);
        assertTwilioError(api().formParam("Rules", INCLUDE_ALL).post("/v1/Rooms/{room}/RecordingRules", LONG_NAME),
                400, 20001);
        assertTwilioError(api().formParam("Status", "completed").post("/v1/Rooms/{sid}", LONG_NAME), 400, 20001);
    }

    @Test
    void anUnacceptableAcceptHeaderAnswersATwilioError() {
        String name = "room-" + UUID.randomUUID();
        createGroupRoom(name);

        Response response = api().accept("application/xml").get("/v1/Rooms/{room}", name);

        assertThat(response.statusCode()).isBetween(400, 499);
        assertTwilioErrorBody(response);
    }

    @Test
    void aMethodTheRoomsListDoesNotSupportAnswers405WithTwilioBody() {
        assertTwilioError(api().delete("/v1/Rooms"), 405, 20004);
        assertTwilioError(api().delete("/v1/Rooms/{room}", "RM" + "0".repeat(32)), 405, 20004);
    }

    @Test
    void theErrorForInvalidRulesCarriesOnlyTwilioFieldsAndDetails() {
        String name = "room-" + UUID.randomUUID();
        createGroupRoom(name);

        Map<String, Object> body = assertTwilioError(api().formParam("Rules", "[]")
                .post("/v1/Rooms/{room}/RecordingRules", name), 400, 53120);

        assertThat(body).containsEntry("message", "Invalid Recording Rule(s)").containsEntry("status", 400);
        assertThat(body.keySet()).containsExactlyInAnyOrder("code", "message", "more_info", "status", "details");
    }

    @Test
    void otherErrorsCarryExactlyTwilioFourFields() {
        String name = "room-" + UUID.randomUUID();
        createGroupRoom(name);

        Map<String, Object> notFound = assertTwilioError(api().get("/v1/Rooms/{room}", "no-such-" + name), 404, 20404);
        Map<String, Object> nameTaken = assertTwilioError(api().formParam("UniqueName", name).post("/v1/Rooms"),
                400, 53113);
        Map<String, Object> badType = assertTwilioError(api().formParam("Type", "huge").post("/v1/Rooms"), 400, 20001);
        Map<String, Object> methodNotAllowed = assertTwilioError(api().put("/v1/Rooms/{room}/RecordingRules", name),
                405, 20004);

        for (Map<String, Object> body : new Map[]{notFound, nameTaken, badType, methodNotAllowed}) {
            assertThat(body.keySet()).containsExactlyInAnyOrder("code", "message", "more_info", "status");
        }
    }
}
