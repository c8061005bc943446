package io.github.recordingrules.support;

import io.restassured.response.Response;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks that an answer is one of Twilio's errors: the right status and exactly Twilio's body. */
public final class TwilioErrors {

    /** Twilio's four fields; {@code details} is the one extra this function may add. */
    private static final Set<String> TWILIO_FIELDS = Set.of("code", "message", "more_info", "status");

    private TwilioErrors() {
    }

    /** Asserts the HTTP status, Twilio's body for {@code code}, and returns the body for further checks. */
    public static Map<String, Object> assertTwilioError(Response response, int status, int code) {
        assertThat(response.statusCode()).as("HTTP status; body: %s", response.asString()).isEqualTo(status);
        Map<String, Object> body = assertTwilioErrorBody(response);
        assertThat(body.get("code")).as("code").isEqualTo(code);
        assertThat(body.get("more_info")).as("more_info").isEqualTo("https://www.twilio.com/docs/errors/" + code);
        return body;
    }

    /** Asserts exactly Twilio's error body (any code), whose status field repeats the HTTP status. */
    public static Map<String, Object> assertTwilioErrorBody(Response response) {
        assertThat(response.contentType()).as("content type").startsWith("application/json");
        Map<String, Object> body = response.jsonPath().getMap("$");
        assertThat(body).as("error body").isNotNull();
        assertThat(body.keySet()).as("error body fields").containsAll(TWILIO_FIELDS);
        assertThat(body.keySet()).as("error body fields").isSubsetOf(
                Set.of("code", "message", "more_info", "status", "details"));
        assertThat(body.get("code")).as("code").isInstanceOf(Integer.class);
        assertThat(body.get("status")).as("status field").isEqualTo(response.statusCode());
        assertThat(body.get("message")).as("message").isInstanceOf(String.class);
        assertThat((String) body.get("message")).as("message").isNotBlank();
        assertThat(body.get("more_info")).as("more_info")
                .isEqualTo("https://www.twilio.com/docs/errors/" + body.get("code"));
        return body;
    }
}
