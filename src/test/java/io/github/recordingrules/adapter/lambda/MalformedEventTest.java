package io.github.recordingrules.adapter.lambda;

import io.github.recordingrules.support.ApiGatewayEvents.Answer;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.Api.createGroupRoom;
import static io.github.recordingrules.support.TwilioErrors.assertTwilioError;
import static io.github.recordingrules.support.ApiGatewayEvents.basicAuth;
import static io.github.recordingrules.support.ApiGatewayEvents.defaultStage;
import static io.github.recordingrules.support.ApiGatewayEvents.event;
import static io.github.recordingrules.support.ApiGatewayEvents.post;
import static io.github.recordingrules.support.ApiGatewayEvents.withBase64Body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events a direct invocation (or a proxy) can send that are no valid HTTP request answer 400 with
 * Twilio's body, never an empty 400 or a 500 (issue 15 item 8), and change nothing.
 */
@QuarkusTest
class MalformedEventTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "GET  | /v1/Rooms/%ZZ                       | ''",
            "GET  | /v1/Rooms/abc%                      | ''",
            "GET  | /v1/Rooms/abc%4                     | ''",
            "GET  | /v1/Rooms                           | PageSize=%ZZ",
            "GET  | /v1/Rooms                           | Status=in-progress&UniqueName=%",
            "POST | /v1/Rooms/%ZZ/RecordingRules        | ''",
            "POST | /webhooks/room-events               | x=%zz",
            "POST | /webhooks/room-events%ZZ            | ''"})
    void badPercentEncodingInThePathOrQueryAnswers400WithTwilioBody(String method, String path, String query) {
        Answer answer = post(event(defaultStage(), method, path, query,
                Map.of("authorization", basicAuth(), "content-type", FORM)));

        answer.assertTwilioError(400, 20001);
    }

    @Test
    void aBodyMarkedBase64ThatIsNotAnswers400WithTwilioBodyAndCreatesNothing() {
        String name = "not-base64-" + System.nanoTime();
        Map<String, Object> event = event(defaultStage(), "POST", "/v1/Rooms", "",
                Map.of("authorization", basicAuth(), "content-type", FORM));
        event.put("body", "Type=group&UniqueName=" + name);
        event.put("isBase64Encoded", true);

        post(event).assertTwilioError(400, 20001);

        assertTwilioError(api().get("/v1/Rooms/{name}", name), 404, 20404);
    }

    @Test
    void aValidBase64BodyIsDecoded() {
        String name = "base64-" + System.nanoTime();
        Map<String, Object> event = withBase64Body(
                event(defaultStage(), "POST", "/v1/Rooms", "",
                        Map.of("authorization", basicAuth(), "content-type", FORM)),
                "Type=group&UniqueName=" + name);

        Answer answer = post(event);

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.body()).contains("\"unique_name\":\"" + name + "\"");
    }

    @Test
    void anEventWithoutAnHttpMethodAnswers400WithTwilioBody() {
        Map<String, Object> event = event(defaultStage(), "GET", "/v1/Rooms", "", Map.of("authorization", basicAuth()));
        @SuppressWarnings("unchecked")
        Map<String, Object> http = (Map<String, Object>) ((Map<String, Object>) event.get("requestContext")).get("http");
        http.remove("method");

        post(event).assertTwilioError(400, 20001);
    }

    @Test
    void aWellFormedEventStillAnswers() {
        String room = createGroupRoom(null);

        Answer answer = post(event(defaultStage(), "GET", "/v1/Rooms/" + room + "/Recordings", "PageSize=1",
                Map.of("authorization", basicAuth())));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"recordings\":[]");
    }
}
