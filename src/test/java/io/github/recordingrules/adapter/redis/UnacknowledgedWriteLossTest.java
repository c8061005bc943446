package io.github.recordingrules.adapter.redis;

import io.github.recordingrules.support.ReplicatedRedis;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.Api.createGroupRoomOnceRedisAnswers;
import static io.github.recordingrules.support.RedisTestResource.KEYS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The loss window docs/SPEC.md §9.5 and docs/DEPLOYING.md warn about, with the default
 * {@code recording-rules.redis.wait-for-replicas=0}: Redis replicates asynchronously, so a rules POST answered
 * 200 by the primary is gone when the primary dies before its replica received it and the replica is promoted.
 * The replica lags deterministically: what the primary sends it is held back, then dropped with the primary.
 */
@QuarkusTest
@TestProfile(ReplicatedRedis.Unacknowledged.class)
class UnacknowledgedWriteLossTest {

    @Test
    void anAcknowledgedRulesPostIsLostWhenTheReplicaHadNotReceivedIt() throws Exception {
        String room = createGroupRoomOnceRedisAnswers();
        String key = KEYS.room(room);
        await("the replica has the room").atMost(Duration.ofSeconds(30))
                .until(() -> ReplicatedRedis.replica().command("EXISTS " + key).startsWith(":1"));

        ReplicatedRedis.replicationLink().hold();
        api().formParam("Rules", DurableAcknowledgementTest.RULES).post("/v1/Rooms/{room}/RecordingRules", room)
                .then().statusCode(200);
        assertThat(ReplicatedRedis.primary().command("HGET " + key + " " + RedisKeys.RULES)).as("the primary has the rules").contains("bob");

        ReplicatedRedis.failOver();
        assertThat(DurableAcknowledgementTest.rulesAfterFailover(room))
                .as("the rules acknowledged with 200 before the failover are gone").isEmpty();
        System.out.println("Unacknowledged write: the rules POST answered 200 was lost in the failover");
    }
}
