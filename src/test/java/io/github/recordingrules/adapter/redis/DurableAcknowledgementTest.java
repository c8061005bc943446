package io.github.recordingrules.adapter.redis;

import io.github.recordingrules.support.ReplicatedRedis;
import io.github.recordingrules.support.Webhooks;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.Api.createGroupRoomOnceRedisAnswers;
import static io.github.recordingrules.support.TwilioErrors.assertTwilioError;
import static io.github.recordingrules.support.Webhooks.nextTimestamp;
import static io.github.recordingrules.support.Webhooks.sid;
import static io.github.recordingrules.support.Webhooks.track;
import static org.hamcrest.Matchers.equalTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code recording-rules.redis.wait-for-replicas=1} a write is answered 2xx only once the replica has it
 * (docs/SPEC.md §9.5). While the replica lags (what the primary sends it is held back) a rules POST answers 503
 * with Twilio's body; the sender's retry, once the replica keeps up, is confirmed and acknowledged. Then the
 * primary dies at once (SIGKILL), the replica is promoted and the endpoint follows it: the acknowledged rules,
 * and the recording an acknowledged callback started, are there. {@link UnacknowledgedWriteLossTest} shows the same failover losing them without the option.
 */
@QuarkusTest
@TestProfile(ReplicatedRedis.Acknowledged.class)
class DurableAcknowledgementTest {

    static final String RULES = "[{\"type\":\"include\",\"kind\":\"audio\"},{\"type\":\"exclude\",\"publisher\":\"bob\"}]";

    @Test
    void anAcknowledgedRulesPostSurvivesTheLossOfThePrimary() throws Exception {
        String room = createGroupRoomOnceRedisAnswers();

        ReplicatedRedis.replicationLink().hold();
        try {
            Response unconfirmed = api().formParam("Rules", RULES).post("/v1/Rooms/{room}/RecordingRules", room);
            assertTwilioError(unconfirmed, 503, 20503);
            assertThat(unconfirmed.header("Retry-After")).isNotBlank();
        } finally {
            ReplicatedRedis.replicationLink().release();
        }
        api().formParam("Rules", RULES).post("/v1/Rooms/{room}/RecordingRules", room).then().statusCode(200);

        // A callback likewise; its retry finds the change already on the primary, yet is not acknowledged
        // before the replica has it either.
        Map<String, String> callback = track(room, "track-added", sid("PA", "alice"), "alice", sid("MT", "mic"), "audio",
                "mic", nextTimestamp());
        ReplicatedRedis.replicationLink().hold();
        try {
            assertTwilioError(Webhooks.post(callback).extract().response(), 503, 20503);
            assertTwilioError(Webhooks.post(callback).extract().response(), 503, 20503);
        } finally {
            ReplicatedRedis.replicationLink().release();
        }
        Webhooks.post(callback).statusCode(200).body("recording_tracks.size()", equalTo(1));

        ReplicatedRedis.failOver();
        assertThat(rulesAfterFailover(room)).as("the rules acknowledged before the failover").isEqualTo(List.of(
                Map.of("type", "include", "kind", "audio"), Map.of("type", "exclude", "publisher", "bob")));
        api().get("/v1/Rooms/{room}/Recordings", room).then().statusCode(200).body("recordings.size()", equalTo(1));
    }

    /** The room's rules once the function answers again through the moved endpoint (a 503 or two meanwhile). */
    static List<Map<String, Object>> rulesAfterFailover(String room) {
        Response[] answer = new Response[1];
        await("the function answers through the promoted replica").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    answer[0] = api().get("/v1/Rooms/{room}/RecordingRules", room);
                    if (answer[0].statusCode() != 200) {
                        assertTwilioError(answer[0], 503, 20503);
                    }
                    return answer[0].statusCode() == 200;
                });
        return answer[0].jsonPath().getList("rules");
    }
}
