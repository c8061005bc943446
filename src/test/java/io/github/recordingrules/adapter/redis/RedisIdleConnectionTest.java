package io.github.recordingrules.adapter.redis;

import io.github.recordingrules.devredis.LocalRedis;
import io.github.recordingrules.support.OwnRedisProfile;
import io.github.recordingrules.support.OwnRedisResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.github.recordingrules.support.Api.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * quarkus.redis.pool-recycle-timeout (30 s in production, 3 s here, enforced by the pool cleaner every
 * 5 s, here 0.5 s): a connection left unused that long is not trusted again, as a Lambda instance thawed after minutes must not trust one a NAT may have
 * dropped; the next invocation opens a new one and succeeds.
 */
@QuarkusTest
@TestProfile(RedisIdleConnectionTest.ShortRecycle.class)
class RedisIdleConnectionTest {

    public static class ShortRecycle extends OwnRedisProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.pool-recycle-timeout", "3s", "quarkus.redis.pool-cleaner-interval", "500ms");
        }
    }

    @Test
    void aConnectionIdleLongerThanTheRecycleTimeoutIsReplaced() throws Exception {
        LocalRedis redis = OwnRedisResource.redis();
        api().formParam("Type", "group").post("/v1/Rooms").then().statusCode(201);
        Set<String> first = applicationConnections(redis);
        long sent = System.nanoTime();
        api().formParam("Type", "group").post("/v1/Rooms").then().statusCode(201);
        Set<String> second = applicationConnections(redis);
        // On a loaded machine the second request may come after the recycle timeout: then reuse is not expected.
        if (Duration.ofNanos(System.nanoTime() - sent).compareTo(Duration.ofSeconds(2)) < 0) {
            assertThat(second).as("reused while fresh").isEqualTo(first);
        }

        await().pollDelay(Duration.ofMillis(4500)).until(() -> true);
        api().formParam("Type", "group").post("/v1/Rooms").then().statusCode(201);
        Set<String> after = applicationConnections(redis);

        System.out.println("Idle connections: before " + first + ", after the recycle timeout " + after);
        assertThat(first).isNotEmpty();
        assertThat(after).as("the idle connection was replaced").isNotEmpty().doesNotContainAnyElementsOf(first);
    }

    private static Set<String> applicationConnections(LocalRedis redis) throws IOException {
        return redis.command("CLIENT LIST").lines().filter(l -> l.contains("id=") && !l.contains(" cmd=client"))
                .map(l -> l.substring(l.indexOf("id=")).split(" ")[0]).collect(Collectors.toSet());
    }
}
