package io.github.recordingrules.support;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

import java.nio.charset.StandardCharsets;

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

    /** Creates a group room and returns its SID. */
    public static String createGroupRoom(String uniqueName) {
        RequestSpecification request = api().formParam("Type", "group");
        if (uniqueName != null) {
            request.formParam("UniqueName", uniqueName);
        }
        return request.post("/v1/Rooms").then().statusCode(201).extract().path("sid");
    }
}
