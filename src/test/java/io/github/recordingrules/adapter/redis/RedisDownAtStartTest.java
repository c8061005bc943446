package io.github.recordingrules.adapter.redis;

import io.github.recordingrules.support.OwnRedisProfile;
import io.github.recordingrules.support.OwnRedisResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.TwilioErrors.assertTwilioError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Lambda cold start while Redis is down: the function starts all the same (nothing touches Redis at
 * start), answers 503 until Redis is up, then serves without a restart.
 */
@QuarkusTest
@TestProfile(RedisDownAtStartTest.DownAtStart.class)
class RedisDownAtStartTest {

    public static class DownAtStart extends OwnRedisProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OwnRedisResource.class, Map.of(OwnRedisResource.DOWN_AT_START, "true")));
        }
    }

    @Test
    void startsWithRedisDownAnswers503ThenServesOnceRedisIsUp() throws Exception {
        Map<Integer, Integer> answers = new TreeMap<>();
        for (int i = 0; i < 5; i++) {
            Response response = api().formParam("Type", "group").post("/v1/Rooms");
            answers.merge(response.statusCode(), 1, Integer::sum);
            assertTwilioError(response, 503, 20503);
            assertThat(response.header("Retry-After")).isNotBlank();
        }

        OwnRedisResource.redis().restart();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Response response = api().formParam("Type", "group").post("/v1/Rooms");
            answers.merge(response.statusCode(), 1, Integer::sum);
            if (response.statusCode() != 201) {
                assertTwilioError(response, 503, 20503);
            }
            return response.statusCode() == 201;
        });
        System.out.println("Redis down at start: answers " + answers);
        assertThat(answers).containsOnlyKeys(201, 503);
    }
}
