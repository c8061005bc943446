package io.github.recordingrules.adapter.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static io.github.recordingrules.support.Api.ACCOUNT_SID;
import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.Api.createGroupRoom;
import static io.github.recordingrules.support.TwilioErrors.assertTwilioError;
import static io.github.recordingrules.support.TwilioErrors.assertTwilioErrorBody;
import static io.github.recordingrules.support.Webhooks.PATH;
import static io.github.recordingrules.support.Webhooks.event;
import static io.github.recordingrules.support.Webhooks.nextTimestamp;
import static io.github.recordingrules.support.Webhooks.sid;
import static io.github.recordingrules.support.Webhooks.sign;
import static io.github.recordingrules.support.Webhooks.url;
import static io.github.recordingrules.support.Api.AUTH_TOKEN;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** A request body over recording-rules.max-body-size (128 KiB by default) answers 413 in Twilio's body and changes nothing. */
@QuarkusTest
class BodySizeLimitTest {

    private static final String INCLUDE_ALL = "[{\"type\":\"include\",\"all\":true}]";
    private static final int LIMIT = 128 * 1024;

    /** A form body of exactly {@code size} bytes: the rules, then a padding parameter. */
    private static String formOfSize(int size) {
        String start = "Rules=" + INCLUDE_ALL.replace("\"", "%22").replace("{", "%7B").replace("}", "%7D")
                .replace("[", "%5B").replace("]", "%5D").replace(":", "%3A").replace(",", "%2C") + "&Padding=";
        return start + "x".repeat(size - start.length());
    }

    @Test
    void aBodyOverTheLimitAnswers413AndTheRulesStay() {
        String name = "room-" + UUID.randomUUID();
        createGroupRoom(name);

        Response response = api().body(formOfSize(LIMIT + 1)).post("/v1/Rooms/{room}/RecordingRules", name);

        assertThat(response.statusCode()).isEqualTo(413);
        assertTwilioErrorBody(response);
        assertThat(response.jsonPath().getString("message")).contains("too large");
        assertThat(api().get("/v1/Rooms/{room}/RecordingRules", name).jsonPath().getList("rules")).isEmpty();
    }

    @Test
    void aBodyOfExactlyTheLimitIsRead() {
        String name = "room-" + UUID.randomUUID();
        createGroupRoom(name);

        Response response = api().body(formOfSize(LIMIT)).post("/v1/Rooms/{room}/RecordingRules", name);

        // The padding parameter is ignored; the rules apply.
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.jsonPath().getList("rules")).containsExactly(Map.of("type", "include", "all", true));
    }

    @Test
    void aBodyOverTheLimitWithoutContentLengthIsRefusedInTwilioBodyAndChangesNothing() throws Exception {
        String name = "room-" + UUID.randomUUID();
        createGroupRoom(name);
        byte[] body = formOfSize(4 * LIMIT).getBytes(StandardCharsets.US_ASCII);
        // A body of unknown length goes out chunked, without Content-Length.
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                        + "/v1/Rooms/" + name + "/RecordingRules"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(new ObjectMapper().readValue(response.body(), Map.class))
                .containsEntry("status", 413).containsEntry("code", 20001).containsKeys("message", "more_info");
        assertThat(api().get("/v1/Rooms/{room}/RecordingRules", name).jsonPath().getList("rules")).isEmpty();
    }

    @Test
    void aBodyWithinTheLimitWithoutContentLengthIsReadWhole() throws Exception {
        String name = "room-" + UUID.randomUUID();
        createGroupRoom(name);
        byte[] body = formOfSize(LIMIT).getBytes(StandardCharsets.US_ASCII);

        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(chunked("/v1/Rooms/" + name + "/RecordingRules", body), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(api().get("/v1/Rooms/{room}/RecordingRules", name).jsonPath().getList("rules"))
                .containsExactly(Map.of("type", "include", "all", true));
    }

    @Test
    void aChunkedCallbackIsVerifiedAndApplied() throws Exception {
        String room = sid("RM", UUID.randomUUID().toString());
        Map<String, String> params = event(room, "room-created", nextTimestamp());
        String body = params.entrySet().stream().map(e -> e.getKey() + "="
                + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(java.util.stream.Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", sign(url(), params, AUTH_TOKEN))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                .build();

        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(api().get("/v1/Rooms/{room}", room).statusCode()).isEqualTo(200);
    }

    private static HttpRequest chunked(String path, byte[] body) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
    }

    @Test
    void roomCreationOverTheLimitCreatesNothing() {
        String name = "room-" + UUID.randomUUID();

        Response response = api().body("UniqueName=" + name + "&Padding=" + "x".repeat(LIMIT)).post("/v1/Rooms");

        assertThat(response.statusCode()).isEqualTo(413);
        assertTwilioErrorBody(response);
        assertTwilioError(api().get("/v1/Rooms/{room}", name), 404, 20404);
    }

    @Test
    void aCallbackOverTheLimitAnswers413AndTheRoomStaysUnknown() {
        String room = sid("RM", UUID.randomUUID().toString());
        Map<String, String> params = event(room, "room-created", nextTimestamp());
        params.put("Padding", "x".repeat(LIMIT));

        Response response = given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .header("X-Twilio-Signature", sign(url(), params, AUTH_TOKEN)).formParams(params).post(PATH);

        assertThat(response.statusCode()).isEqualTo(413);
        assertTwilioErrorBody(response);
        assertTwilioError(api().get("/v1/Rooms/{room}", room), 404, 20404);
    }
}
