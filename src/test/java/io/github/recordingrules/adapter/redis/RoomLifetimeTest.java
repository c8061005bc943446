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
import static io.github.recordingrules.support.Webhooks.event;
import static io.github.recordingrules.support.Webhooks.nextTimestamp;
import static io.github.recordingrules.support.Webhooks.sid;
import static io.github.recordingrules.support.Webhooks.track;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rooms that never end (no room-ended callback ever arrives) expire after recording-rules.max-room-lifetime
 * (48 h in production, 3 s here), their unique names with them, even when they keep changing meanwhile.
 */
@QuarkusTest
@TestProfile(RoomLifetimeTest.ShortLifetime.class)
class RoomLifetimeTest {

    private static final int ROOMS = 20;

    public static class ShortLifetime extends OwnRedisProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("recording-rules.max-room-lifetime", "3s");
        }
    }

    @Test
    void roomsThatNeverEndExpireWithTheirNames() throws Exception {
        LocalRedis redis = OwnRedisResource.redis();
        long before = dbSize(redis);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < ROOMS; i++) {
            String name = "forever-" + UUID.randomUUID();
            String room;
            if (i % 2 == 0) {
                room = api().formParam("UniqueName", name).formParam("RecordParticipantsOnConnect", "true")
                        .post("/v1/Rooms").then().statusCode(201).extract().path("sid");
            } else {
                room = sid("RM", UUID.randomUUID().toString());
                Map<String, String> created = event(room, "room-created", nextTimestamp());
                created.put("RoomName", name);
                Webhooks.post(created).statusCode(200);
            }
            Webhooks.post(track(room, "track-added", sid("PA", "p"), "P", sid("MT", "t" + i), "audio", "mic",
                    nextTimestamp())).statusCode(200);
            names.add(name);
        }
        long peak = dbSize(redis);

        await("rooms and names expired").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> dbSize(redis) == before);

        System.out.printf("Max room lifetime: %d rooms never ended; keys before %d, peak %d, after %d%n",
                ROOMS, before, peak, dbSize(redis));
        // The index's keys (docs/SPEC.md §8.7: eight at most) are shared by all rooms and expire with the last.
        assertThat(peak).as("at most a room and a name each, and the index; some may already be gone on a slow machine")
                .isGreaterThan(before).isLessThanOrEqualTo(before + 2L * ROOMS + 8);
        api().get("/v1/Rooms/{room}", names.get(0)).then().statusCode(404);
        api().formParam("UniqueName", names.get(1)).post("/v1/Rooms").then().statusCode(201);
    }

    private static long dbSize(LocalRedis redis) throws IOException {
        return Long.parseLong(redis.command("DBSIZE").trim().substring(1));
    }
}
