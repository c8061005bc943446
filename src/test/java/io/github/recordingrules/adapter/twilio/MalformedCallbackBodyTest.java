package io.github.recordingrules.adapter.twilio;

import io.github.recordingrules.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.TwilioErrors.assertTwilioError;
import static io.github.recordingrules.support.TwilioErrors.assertTwilioErrorBody;
import static io.github.recordingrules.support.Webhooks.PATH;
import static io.github.recordingrules.support.Webhooks.event;
import static io.github.recordingrules.support.Webhooks.nextTimestamp;
import static io.github.recordingrules.support.Webhooks.sid;
import static io.github.recordingrules.support.Webhooks.sign;
import static io.github.recordingrules.support.Webhooks.url;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A callback body that is not well-formed form encoding (found by EndpointFuzzTest: a bare {@code =}
 * answered 500 before the signature was checked) is the sender's mistake: 400 or 403, Twilio's body.
 */
@QuarkusTest
class MalformedCallbackBodyTest {

    private static String encoded(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"=", "==", "&=&", "=x", "a=1&=", "%zz=1", "RoomSid=%zz", "RoomSid=%", "RoomSid=%4"})
    void aMalformedBodyIsAClientErrorSignedOrNot(String tail) {
        String room = sid("RM", UUID.randomUUID().toString());
        Map<String, String> params = event(room, "room-created", nextTimestamp());
        String body = encoded(params) + "&" + tail;

        boolean accepted = false;
        for (String signature : new String[]{null, "bad", sign(url(), params, Api.AUTH_TOKEN)}) {
            var request = given().contentType("application/x-www-form-urlencoded; charset=UTF-8");
            if (signature != null) {
                request.header("X-Twilio-Signature", signature);
            }
            Response response = request.body(body).post(PATH);

            assertThat(response.statusCode()).as("%s with signature %s: %s", tail, signature, response.asString())
                    .isIn(200, 400, 403);
            if (response.statusCode() == 200) {
                accepted = true;
            } else {
                assertTwilioErrorBody(response);
            }
        }
        if (tail.contains("%")) {
            assertThat(accepted).as("a malformed escape is never applied").isFalse();
        }
        if (tail.equals("=") || tail.equals("&=&")) {
            assertThat(accepted).as("an empty pair signs as nothing: the right signature applies it").isTrue();
        }
        if (accepted) {
            assertThat(api().get("/v1/Rooms/{room}", room).statusCode()).isEqualTo(200);
        } else {
            assertTwilioError(api().get("/v1/Rooms/{room}", room), 404, 20404);
        }
    }

    @Test
    void formBodyDecoding() {
        assertThat(FormBody.parse("a=1&a=2&b=&c&=&&d=x%3Dy+z&e=%C3%A9=")).isEqualTo(Map.of(
                "a", java.util.List.of("1", "2"), "b", java.util.List.of(""), "c", java.util.List.of(""),
                "", java.util.List.of(""), "d", java.util.List.of("x=y z"), "e", java.util.List.of("é=")));
        assertThat(FormBody.parse("")).isEmpty();
    }
}
