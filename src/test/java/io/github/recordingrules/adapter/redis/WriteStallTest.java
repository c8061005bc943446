package io.github.recordingrules.adapter.redis;

import io.github.recordingrules.support.RedisTestResource;
import io.github.recordingrules.support.RedisWire;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.Api.createGroupRoom;
import static io.github.recordingrules.support.TwilioErrors.assertTwilioError;
import static io.github.recordingrules.support.Webhooks.nextTimestamp;
import static io.github.recordingrules.support.Webhooks.post;
import static io.github.recordingrules.support.Webhooks.sid;
import static io.github.recordingrules.support.Webhooks.track;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * A 503 means nothing was written (docs/SPEC.md §9.3), even when Redis stalls writes, as a failover does:
 * under {@code CLIENT PAUSE 3000 WRITE} a rules POST and a callback time out (503), and when the pause ends
 * Redis runs their queued scripts, which find their write deadline passed and apply nothing.
 */
@QuarkusTest
class WriteStallTest {

    private static final String ALL = "[{\"type\":\"include\",\"all\":true}]";
    private static final String AUDIO_ONLY = "[{\"type\":\"include\",\"kind\":\"audio\"}]";

    @Test
    void aRulesPostAndACallbackAnswered503DuringAWriteStallAreNeverAppliedAfterwards() {
        String room = createGroupRoom("stall-" + UUID.randomUUID());
        api().formParam("Rules", ALL).post("/v1/Rooms/{room}/RecordingRules", room).then().statusCode(200);
        String version = version(room);

        Response rules = duringAWriteStall(() -> api().formParam("Rules", AUDIO_ONLY)
                .post("/v1/Rooms/{room}/RecordingRules", room));
        Map<String, String> added = track(room, "track-added", sid("PA", "stalled"), "stalled",
                sid("MT", "stalled-" + UUID.randomUUID()), "video", "cam", nextTimestamp());
        Response callback = duringAWriteStall(() -> post(added).extract().response());

        assertTwilioError(rules, 503, 20503);
        assertTwilioError(callback, 503, 20503);
        assertThat(version(room)).as("the room's version after both stalls").isEqualTo(version);
        api().get("/v1/Rooms/{room}/RecordingRules", room).then().body("rules.all", equalTo(java.util.List.of(true)));
        api().get("/v1/Rooms/{room}/Recordings", room).then().body("recordings", empty());

        post(added).statusCode(200).body("applied", equalTo(true)).body("started", hasSize(1));
    }

    /** Runs the request while Redis holds every write for 3 s, and waits until the held scripts have run. */
    private static Response duringAWriteStall(java.util.function.Supplier<Response> request) {
        try (RedisWire redis = RedisWire.connect(RedisTestResource.redis().port())) {
            assertThat(redis.call("CLIENT", "PAUSE", "3000", "WRITE")).isEqualTo("OK");
            Response answer = request.get();
            // A write of our own passes only once the pause is over, after the scripts queued before it.
            await().atMost(Duration.ofSeconds(20)).until(() -> "OK".equals(redis.call("SET", "stall-test-probe", "1")));
            return answer;
        }
    }

    private static String version(String room) {
        try (RedisWire redis = RedisWire.connect(RedisTestResource.redis().port())) {
            return redis.text("HGET", RedisTestResource.KEYS.room(room), RedisKeys.VERSION);
        }
    }
}
