package io.github.recordingrules.adapter.rest;

import io.github.recordingrules.adapter.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.Api.createGroupRoom;
import static io.github.recordingrules.support.RedisTestResource.KEYS;
import static io.github.recordingrules.support.TwilioErrors.assertTwilioError;
import static org.assertj.core.api.Assertions.assertThat;

/** The REST API keeps its state in Redis only, in keys laid out for Redis Cluster (docs/SPEC.md §8.1). */
@QuarkusTest
class RedisStateTest {

    @Inject
    RedisDataSource redis;

    private static String roomKey(String sid) {
        return KEYS.room(sid);
    }

    private String version(String sid) {
        return redis.hash(String.class).hget(roomKey(sid), RedisKeys.VERSION);
    }

    /** What Redis Cluster hashes: the text between the first '{' and the next '}', if not empty. */
    private static String hashTag(String key) {
        int open = key.indexOf('{');
        int close = open < 0 ? -1 : key.indexOf('}', open + 1);
        return close > open + 1 ? key.substring(open + 1, close) : key;
    }

    @Test
    void aRoomIsOneHashWhoseKeyCarriesTheRoomSidAsClusterHashTag() {
        String name = "room-" + UUID.randomUUID();
        String sid = createGroupRoom(name);

        List<String> keys = redis.key(String.class).keys("*" + sid + "*");

        assertThat(keys).containsExactly(roomKey(sid));
        assertThat(keys).allSatisfy(key -> assertThat(hashTag(key)).isEqualTo(sid));
        assertThat(redis.hash(String.class).hkeys(roomKey(sid))).containsExactlyInAnyOrder(RedisKeys.VERSION,
                RedisKeys.INCARNATION, RedisKeys.SCHEMA, RedisKeys.HEADER, RedisKeys.RULES);
        assertThat(version(sid)).isEqualTo("1");
        assertThat(redis.hash(String.class).hget(roomKey(sid), RedisKeys.HEADER)).contains(sid).contains(name);
        assertThat(redis.value(String.class).get(KEYS.name(name))).isEqualTo(sid);
    }

    @Test
    void everyAcceptedRulesPostIncrementsTheVersionAndARejectedOneDoesNot() {
        String name = "room-" + UUID.randomUUID();
        String sid = createGroupRoom(name);
        assertThat(version(sid)).isEqualTo("1");

        api().formParam("Rules", "[{\"type\":\"include\",\"all\":true}]")
                .post("/v1/Rooms/{room}/RecordingRules", name).then().statusCode(200);
        assertThat(version(sid)).isEqualTo("2");

        api().formParam("Rules", "[{\"type\":\"include\",\"kind\":\"audio\"}]")
                .post("/v1/Rooms/{room}/RecordingRules", sid).then().statusCode(200);
        assertThat(version(sid)).isEqualTo("3");
        String rules = redis.hash(String.class).hget(roomKey(sid), RedisKeys.RULES);
        assertThat(rules).contains("audio");

        assertTwilioError(api().formParam("Rules", "[{\"type\":\"include\",\"kind\":\"wideo\"}]")
                .post("/v1/Rooms/{room}/RecordingRules", name), 400, 53120);
        assertThat(version(sid)).isEqualTo("3");
        assertThat(redis.hash(String.class).hget(roomKey(sid), RedisKeys.RULES)).isEqualTo(rules);
    }

    @Test
    void readsDoNotWrite() {
        String name = "room-" + UUID.randomUUID();
        String sid = createGroupRoom(name);
        String state = redis.hash(String.class).hget(roomKey(sid), RedisKeys.HEADER);

        api().get("/v1/Rooms/{room}", name).then().statusCode(200);
        api().get("/v1/Rooms/{room}/RecordingRules", sid).then().statusCode(200);

        assertThat(version(sid)).isEqualTo("1");
        assertThat(redis.hash(String.class).hget(roomKey(sid), RedisKeys.HEADER)).isEqualTo(state);
    }

    @Test
    void roomsExpireAndAnEndedRoomExpiresSooner() {
        String name = "room-" + UUID.randomUUID();
        String sid = createGroupRoom(name);

        long inProgressTtl = redis.key(String.class).pttl(roomKey(sid));
        assertThat(inProgressTtl).isPositive().isLessThanOrEqualTo(Duration.ofHours(48).toMillis());
        assertThat(redis.key(String.class).pttl(KEYS.name(name))).isPositive();

        api().formParam("Status", "completed").post("/v1/Rooms/{sid}", sid).then().statusCode(202);

        long endedTtl = redis.key(String.class).pttl(roomKey(sid));
        assertThat(endedTtl).isPositive().isLessThanOrEqualTo(Duration.ofHours(24).toMillis());
        assertThat(redis.key(String.class).exists(KEYS.name(name))).as("the name is released").isFalse();
    }

    @Test
    void theApiKeepsNoRoomOutsideRedis() {
        String name = "room-" + UUID.randomUUID();
        String sid = createGroupRoom(name);
        api().get("/v1/Rooms/{room}", sid).then().statusCode(200);

        redis.key(String.class).del(roomKey(sid));

        assertTwilioError(api().get("/v1/Rooms/{room}", sid), 404, 20404);
        assertTwilioError(api().get("/v1/Rooms/{room}/RecordingRules", name), 404, 20404);
        String second = api().formParam("UniqueName", name).post("/v1/Rooms")
                .then().statusCode(201).extract().path("sid");
        assertThat(redis.value(String.class).get(KEYS.name(name))).isEqualTo(second);
    }
}
