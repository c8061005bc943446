package io.github.recordingrules.adapter.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.github.recordingrules.support.Api.ACCOUNT_SID;
import static io.github.recordingrules.support.Api.API_KEY_ONE;
import static io.github.recordingrules.support.Api.API_KEY_ONE_SECRET;
import static io.github.recordingrules.support.Api.API_KEY_TWO;
import static io.github.recordingrules.support.Api.API_KEY_TWO_SECRET;
import static io.github.recordingrules.support.Api.AUTH_TOKEN;
import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.Api.createGroupRoom;
import static io.github.recordingrules.support.TwilioErrors.assertTwilioError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** HTTP Basic with the account SID and auth token, as Twilio's REST API has it (docs/SPEC.md §5.2). */
@QuarkusTest
class AuthenticationTest {

    private static final String OTHER_ACCOUNT = "AC" + "1".repeat(32);

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private static RequestSpecification form() {
        return given().contentType("application/x-www-form-urlencoded");
    }

    /** Requests that must all be refused: each names how it presents (or fails to present) credentials. */
    static Stream<Arguments> badCredentials() {
        return Stream.of(
                Arguments.of("no Authorization header", null),
                Arguments.of("wrong auth token", basic(ACCOUNT_SID + ":wrong-token")),
                Arguments.of("wrong account SID", basic(OTHER_ACCOUNT + ":" + AUTH_TOKEN)),
                Arguments.of("token with a different case", basic(ACCOUNT_SID + ":" + AUTH_TOKEN.toUpperCase())),
                Arguments.of("right token as the user name", basic(AUTH_TOKEN + ":" + ACCOUNT_SID)),
                Arguments.of("account SID only", basic(ACCOUNT_SID)),
                Arguments.of("account SID and colon only", basic(ACCOUNT_SID + ":")),
                Arguments.of("token with a suffix", basic(ACCOUNT_SID + ":" + AUTH_TOKEN + "x")),
                Arguments.of("empty credentials", basic(":")),
                Arguments.of("Basic and nothing else", "Basic"),
                Arguments.of("Basic with a blank", "Basic "),
                Arguments.of("not Base64", "Basic !!!not-base64!!!"),
                Arguments.of("credentials not encoded", "Basic " + ACCOUNT_SID + ":" + AUTH_TOKEN),
                Arguments.of("Bearer scheme", "Bearer " + AUTH_TOKEN),
                Arguments.of("Digest scheme", "Digest username=\"" + ACCOUNT_SID + "\""),
                Arguments.of("API key SID with the other key's secret", basic(API_KEY_ONE + ":" + API_KEY_TWO_SECRET)),
                Arguments.of("API key SID with the auth token", basic(API_KEY_ONE + ":" + AUTH_TOKEN)),
                Arguments.of("account SID with an API key secret", basic(ACCOUNT_SID + ":" + API_KEY_ONE_SECRET)),
                Arguments.of("API key SID in lower case", basic(API_KEY_ONE.toLowerCase() + ":" + API_KEY_ONE_SECRET)),
                Arguments.of("API key secret with a suffix", basic(API_KEY_TWO + ":" + API_KEY_TWO_SECRET + " ")),
                Arguments.of("API key SID only", basic(API_KEY_ONE + ":")),
                Arguments.of("API key pair reversed", basic(API_KEY_ONE_SECRET + ":" + API_KEY_ONE)),
                Arguments.of("right value without a scheme",
                        Base64.getEncoder().encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCredentials")
    void aFetchWithBadCredentialsAnswers401With20003(String description, String authorization) {
        String name = "room-" + UUID.randomUUID();
        createGroupRoom(name);
        RequestSpecification request = given();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }

        Response response = request.get("/v1/Rooms/{room}/RecordingRules", name);

        assertUnauthorized(response);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCredentials")
    void aRulesPostWithBadCredentialsAnswers401AndChangesNothing(String description, String authorization) {
        String name = "room-" + UUID.randomUUID();
        createGroupRoom(name);
        RequestSpecification request = form().formParam("Rules", "[{\"type\":\"include\",\"all\":true}]");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }

        assertUnauthorized(request.post("/v1/Rooms/{room}/RecordingRules", name));

        assertThat(api().get("/v1/Rooms/{room}/RecordingRules", name).jsonPath().getList("rules")).isEmpty();
    }

    @Test
    void creatingARoomWithoutCredentialsCreatesNothing() {
        String name = "room-" + UUID.randomUUID();

        assertUnauthorized(form().formParam("UniqueName", name).post("/v1/Rooms"));

        assertTwilioError(api().get("/v1/Rooms/{room}", name), 404, 20404);
    }

    @Test
    void completingARoomWithWrongCredentialsLeavesItInProgress() {
        String sid = createGroupRoom("room-" + UUID.randomUUID());

        assertUnauthorized(form().auth().preemptive().basic(ACCOUNT_SID, "wrong-token")
                .formParam("Status", "completed").post("/v1/Rooms/{sid}", sid));

        assertThat(api().get("/v1/Rooms/{room}", sid).jsonPath().getString("status")).isEqualTo("in-progress");
    }

    @Test
    void credentialsAreCheckedBeforeAnythingElse() {
        // No answer tells a caller without credentials whether a room or a path exists.
        assertUnauthorized(given().get("/v1/Rooms/{room}", "RM" + "0".repeat(32)));
        assertUnauthorized(given().get("/v1/Nothing/Here"));
        assertUnauthorized(given().put("/v1/Rooms/{room}/RecordingRules", "any-room"));
        assertUnauthorized(given().contentType("application/json").body("{}").post("/v1/Rooms"));
    }

    /** Spellings of a REST path that a router might normalise to /v1/…: none may skip the credentials check. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"//v1/Rooms/%s", "/./v1/Rooms/%s", "/v1/./Rooms/%s",
            "/x/../v1/Rooms/%s", "/%%2Fv1/Rooms/%s", "/%%76%%31/Rooms/%s", "/v1//Rooms/%s", "/v1/Rooms/%s/",
            "/v1/Rooms/%s;x=y", "/v1/Rooms/%s/RecordingRules/", "/webhooks/room-events/../../v1/Rooms/%s",
            "/webhooks/room-events/%%2E%%2E/%%2E%%2E/v1/Rooms/%s", "/V1/Rooms/%s", "/v1%%2FRooms%%2F%s"})
    void noSpellingOfAPathReachesAResourceWithoutCredentials(String template) {
        String sid = createGroupRoom("room-" + UUID.randomUUID());

        Response response = given().urlEncodingEnabled(false).get(String.format(template, sid));

        assertThat(response.statusCode()).as("%s: %s", template, response.asString()).isIn(400, 401, 404, 405);
        assertThat(response.asString()).doesNotContain("\"sid\"");
    }

    @Test
    void theRightCredentialsAreAccepted() {
        String name = "room-" + UUID.randomUUID();
        Response created = given().auth().preemptive().basic(ACCOUNT_SID, AUTH_TOKEN)
                .contentType("application/x-www-form-urlencoded").formParam("UniqueName", name).post("/v1/Rooms");
        assertThat(created.statusCode()).isEqualTo(201);

        Response fetched = given().header("Authorization", basic(ACCOUNT_SID + ":" + AUTH_TOKEN))
                .get("/v1/Rooms/{room}/RecordingRules", name);
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.jsonPath().getString("room_sid")).isEqualTo(created.jsonPath().getString("sid"));

        Response posted = form().header("Authorization", basic(ACCOUNT_SID + ":" + AUTH_TOKEN))
                .formParam("Rules", "[{\"type\":\"include\",\"all\":true}]")
                .post("/v1/Rooms/{room}/RecordingRules", name);
        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(posted.jsonPath().getList("rules")).containsExactly(Map.of("type", "include", "all", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apiKeys")
    void everyConfiguredApiKeyIsAcceptedLikeTheAuthToken(String sid, String secret) {
        String name = "room-" + UUID.randomUUID();
        Response created = form().auth().preemptive().basic(sid, secret).formParam("UniqueName", name).post("/v1/Rooms");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);

        Response posted = form().header("Authorization", basic(sid + ":" + secret))
                .formParam("Rules", "[{\"type\":\"include\",\"kind\":\"audio\"}]")
                .post("/v1/Rooms/{room}/RecordingRules", name);
        assertThat(posted.statusCode()).isEqualTo(200);

        Response fetched = given().header("Authorization", basic(sid + ":" + secret))
                .get("/v1/Rooms/{room}/RecordingRules", created.jsonPath().getString("sid"));
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.jsonPath().getList("rules")).containsExactly(Map.of("type", "include", "kind", "audio"));
        // The resources still name the account, whichever key was used.
        assertThat(created.jsonPath().getString("account_sid")).isEqualTo(ACCOUNT_SID);
    }

    static Stream<Arguments> apiKeys() {
        return Stream.of(Arguments.of(API_KEY_ONE, API_KEY_ONE_SECRET), Arguments.of(API_KEY_TWO, API_KEY_TWO_SECRET));
    }

    @Test
    void theSchemeNameIsCaseInsensitive() {
        String name = "room-" + UUID.randomUUID();
        createGroupRoom(name);
        String encoded = Base64.getEncoder().encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));

        assertThat(given().header("Authorization", "basic " + encoded).get("/v1/Rooms/{room}", name).statusCode())
                .isEqualTo(200);
        assertThat(given().header("Authorization", "BASIC " + encoded).get("/v1/Rooms/{room}", name).statusCode())
                .isEqualTo(200);
    }

    private static void assertUnauthorized(Response response) {
        assertTwilioError(response, 401, 20003);
        assertThat(response.header("WWW-Authenticate")).as("WWW-Authenticate").startsWith("Basic ");
        assertThat(response.asString()).doesNotContain(AUTH_TOKEN);
    }
}
