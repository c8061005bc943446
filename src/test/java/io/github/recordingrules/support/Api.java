package io.github.recordingrules.support;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.awaitility.Awaitility;
import io.restassured.specification.RequestSpecification;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.restassured.RestAssured.given;

/** REST calls as an application makes them: form-encoded, with the account's Basic credentials. */
public final class Api {

    public static final String ACCOUNT_SID = "ACtest0000000000000000000000000000";
    public static final String AUTH_TOKEN = "test-auth-token";
    /** The two API keys the test profile configures (recording-rules.api-keys). */
    public static final String API_KEY_ONE = "SKa0000000000000000000000000000001";
    public static final String API_KEY_ONE_SECRET = "key-one-secret";
    public static final String API_KEY_TWO = "SKb0000000000000000000000000000002";
    public static final String API_KEY_TWO_SECRET = "key-two-secret";

    private Api() {
    }

    public static RequestSpecification api() {
        return given().auth().preemptive().basic(ACCOUNT_SID, AUTH_TOKEN)
                .config(RestAssured.config().encoderConfig(RestAssured.config().getEncoderConfig()
                        .defaultContentCharset(StandardCharsets.UTF_8)
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType("application/x-www-form-urlencoded");
    }

    /**
     * Creates a group room and returns its SID, retrying while the answer is 503 (in Twilio's body): the first
     * request of a fresh JVM opens the first Redis connection, which on a loaded machine can outlast the 1 s
     * command timeout.
     */
    public static String createGroupRoomOnceRedisAnswers() {
        Response[] created = new Response[1];
        Awaitility.await("a first room").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            created[0] = api().formParam("Type", "group").post("/v1/Rooms");
            if (created[0].statusCode() != 201) {
                TwilioErrors.assertTwilioError(created[0], 503, 20503);
            }
            return created[0].statusCode() == 201;
        });
        return created[0].path("sid");
    }

    /** Creates a group room and returns its SID. */
    public static String createGroupRoom(String uniqueName) {
        RequestSpecification request = api().formParam("Type", "group");
        if (uniqueName != null) {
            request.formParam("UniqueName", uniqueName);
        }
        return request.post("/v1/Rooms").then().statusCode(201).extract().path("sid");
    }
}
