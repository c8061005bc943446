package io.github.recordingrules.adapter.redis;

import io.github.recordingrules.devredis.LocalRedis;
import io.github.recordingrules.support.OwnRedisProfile;
import io.github.recordingrules.support.OwnRedisResource;
import io.github.recordingrules.support.Webhooks;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.RedisTestResource.KEYS;
import static io.github.recordingrules.support.Webhooks.event;
import static io.github.recordingrules.support.Webhooks.nextTimestamp;
import static io.github.recordingrules.support.Webhooks.sid;
import static io.github.recordingrules.support.Webhooks.track;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Nothing grows without bound: many rooms with recordings and unique names, created through the API or
 * first heard of in callbacks, ended both ways, leave Redis with as many keys as before once the
 * retention (2 s here) has passed. Counts keys with DBSIZE, so it runs on a Redis of its own.
 */
@QuarkusTest
@TestProfile(RetentionTest.ShortRetention.class)
class RetentionTest {

    private static final int ROOMS = 200;
    private static final String ALICE = sid("PA", "alice");

    public static class ShortRetention extends OwnRedisProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("recording-rules.retention", "2s");
        }
    }

    @Test
    void endedRoomsTheirRecordingsAndTheirNamesExpireAfterTheRetention() throws Exception {
        LocalRedis redis = OwnRedisResource.redis();
        long before = dbSize(redis);

        List<String> rooms = new ArrayList<>();
        for (int i = 0; i < ROOMS; i++) {
            String room;
            if (i % 4 == 3) {
                // First heard of in a callback, which names it.
                room = sid("RM", UUID.randomUUID().toString());
                Map<String, String> created = event(room, "room-created", nextTimestamp());
                created.put("RoomName", "retention-cb-" + UUID.randomUUID());
                Webhooks.post(created).statusCode(200);
                api().formParam("Rules", "[{\"type\":\"include\",\"all\":true}]")
                        .post("/v1/Rooms/{room}/RecordingRules", room).then().statusCode(200);
            } else {
                var request = api().formParam("RecordParticipantsOnConnect", "true");
                if (i % 2 == 0) {
                    request.formParam("UniqueName", "retention-" + UUID.randomUUID());
                }
                room = request.post("/v1/Rooms").then().statusCode(201).extract().path("sid");
            }
            Webhooks.post(track(room, "track-added", ALICE, "Alice", sid("MT", "mic-" + i), "audio", "mic", nextTimestamp()))
                    .statusCode(200);
            rooms.add(room);
        }
        long peak = dbSize(redis);
        assertThat(redis.command("KEYS " + KEYS.anyName())).as("names held while the rooms are open").contains(KEYS.name(""));

        for (int i = 0; i < rooms.size(); i++) {
            String room = rooms.get(i);
            if (i % 2 == 0) {
                api().formParam("Status", "completed").post("/v1/Rooms/{room}", room).then().statusCode(202);
            } else {
                Webhooks.post(event(room, "room-ended", nextTimestamp())).statusCode(200)
                        .body("room_status", equalTo("completed")).body("stopped", hasSize(1));
            }
            if (i == rooms.size() - 1) {
                // Still readable within the retention.
                api().get("/v1/Rooms/{room}/Recordings", room).then().statusCode(200).body("recordings", hasSize(1));
            }
        }
        // Rooms first heard of in their room-ended callback (no earlier callback reached the function).
        for (int i = 0; i < 10; i++) {
            Webhooks.post(event(sid("RM", UUID.randomUUID().toString()), "room-ended", nextTimestamp()))
                    .statusCode(200).body("room_status", equalTo("completed"));
        }
        long ended = dbSize(redis);

        await("every key expired").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> dbSize(redis) == before);
        long after = dbSize(redis);

        System.out.printf("Retention: %d rooms; keys before %d, peak %d (open), %d just after ending, after %d%n",
                ROOMS + 10, before, peak, ended, after);
        assertThat(peak).isGreaterThanOrEqualTo(before + ROOMS);
        assertThat(after).isEqualTo(before);
        assertThat(redis.command("KEYS " + KEYS.anyName())).as("no unique name is left").isEqualTo("*0\r\n");
        api().get("/v1/Rooms/{room}", rooms.get(0)).then().statusCode(404);
    }

    private static long dbSize(LocalRedis redis) throws IOException {
        return Long.parseLong(redis.command("DBSIZE").trim().substring(1));
    }
}
