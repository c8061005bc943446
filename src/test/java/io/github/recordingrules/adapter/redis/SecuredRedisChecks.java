package io.github.recordingrules.adapter.redis;

import io.github.recordingrules.devredis.LocalRedis;
import io.github.recordingrules.support.Webhooks;
import io.restassured.response.Response;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.TwilioErrors.assertTwilioError;
import static io.github.recordingrules.support.Webhooks.nextTimestamp;
import static io.github.recordingrules.support.Webhooks.sid;
import static io.github.recordingrules.support.Webhooks.track;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** What the TLS and AUTH tests check on each request kind: success, or 503 with Twilio's body. */
final class SecuredRedisChecks {

    private static final String INCLUDE_ALL = "[{\"type\":\"include\",\"all\":true}]";
    private static final String ALICE = sid("PA", "alice");

    private SecuredRedisChecks() {
    }

    /**
     * Creates a room by name, replaces its rules, records a track through a callback and reads it all back.
     * The first request may open the first TLS connection of the JVM, which on a loaded machine can outlast the
     * 1 s command timeout (503): it is retried until it succeeds.
     */
    static void everyKindOfRequestSucceeds() {
        awaitRecovery("a connection");
        String name = "secured-" + UUID.randomUUID();
        String room = api().formParam("UniqueName", name).post("/v1/Rooms").then().statusCode(201).extract().path("sid");
        api().get("/v1/Rooms/{room}", name).then().statusCode(200).body("sid", equalTo(room));
        api().formParam("Rules", INCLUDE_ALL).post("/v1/Rooms/{room}/RecordingRules", room).then().statusCode(200);
        Webhooks.post(track(room, "track-added", ALICE, "Alice", sid("MT", name), "audio", "mic", nextTimestamp()))
                .statusCode(200).body("started.size()", equalTo(1));
        api().get("/v1/Rooms/{room}/RecordingRules", room).then().statusCode(200).body("rules.size()", equalTo(1));
        api().get("/v1/Rooms/{room}/Recordings", room).then().statusCode(200).body("recordings.size()", equalTo(1));
    }

    /**
     * The server's clients that got past authentication and ran a command, but for the harness's own. A connection
     * whose authentication failed stays listed with {@code cmd=auth} until it is closed.
     */
    static List<String> connectionsThatRanCommands(LocalRedis redis) throws IOException {
        return redis.command("CLIENT LIST").lines()
                .filter(client -> client.contains("id=") && !client.contains(" cmd=auth ") && !client.contains(" cmd=hello ")
                        && !client.contains(" user=local-redis-admin "))
                .toList();
    }

    /** Every request kind answers 503, code 20503, with Retry-After. */
    static void expectUnavailable(String why) {
        for (Map.Entry<String, Supplier<Response>> request : requests().entrySet()) {
            Response response = request.getValue().get();
            assertTwilioError(response, 503, 20503);
            assertThat(response.header("Retry-After")).as("Retry-After of %s with %s", request.getKey(), why).isNotBlank();
        }
    }

    /** Polls until a request succeeds; every answer meanwhile is a 503 in Twilio's body. */
    static void awaitRecovery(String why) {
        await(why).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Response response = api().formParam("Type", "group").post("/v1/Rooms");
            if (response.statusCode() != 201) {
                assertTwilioError(response, 503, 20503);
            }
            return response.statusCode() == 201;
        });
    }

    private static Map<String, Supplier<Response>> requests() {
        String room = sid("RM", UUID.randomUUID().toString());
        Map<String, Supplier<Response>> requests = new LinkedHashMap<>();
        requests.put("create room", () -> api().formParam("UniqueName", "during-" + UUID.randomUUID()).post("/v1/Rooms"));
        requests.put("fetch room", () -> api().get("/v1/Rooms/{room}", room));
        requests.put("replace rules", () -> api().formParam("Rules", INCLUDE_ALL).post("/v1/Rooms/{room}/RecordingRules", room));
        requests.put("webhook", () -> Webhooks.post(track(room, "track-added", ALICE, "Alice",
                sid("MT", UUID.randomUUID().toString()), "video", "cam", nextTimestamp())).extract().response());
        return requests;
    }
}
