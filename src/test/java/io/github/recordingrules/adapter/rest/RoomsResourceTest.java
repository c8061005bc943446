package io.github.recordingrules.adapter.rest;

import io.github.recordingrules.domain.Limits;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.github.recordingrules.support.Api.ACCOUNT_SID;
import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.Api.createGroupRoom;
import static io.github.recordingrules.support.TwilioErrors.assertTwilioError;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /v1/Rooms}: creating, fetching and completing rooms, through the Lambda request path. */
@QuarkusTest
class RoomsResourceTest {

    private static final String SID_PATTERN = "^RM[0-9a-f]{32}$";
    private static final String DATE_PATTERN = "^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$";

    private static String uniqueName() {
        return "room-" + UUID.randomUUID();
    }

    @Test
    void creatingARoomAnswers201WithTwilioRoomFields() {
        String name = uniqueName();
        Instant before = Instant.now().minusSeconds(1);

        Response response = api()
                .formParam("UniqueName", name)
                .formParam("Type", "group")
                .formParam("StatusCallback", "https://app.example.com/events?x=1")
                .post("/v1/Rooms");

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
        JsonPath room = response.jsonPath();
        String sid = room.getString("sid");
        assertThat(sid).matches(SID_PATTERN);
        assertThat(room.getString("status")).isEqualTo("in-progress");
        assertThat(room.getString("type")).isEqualTo("group");
        assertThat(room.getString("unique_name")).isEqualTo(name);
        assertThat(room.getString("account_sid")).isEqualTo(ACCOUNT_SID);
        assertThat(room.getBoolean("record_participants_on_connect")).isFalse();
        assertThat(room.getString("status_callback")).isEqualTo("https://app.example.com/events?x=1");
        assertThat(room.getString("status_callback_method")).isEqualTo("POST");
        assertThat(room.getString("date_created")).matches(DATE_PATTERN);
        assertThat(room.getString("date_updated")).matches(DATE_PATTERN);
        Instant created = Instant.parse(room.getString("date_created"));
        assertThat(created).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(room.getString("end_time")).isNull();
        assertThat(room.getString("duration")).isNull();
        assertThat(room.getString("url")).startsWith("http").endsWith("/v1/Rooms/" + sid);
        Map<String, String> links = room.getMap("links");
        assertThat(links).containsEntry("recording_rules", room.getString("url") + "/RecordingRules")
                .containsEntry("recordings", room.getString("url") + "/Recordings")
                .containsEntry("participants", room.getString("url") + "/Participants");
        assertThat(response.header("Location")).endsWith("/v1/Rooms/" + sid);
    }

    @Test
    void typeDefaultsToGroupAndARoomWithoutNameIsNamedBySid() {
        Response response = api().post("/v1/Rooms");

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
        String sid = response.jsonPath().getString("sid");
        assertThat(response.jsonPath().getString("type")).isEqualTo("group");
        assertThat(response.jsonPath().getString("unique_name")).isEqualTo(sid);
        assertThat(response.jsonPath().getString("status_callback")).isNull();
        assertThat(response.jsonPath().getString("status_callback_method")).isEqualTo("POST");
    }

    @ParameterizedTest
    @ValueSource(strings = {"group-small", "peer-to-peer", "go"})
    void otherRoomTypesAreAccepted(String type) {
        api().formParam("Type", type).formParam("UniqueName", uniqueName())
                .post("/v1/Rooms")
                .then().statusCode(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Group", "GROUP", "large", "small-group", " group"})
    void anUnknownTypeIsRejectedWith20001(String type) {
        String name = uniqueName();
        assertTwilioError(api().formParam("Type", type).formParam("UniqueName", name).post("/v1/Rooms"), 400, 20001);
        assertRoomUnknown(name);
    }

    @Test
    void statusCallbackMethodGetIsKeptAndOthersAreRejected() {
        for (String method : new String[]{"GET", "get"}) {
            String sid = api().formParam("StatusCallbackMethod", method).post("/v1/Rooms")
                    .then().statusCode(201).extract().path("sid");
            assertThat(api().get("/v1/Rooms/{room}", sid).jsonPath().getString("status_callback_method"))
                    .isEqualTo("GET");
        }

        String name = uniqueName();
        assertTwilioError(api().formParam("UniqueName", name).formParam("StatusCallbackMethod", "PUT")
                .post("/v1/Rooms"), 400, 20001);
        assertRoomUnknown(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a url", "example.com/events", "/events", "ftp://example.com/events", "mailto:a@b.c",
            "http://"})
    void aStatusCallbackThatIsNotAnHttpUrlIsRejectedWith20001(String callback) {
        String name = uniqueName();
        assertTwilioError(api().formParam("UniqueName", name).formParam("StatusCallback", callback).post("/v1/Rooms"),
                400, 20001);
        assertRoomUnknown(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9000/events", "http://169.254.169.254/latest/meta-data/",
            "http://10.0.0.1/events", "http://[fd00::1]/events"})
    void aStatusCallbackAimedAtAnAddressNotAllowlistedIsRejectedWith20001(String callback) {
        // This profile allowlists no private network (docs/SPEC.md §11.1.6).
        String name = uniqueName();
        assertTwilioError(api().formParam("UniqueName", name).formParam("StatusCallback", callback).post("/v1/Rooms"),
                400, 20001);
        assertRoomUnknown(name);
    }

    @Test
    void aUniqueNameOf256CharactersIsAcceptedAnd257AreRejectedWith20001() {
        String prefix = UUID.randomUUID().toString();
        String longest = prefix + "x".repeat(256 - prefix.length());
        api().formParam("UniqueName", longest).post("/v1/Rooms")
                .then().statusCode(201);
        assertThat(api().get("/v1/Rooms/{room}", longest).jsonPath().getString("unique_name")).isEqualTo(longest);

        assertTwilioError(api().formParam("UniqueName", longest + "y").post("/v1/Rooms"), 400, 20001);
    }

    @Test
    void aUniqueNameThatLooksLikeARoomSidIsRejectedWith20001() {
        String sidLike = "RM" + UUID.randomUUID().toString().replace("-", "");
        assertTwilioError(api().formParam("UniqueName", sidLike).post("/v1/Rooms"), 400, 20001);
        assertTwilioError(api().get("/v1/Rooms/{room}", sidLike), 404, 20404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", "on"})
    void aMalformedRecordParticipantsOnConnectIsRejectedWith20001(String value) {
        String name = uniqueName();
        assertTwilioError(api().formParam("UniqueName", name).formParam("RecordParticipantsOnConnect", value)
                .post("/v1/Rooms"), 400, 20001);
        assertRoomUnknown(name);
    }

    @Test
    void aRecordOnConnectRoomAnswersTheIncludeAllRule() {
        String name = uniqueName();
        Response created = api().formParam("UniqueName", name).formParam("RecordParticipantsOnConnect", "true")
                .post("/v1/Rooms");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.jsonPath().getBoolean("record_participants_on_connect")).isTrue();
        String sid = created.jsonPath().getString("sid");

        JsonPath rules = api().get("/v1/Rooms/{room}/RecordingRules", name).then().statusCode(200).extract().jsonPath();
        assertThat(rules.getString("room_sid")).isEqualTo(sid);
        assertThat(rules.getList("rules")).containsExactly(Map.of("type", "include", "all", true));
    }

    @Test
    void rulesGivenAtCreationAreStoredAndAnsweredByRecordingRules() {
        String name = uniqueName();
        String sid = api().formParam("UniqueName", name)
                .formParam("RecordingRules", "[{\"type\":\"include\",\"kind\":\"audio\"},"
                        + "{\"type\":\"exclude\",\"publisher\":\"Bob\",\"track\":\"screen\"}]")
                .post("/v1/Rooms")
                .then().statusCode(201).extract().path("sid");

        JsonPath rules = api().get("/v1/Rooms/{room}/RecordingRules", sid).then().statusCode(200).extract().jsonPath();
        assertThat(rules.getList("rules")).containsExactly(
                Map.of("type", "include", "kind", "audio"),
                Map.of("type", "exclude", "publisher", "Bob", "track", "screen"));
        assertThat(rules.getString("date_created")).matches(DATE_PATTERN);
        assertThat(rules.getString("date_updated")).matches(DATE_PATTERN);
    }

    @Test
    void rulesAtCreationOverrideRecordOnConnect() {
        String sid = api().formParam("RecordParticipantsOnConnect", "true")
                .formParam("RecordingRules", "{\"rules\":[{\"type\":\"exclude\",\"all\":true}]}")
                .post("/v1/Rooms")
                .then().statusCode(201).extract().path("sid");

        assertThat(api().get("/v1/Rooms/{room}/RecordingRules", sid).jsonPath().getList("rules"))
                .containsExactly(Map.of("type", "exclude", "all", true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"type\":\"include\",\"all\":false}]", "[{\"type\":\"include\",\"kind\":\"wideo\"}]",
            "[{\"type\":\"include\",\"kind\":\"audio\",\"kind\":\"video\"}]", "not json"})
    void invalidRulesAtCreationAreRejectedWith53120AndNoRoomIsCreated(String rules) {
        String name = uniqueName();
        Map<String, Object> error = assertTwilioError(api().formParam("UniqueName", name)
                .formParam("RecordingRules", rules).post("/v1/Rooms"), 400, 53120);
        assertThat(error.get("message")).isEqualTo("Invalid Recording Rule(s)");

        assertRoomUnknown(name);
        api().formParam("UniqueName", name).post("/v1/Rooms").then().statusCode(201);
    }

    @Test
    void twentyRulesNamingSidsAreAcceptedAtCreationAndAnOversizedValueIsRejectedWith20001() {
        String rules = IntStream.range(0, 20)
                .mapToObj(i -> String.format("{\"type\":\"include\",\"publisher\":\"PA%032x\",\"track\":\"MT%032x\"}",
                        i, 1000 + i))
                .collect(Collectors.joining(",", "[", "]"));
        assertThat(rules.length()).isGreaterThan(2048);
        String sid = api().formParam("RecordingRules", rules).post("/v1/Rooms")
                .then().statusCode(201).extract().path("sid");
        assertThat(api().get("/v1/Rooms/{room}/RecordingRules", sid).jsonPath().getList("rules")).hasSize(20);

        String name = uniqueName();
        String huge = "[{\"type\":\"include\",\"publisher\":\"" + "a".repeat(Limits.RULES) + "\"}]";
        assertTwilioError(api().formParam("UniqueName", name).formParam("RecordingRules", huge).post("/v1/Rooms"),
                400, 20001);
        assertRoomUnknown(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"go", "peer-to-peer", "group-small"})
    void rulesAtCreationOfARoomThatCannotRecordAreRejectedWith53122(String type) {
        String name = uniqueName();
        assertTwilioError(api().formParam("UniqueName", name).formParam("Type", type)
                .formParam("RecordingRules", "[{\"type\":\"include\",\"all\":true}]")
                .post("/v1/Rooms"), 400, 53122);

        assertRoomUnknown(name);
        api().formParam("UniqueName", name).formParam("Type", type).post("/v1/Rooms").then().statusCode(201);
    }

    @Test
    void aUniqueNameHeldByAnInProgressRoomIsRejectedWith53113() {
        String name = uniqueName();
        String first = createGroupRoom(name);

        assertTwilioError(api().formParam("UniqueName", name).post("/v1/Rooms"), 400, 53113);
        assertTwilioError(api().formParam("UniqueName", name).formParam("Type", "go").post("/v1/Rooms"), 400, 53113);

        assertThat(api().get("/v1/Rooms/{room}", name).jsonPath().getString("sid")).isEqualTo(first);
    }

    @Test
    void completingARoomEndsItAndFreesItsName() {
        String name = uniqueName();
        String first = createGroupRoom(name);

        JsonPath completed = api().formParam("Status", "completed")
                .post("/v1/Rooms/{sid}", first)
                .then().statusCode(202).extract().jsonPath();
        assertThat(completed.getString("sid")).isEqualTo(first);
        assertThat(completed.getString("status")).isEqualTo("completed");
        assertThat(completed.getString("end_time")).matches(DATE_PATTERN);
        assertThat(completed.getLong("duration")).isBetween(0L, 60L);

        String second = api().formParam("UniqueName", name).post("/v1/Rooms")
                .then().statusCode(201).extract().path("sid");
        assertThat(second).isNotEqualTo(first);

        JsonPath old = api().get("/v1/Rooms/{room}", first).then().statusCode(200).extract().jsonPath();
        assertThat(old.getString("status")).isEqualTo("completed");
        assertThat(old.getString("unique_name")).isEqualTo(name);
        assertThat(old.getString("end_time")).matches(DATE_PATTERN);
        Instant created = Instant.parse(old.getString("date_created"));
        Instant ended = Instant.parse(old.getString("end_time"));
        assertThat(ended).isAfterOrEqualTo(created);
        assertThat(old.getLong("duration")).isEqualTo(Duration.between(created, ended).toSeconds());

        JsonPath byName = api().get("/v1/Rooms/{room}", name).then().statusCode(200).extract().jsonPath();
        assertThat(byName.getString("sid")).isEqualTo(second);
        assertThat(byName.getString("status")).isEqualTo("in-progress");
        assertThat(api().get("/v1/Rooms/{room}/RecordingRules", name).jsonPath().getString("room_sid"))
                .isEqualTo(second);
    }

    @Test
    void aCompletedRoomIsNoLongerFoundByName() {
        String name = uniqueName();
        String sid = createGroupRoom(name);
        api().formParam("Status", "completed").post("/v1/Rooms/{sid}", sid).then().statusCode(202);

        assertRoomUnknown(name);
        assertThat(api().get("/v1/Rooms/{room}", sid).jsonPath().getString("status")).isEqualTo("completed");
    }

    @Test
    void completingARoomTwiceKeepsItsFirstEndTime() {
        String sid = createGroupRoom(uniqueName());
        String endTime = api().formParam("Status", "completed").post("/v1/Rooms/{sid}", sid)
                .then().statusCode(202).extract().path("end_time");

        JsonPath again = api().formParam("Status", "completed").post("/v1/Rooms/{sid}", sid)
                .then().statusCode(202).extract().jsonPath();
        assertThat(again.getString("status")).isEqualTo("completed");
        assertThat(again.getString("end_time")).isEqualTo(endTime);
    }

    @ParameterizedTest
    @ValueSource(strings = {"in-progress", "failed", "COMPLETED", "ended", ""})
    void aStatusOtherThanCompletedIsRejectedWith20001(String status) {
        String name = uniqueName();
        String sid = createGroupRoom(name);

        assertTwilioError(api().formParam("Status", status).post("/v1/Rooms/{sid}", sid), 400, 20001);

        assertThat(api().get("/v1/Rooms/{room}", name).jsonPath().getString("status")).isEqualTo("in-progress");
    }

    @Test
    void aMissingStatusIsRejectedWith20001() {
        String sid = createGroupRoom(uniqueName());
        assertTwilioError(api().post("/v1/Rooms/{sid}", sid), 400, 20001);
        assertThat(api().get("/v1/Rooms/{room}", sid).jsonPath().getString("status")).isEqualTo("in-progress");
    }

    @Test
    void completingAnUnknownRoomAnswers404() {
        String unknownSid = "RM" + UUID.randomUUID().toString().replace("-", "");
        assertTwilioError(api().formParam("Status", "completed").post("/v1/Rooms/{sid}", unknownSid), 404, 20404);
    }

    @Test
    void aRoomIsFetchedBySidAndByName() {
        String name = uniqueName();
        String sid = createGroupRoom(name);

        JsonPath bySid = api().get("/v1/Rooms/{room}", sid).then().statusCode(200).extract().jsonPath();
        JsonPath byName = api().get("/v1/Rooms/{room}", name).then().statusCode(200).extract().jsonPath();

        assertThat(bySid.getString("sid")).isEqualTo(sid);
        assertThat(bySid.getString("unique_name")).isEqualTo(name);
        assertThat(bySid.getString("status")).isEqualTo("in-progress");
        assertThat(byName.getMap("$")).isEqualTo(bySid.getMap("$"));
    }

    @Test
    void unknownSidsAndNamesAnswer404With20404() {
        assertTwilioError(api().get("/v1/Rooms/{room}", "RM" + "0".repeat(32)), 404, 20404);
        assertTwilioError(api().get("/v1/Rooms/{room}", "RM" + UUID.randomUUID().toString().replace("-", "")),
                404, 20404);
        assertTwilioError(api().get("/v1/Rooms/{room}", uniqueName()), 404, 20404);
    }

    private static void assertRoomUnknown(String name) {
        assertTwilioError(api().get("/v1/Rooms/{room}", name), 404, 20404);
    }
}
