package io.github.recordingrules.adapter.rest;

import io.github.recordingrules.adapter.redis.RedisKeys;
import io.github.recordingrules.domain.Limits;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.Api.createGroupRoom;
import static io.github.recordingrules.support.RedisTestResource.KEYS;
import static io.github.recordingrules.support.TwilioErrors.assertTwilioError;
import static io.github.recordingrules.support.TwilioErrors.assertTwilioErrorBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

/** {@code /v1/Rooms/{RoomNameOrSid}/RecordingRules}, docs/SPEC.md §2 and §5.7–§5.9, through the Lambda request path. */
@QuarkusTest
class RecordingRulesResourceTest {

    private static final String DATE_PATTERN = "^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$";
    private static final String INCLUDE_ALL = "[{\"type\":\"include\",\"all\":true}]";
    private static final String PREVIOUS_RULES = "[{\"type\":\"include\",\"kind\":\"audio\"},"
            + "{\"type\":\"exclude\",\"publisher\":\"Bob\",\"track\":\"screen\"}]";

    @Inject
    RedisDataSource redis;

    private static String uniqueName() {
        return "room-" + UUID.randomUUID();
    }

    private static Response postRules(String room, String rules) {
        RequestSpecification request = api();
        if (rules != null) {
            request.formParam("Rules", rules);
        }
        return request.post("/v1/Rooms/{room}/RecordingRules", room);
    }

    private static JsonPath getRules(String room) {
        return api().get("/v1/Rooms/{room}/RecordingRules", room).then().statusCode(200).extract().jsonPath();
    }

    private long version(String sid) {
        return Long.parseLong(redis.hash(String.class).hget(KEYS.room(sid), RedisKeys.VERSION));
    }

    @Test
    void postedRulesAreReturnedByLaterGets() {
        String name = uniqueName();
        String sid = createGroupRoom(name);

        postRules(name, INCLUDE_ALL)
                .then().statusCode(200)
                .body("room_sid", equalTo(sid))
                .body("rules", hasSize(1))
                .body("rules[0].type", equalTo("include"))
                .body("rules[0].all", equalTo(true))
                .body("date_created", matchesPattern(DATE_PATTERN))
                .body("date_updated", matchesPattern(DATE_PATTERN));

        api().get("/v1/Rooms/{room}/RecordingRules", sid)
                .then().statusCode(200)
                .body("room_sid", equalTo(sid))
                .body("rules[0].type", equalTo("include"))
                .body("rules[0].all", equalTo(true));
    }

    @Test
    void aRoomThatNeverHadRulesAnswersAnEmptyList() {
        String name = uniqueName();
        String sid = createGroupRoom(name);

        JsonPath rules = getRules(name);

        assertThat(rules.getMap("$").keySet()).containsExactlyInAnyOrder("room_sid", "rules", "date_created",
                "date_updated");
        assertThat(rules.getString("room_sid")).isEqualTo(sid);
        assertThat(rules.getList("rules")).isEmpty();
        assertThat(rules.getString("date_created")).matches(DATE_PATTERN);
        assertThat(rules.getString("date_updated")).matches(DATE_PATTERN);
    }

    @Test
    void postedRulesAreAnsweredInOrderByNameAndBySid() {
        String name = uniqueName();
        String sid = createGroupRoom(name);

        JsonPath posted = postRules(sid, PREVIOUS_RULES).then().statusCode(200).extract().jsonPath();

        List<Map<String, Object>> expected = List.of(
                Map.of("type", "include", "kind", "audio"),
                Map.of("type", "exclude", "publisher", "Bob", "track", "screen"));
        assertThat(posted.getString("room_sid")).isEqualTo(sid);
        assertThat(posted.getList("rules")).isEqualTo(expected);
        assertThat(posted.getString("date_created")).matches(DATE_PATTERN);
        assertThat(posted.getString("date_updated")).matches(DATE_PATTERN);
        assertThat(getRules(name).getMap("$")).isEqualTo(posted.getMap("$"));
        assertThat(getRules(sid).getMap("$")).isEqualTo(posted.getMap("$"));
    }

    @Test
    void everyPostReplacesAllPreviousRules() {
        String name = uniqueName();
        createGroupRoom(name);
        postRules(name, PREVIOUS_RULES).then().statusCode(200);

        postRules(name, "[{\"type\":\"exclude\",\"all\":true}]").then().statusCode(200);

        assertThat(getRules(name).getList("rules")).containsExactly(Map.of("type", "exclude", "all", true));
    }

    @Test
    void theRulesWrapperFormIsAccepted() {
        String name = uniqueName();
        createGroupRoom(name);

        JsonPath posted = postRules(name, "{\"rules\":[{\"type\":\"include\",\"publisher\":\"Alice\"},"
                + "{\"type\":\"include\",\"kind\":\"audio\"}]}").then().statusCode(200).extract().jsonPath();

        List<Map<String, Object>> expected = List.of(Map.of("type", "include", "publisher", "Alice"),
                Map.of("type", "include", "kind", "audio"));
        assertThat(posted.getList("rules")).isEqualTo(expected);
        assertThat(getRules(name).getList("rules")).isEqualTo(expected);
    }

    @Test
    void nullFiltersCountAsAbsentAndAreNotReturned() {
        String name = uniqueName();
        createGroupRoom(name);

        JsonPath posted = postRules(name, "{\"rules\":[{\"type\":\"include\",\"all\":true,\"publisher\":null,"
                + "\"kind\":null,\"track\":null}]}").then().statusCode(200).extract().jsonPath();

        assertThat(posted.getList("rules")).containsExactly(Map.of("type", "include", "all", true));
        assertThat(getRules(name).getList("rules")).containsExactly(Map.of("type", "include", "all", true));
        assertThat(api().get("/v1/Rooms/{room}/RecordingRules", name).asString()).doesNotContain("null");
    }

    @Test
    void theSeedsMislabelledExampleIsValid() {
        String name = uniqueName();
        createGroupRoom(name);

        postRules(name, "[{\"type\": \"include\", \"all\": true}, {\"type\": \"exclude\", \"kind\": \"video\"}]")
                .then().statusCode(200);

        assertThat(getRules(name).getList("rules")).containsExactly(
                Map.of("type", "include", "all", true), Map.of("type", "exclude", "kind", "video"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[{\"type\": \"include\", \"all\": true}]",
            "[{\"type\": \"exclude\", \"all\": true}]",
            "[{\"type\": \"include\", \"kind\": \"audio\"}]",
            "[{\"type\": \"include\", \"publisher\": \"Alice\"}, {\"type\": \"include\", \"kind\": \"audio\"}]",
            "[{\"type\": \"include\", \"all\": true}, {\"type\": \"exclude\", \"kind\": \"video\"},"
                    + " {\"type\": \"include\", \"publisher\": \"Bob\", \"track\": \"screen\"},"
                    + " {\"type\": \"include\", \"track\": \"MTXXXXXXXXXXXXXXXXXXXXXXXXXXX\"}]",
            "[{\"type\":\"include\",\"publisher\":\"PA00000000000000000000000000000000\",\"kind\":\"video\"}]",
            "[{\"type\":\"include\",\"publisher\":\"Zoë 🎥\",\"track\":\"écran partagé\"}]"})
    void theSeedsValidExamplesAreAcceptedAndReturnedAsPosted(String rules) {
        String name = uniqueName();
        createGroupRoom(name);

        JsonPath posted = postRules(name, rules).then().statusCode(200).extract().jsonPath();

        List<Object> expected = JsonPath.from(rules).getList("$");
        assertThat(posted.getList("rules")).isEqualTo(expected);
        assertThat(getRules(name).getList("rules")).isEqualTo(expected);
    }

    @Test
    void twentyRulesAreAccepted() {
        String name = uniqueName();
        createGroupRoom(name);

        postRules(name, rulesForPublishers(20)).then().statusCode(200);

        assertThat(getRules(name).getList("rules")).hasSize(20);
    }

    static Stream<Arguments> invalidRules() {
        return Stream.of(
                Arguments.of("the seed: an empty set", "[]"),
                Arguments.of("the seed: all is false", "[{\"type\":\"include\", \"all\": false}]"),
                Arguments.of("the seed: kind repeated", "[{\"type\": \"include\", \"kind\": \"audio\", \"kind\": \"video\"},]"),
                Arguments.of("the seed: all with another filter",
                        "[{\"type\": \"include\", \"all\": \"true\", \"kind\": \"audio\"},]"),
                Arguments.of("kind repeated, no trailing comma", "[{\"type\":\"include\",\"kind\":\"audio\",\"kind\":\"video\"}]"),
                Arguments.of("kind repeated with the same value", "[{\"type\":\"include\",\"kind\":\"audio\",\"kind\":\"audio\"}]"),
                Arguments.of("publisher repeated", "[{\"type\":\"include\",\"publisher\":\"Alice\",\"publisher\":\"Bob\"}]"),
                Arguments.of("type repeated", "[{\"type\":\"include\",\"type\":\"exclude\",\"all\":true}]"),
                Arguments.of("all as the string \"true\"", "[{\"type\":\"include\",\"all\":\"true\"}]"),
                Arguments.of("all as the number 1", "[{\"type\":\"include\",\"all\":1}]"),
                Arguments.of("all with kind", "[{\"type\":\"include\",\"all\":true,\"kind\":\"audio\"}]"),
                Arguments.of("all with publisher", "[{\"type\":\"exclude\",\"all\":true,\"publisher\":\"Alice\"}]"),
                Arguments.of("all with track", "[{\"type\":\"include\",\"all\":true,\"track\":\"screen\"}]"),
                Arguments.of("kind wideo", "[{\"type\":\"include\",\"kind\":\"wideo\"}]"),
                Arguments.of("kind data", "[{\"type\":\"include\",\"kind\":\"data\"}]"),
                Arguments.of("kind in upper case", "[{\"type\":\"include\",\"kind\":\"AUDIO\"}]"),
                Arguments.of("missing type", "[{\"kind\":\"audio\"}]"),
                Arguments.of("type null", "[{\"type\":null,\"all\":true}]"),
                Arguments.of("type in upper case", "[{\"type\":\"Include\",\"all\":true}]"),
                Arguments.of("unknown type", "[{\"type\":\"record\",\"all\":true}]"),
                Arguments.of("no filter", "[{\"type\":\"include\"}]"),
                Arguments.of("only null filters", "[{\"type\":\"include\",\"all\":null,\"kind\":null}]"),
                Arguments.of("unknown member", "[{\"type\":\"include\",\"all\":true,\"foo\":\"bar\"}]"),
                Arguments.of("unknown filter", "[{\"type\":\"include\",\"participant\":\"Alice\"}]"),
                Arguments.of("filter names are case sensitive", "[{\"type\":\"include\",\"Kind\":\"audio\"}]"),
                Arguments.of("21 rules", rulesForPublishers(21)),
                Arguments.of("a valid rule after an invalid one", "[{\"type\":\"include\",\"kind\":\"data\"},"
                        + "{\"type\":\"include\",\"all\":true}]"),
                Arguments.of("publisher a number", "[{\"type\":\"include\",\"publisher\":42}]"),
                Arguments.of("track a number", "[{\"type\":\"include\",\"track\":1.5}]"),
                Arguments.of("kind a boolean", "[{\"type\":\"include\",\"kind\":true}]"),
                Arguments.of("publisher an array", "[{\"type\":\"include\",\"publisher\":[\"Alice\"]}]"),
                Arguments.of("track an object", "[{\"type\":\"include\",\"track\":{\"name\":\"screen\"}}]"),
                Arguments.of("publisher empty", "[{\"type\":\"include\",\"publisher\":\"\"}]"),
                Arguments.of("track empty", "[{\"type\":\"include\",\"track\":\"\"}]"),
                Arguments.of("kind empty", "[{\"type\":\"include\",\"kind\":\"\"}]"),
                Arguments.of("a rule that is not an object", "[\"include\"]"),
                Arguments.of("a rule that is null", "[null]"),
                Arguments.of("not JSON", "not json"),
                Arguments.of("truncated JSON", "[{\"type\":\"include\",\"all\":true}"),
                Arguments.of("a JSON string", "\"[{\\\"type\\\":\\\"include\\\",\\\"all\\\":true}]\""),
                Arguments.of("a JSON number", "42"),
                Arguments.of("two arrays", "[{\"type\":\"include\",\"all\":true}][{\"type\":\"exclude\",\"all\":true}]"),
                Arguments.of("single quotes", "[{'type':'include','all':true}]"),
                Arguments.of("a comment", "[{\"type\":\"include\",\"all\":true} // rule_1\n]"),
                Arguments.of("an empty wrapper", "{}"),
                Arguments.of("a wrapper with an empty set", "{\"rules\":[]}"),
                Arguments.of("a wrapper with rules null", "{\"rules\":null}"),
                Arguments.of("a wrapper with an extra member", "{\"rules\":[{\"type\":\"include\",\"all\":true}],\"x\":1}"),
                Arguments.of("a wrapper named Rules", "{\"Rules\":[{\"type\":\"include\",\"all\":true}]}"),
                Arguments.of("rules repeated in the wrapper", "{\"rules\":[{\"type\":\"include\",\"all\":true}],"
                        + "\"rules\":[{\"type\":\"exclude\",\"all\":true}]}"),
                Arguments.of("an empty Rules field", ""),
                Arguments.of("a blank Rules field", "   "),
                Arguments.of("no Rules field", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRules")
    void invalidRulesAnswer53120AndLeaveThePreviousRulesInForce(String description, String rules) {
        String name = uniqueName();
        String sid = createGroupRoom(name);
        Map<String, Object> before = postRules(name, PREVIOUS_RULES).then().statusCode(200).extract().jsonPath()
                .getMap("$");
        long versionBefore = version(sid);

        Response rejected = postRules(name, rules);

        Map<String, Object> error = assertTwilioError(rejected, 400, 53120);
        assertThat(error).containsEntry("message", "Invalid Recording Rule(s)")
                .containsEntry("more_info", "https://www.twilio.com/docs/errors/53120")
                .containsEntry("status", 400);
        assertThat(getRules(name).getMap("$")).isEqualTo(before);
        assertThat(getRules(sid).getMap("$")).isEqualTo(before);
        assertThat(version(sid)).as("the room in Redis was not written").isEqualTo(versionBefore);
    }

    @Test
    void invalidRulesOnARoomThatNeverHadRulesLeaveItWithoutRules() {
        String name = uniqueName();
        createGroupRoom(name);
        Map<String, Object> before = getRules(name).getMap("$");

        assertTwilioError(postRules(name, "[{\"type\":\"include\",\"all\":false}]"), 400, 53120);

        assertThat(getRules(name).getMap("$")).isEqualTo(before);
        assertThat(getRules(name).getList("rules")).isEmpty();
    }

    @Test
    void invalidRulesOnARecordOnConnectRoomKeepTheIncludeAllRule() {
        String name = uniqueName();
        api().formParam("UniqueName", name).formParam("RecordParticipantsOnConnect", "true").post("/v1/Rooms")
                .then().statusCode(201);

        assertTwilioError(postRules(name, "[]"), 400, 53120);

        assertThat(getRules(name).getList("rules")).containsExactly(Map.of("type", "include", "all", true));
    }

    @Test
    void theErrorForInvalidRulesSaysWhichRuleIsWrong() {
        String name = uniqueName();
        createGroupRoom(name);

        Map<String, Object> error = assertTwilioError(postRules(name,
                "[{\"type\":\"include\",\"all\":true},{\"type\":\"include\",\"kind\":\"wideo\"}]"), 400, 53120);

        assertThat(error).containsKey("details");
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) error.get("details");
        assertThat(details).containsEntry("rule_index", 1);
        assertThat((String) details.get("reason")).contains("kind");
    }

    @Test
    void twentyRulesNamingParticipantAndTrackSidsAreAccepted() {
        // About 2 KB of JSON, more once form-encoded: a real rule set that must fit in a form field.
        String name = uniqueName();
        createGroupRoom(name);
        String rules = IntStream.range(0, 20)
                .mapToObj(i -> String.format("{\"type\":\"include\",\"publisher\":\"PA%032x\",\"track\":\"MT%032x\"}",
                        i, 1000 + i))
                .collect(Collectors.joining(",", "[", "]"));
        assertThat(rules.length()).isGreaterThan(2048);

        JsonPath posted = postRules(name, rules).then().statusCode(200).extract().jsonPath();

        assertThat(posted.getList("rules")).hasSize(20);
        assertThat(getRules(name).getList("rules")).isEqualTo(JsonPath.from(rules).getList("$"));
    }

    @Test
    void anOversizedRulesFieldIsRejectedWith20001AndChangesNothing() {
        String name = uniqueName();
        createGroupRoom(name);
        postRules(name, PREVIOUS_RULES).then().statusCode(200);
        Map<String, Object> before = getRules(name).getMap("$");
        String huge = "[{\"type\":\"include\",\"publisher\":\"" + "a".repeat(Limits.RULES) + "\"}]";

        assertTwilioError(postRules(name, huge), 400, 20001);

        assertThat(getRules(name).getMap("$")).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "DELETE"})
    void putAndDeleteAnswer405WithAnAllowHeader(String method) {
        String name = uniqueName();
        createGroupRoom(name);
        postRules(name, INCLUDE_ALL).then().statusCode(200);

        Response response = api().formParam("Rules", "[{\"type\":\"exclude\",\"all\":true}]")
                .request(method, "/v1/Rooms/{room}/RecordingRules", name);

        assertTwilioError(response, 405, 20004);
        assertThat(allowed(response)).contains("GET", "POST").doesNotContain(method);
        assertThat(getRules(name).getList("rules")).containsExactly(Map.of("type", "include", "all", true));
    }

    @Test
    void patchIsRefusedWithATwilioErrorAndChangesNothing() {
        String name = uniqueName();
        createGroupRoom(name);

        Response response = api().formParam("Rules", INCLUDE_ALL)
                .patch("/v1/Rooms/{room}/RecordingRules", name);

        // RESTEasy answers 404 here, not 405: the path is matched by method within a resource class only.
        assertThat(response.statusCode()).isIn(404, 405);
        assertTwilioErrorBody(response);
        assertThat(getRules(name).getList("rules")).isEmpty();
    }

    @Test
    void anUnknownRoomAnswers404With20404() {
        String unknownSid = "RM" + UUID.randomUUID().toString().replace("-", "");
        assertTwilioError(api().get("/v1/Rooms/{room}/RecordingRules", unknownSid), 404, 20404);
        assertTwilioError(api().get("/v1/Rooms/{room}/RecordingRules", uniqueName()), 404, 20404);
        assertTwilioError(postRules(unknownSid, INCLUDE_ALL), 404, 20404);
        assertTwilioError(postRules(uniqueName(), INCLUDE_ALL), 404, 20404);
    }

    @Test
    void aPostToAnUnknownRoomCreatesNoRoom() {
        String unknownSid = "RM" + UUID.randomUUID().toString().replace("-", "");
        assertTwilioError(postRules(unknownSid, INCLUDE_ALL), 404, 20404);
        assertTwilioError(api().get("/v1/Rooms/{room}", unknownSid), 404, 20404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"go", "peer-to-peer", "group-small"})
    void ruleCallsOnARoomThatCannotRecordAnswer53122(String type) {
        String name = uniqueName();
        String sid = api().formParam("UniqueName", name).formParam("Type", type).post("/v1/Rooms")
                .then().statusCode(201).extract().path("sid");

        assertTwilioError(postRules(name, INCLUDE_ALL), 400, 53122);
        assertTwilioError(postRules(sid, INCLUDE_ALL), 400, 53122);
        assertTwilioError(api().get("/v1/Rooms/{room}/RecordingRules", name), 400, 53122);
    }

    private static String rulesForPublishers(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> "{\"type\":\"include\",\"publisher\":\"p" + i + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    /** The methods named by the Allow header, whether sent as one comma-separated line or as several. */
    private static List<String> allowed(Response response) {
        return response.headers().getValues("Allow").stream()
                .flatMap(line -> Stream.of(line.split(",")))
                .map(String::trim)
                .toList();
    }
}
