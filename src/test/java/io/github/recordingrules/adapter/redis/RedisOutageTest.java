package io.github.recordingrules.adapter.redis;

import io.github.recordingrules.devredis.LocalRedis;
import io.github.recordingrules.support.OwnRedisProfile;
import io.github.recordingrules.support.OwnRedisResource;
import io.github.recordingrules.support.Webhooks;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.RedisTestResource.KEYS;
import static io.github.recordingrules.support.TwilioErrors.assertTwilioError;
import static io.github.recordingrules.support.Webhooks.nextTimestamp;
import static io.github.recordingrules.support.Webhooks.sid;
import static io.github.recordingrules.support.Webhooks.track;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis hangs, then dies and comes back empty, while the application keeps running: every request
 * meanwhile is answered 503 with Twilio's body and a Retry-After (never a 500), and the service
 * answers normally again by itself once Redis does, without a restart of the application. The
 * restarted Redis has lost its data and its script cache, so the scripts' NOSCRIPT fallback runs too.
 * <p>
 * It runs on a redis-server of its own: killing the shared one would break every other test.
 */
@QuarkusTest
@TestProfile(OwnRedisProfile.class)
class RedisOutageTest {

    private static final String INCLUDE_ALL = "[{\"type\":\"include\",\"all\":true}]";
    private static final String ALICE = sid("PA", "alice");

    /** HTTP status → how many answers, per phase; printed at the end. */
    private final Map<String, Map<Integer, Integer>> answers = new LinkedHashMap<>();

    @Test
    void requestsDuringAnOutageAre503AndTheServiceComesBackByItself() throws Exception {
        LocalRedis redis = OwnRedisResource.redis();
        String room = api().formParam("UniqueName", "before-" + UUID.randomUUID()).post("/v1/Rooms")
                .then().statusCode(201).extract().path("sid");
        assertThat(redis.command("EXISTS " + KEYS.room(room))).as("the room is in this test's own Redis")
                .startsWith(":1");
        List<String> seen = everyKindOfRequestSucceeds("before");
        Set<String> warm = applicationConnections(redis);
        everyKindOfRequestSucceeds("warm");
        assertThat(applicationConnections(redis)).as("invocations reuse the pooled connections").isEqualTo(warm);
        System.out.println("Redis outage: connections of the warm application " + warm);

        redis.pause();
        try {
            for (Map.Entry<String, Supplier<Response>> request : requestsNeedingRedis(seen.get(0), seen.get(1)).entrySet()) {
                expectUnavailable("Redis hung (SIGSTOP)", request.getKey(), request.getValue().get());
            }
        } finally {
            redis.resume();
        }
        awaitRecovery("Redis resumed");
        everyKindOfRequestSucceeds("after resume");

        // A failover that demotes the server rather than killing it: it stays up as a replica, refusing writes.
        // The connection that met READONLY must be closed, not pooled, so that the next one is opened afresh
        // (where a failover moves the DNS name, to the new primary).
        Set<String> connectionsBefore = applicationConnections(redis);
        redis.command("REPLICAOF 127.0.0.1 1");
        try {
            expectUnavailable("Redis demoted to replica", "replace rules",
                    api().formParam("Rules", INCLUDE_ALL).post("/v1/Rooms/{room}/RecordingRules", seen.get(0)));
        } finally {
            redis.command("REPLICAOF NO ONE");
        }
        Set<String> connectionsAfter = applicationConnections(redis);
        assertThat(connectionsBefore).as("connections closed after READONLY (after: %s)", connectionsAfter)
                .isNotEmpty().anyMatch(id -> !connectionsAfter.contains(id));
        awaitRecovery("Redis primary again");
        everyKindOfRequestSucceeds("after promotion");

        // Pooled connections closed by the other side while idle (Redis' timeout setting, a proxy, a NAT):
        // the next request opens a new one.
        redis.command("CLIENT KILL TYPE normal SKIPME yes");
        awaitRecovery("connections closed by Redis");
        everyKindOfRequestSucceeds("after connections closed");

        redis.kill();
        for (int round = 0; round < 3; round++) {
            for (Map.Entry<String, Supplier<Response>> request : requestsNeedingRedis(seen.get(0), seen.get(1)).entrySet()) {
                expectUnavailable("Redis down (SIGKILL)", request.getKey(), request.getValue().get());
            }
        }
        redis.restart();
        awaitRecovery("Redis restarted empty");
        api().get("/v1/Rooms/{room}", room).then().statusCode(404);
        everyKindOfRequestSucceeds("after restart");

        String commandStats = redis.command("INFO commandstats");
        List<String> scriptStats = commandStats.lines().filter(l -> l.startsWith("cmdstat_eval")).toList();
        System.out.println("Redis outage: answers by phase " + answers);
        System.out.println("Redis outage: script calls since the restart " + scriptStats);
        assertThat(scriptStats).as("NOSCRIPT: each script was sent whole once after the restart")
                .anyMatch(l -> l.startsWith("cmdstat_eval:calls="));
        assertThat(answers.get("Redis down (SIGKILL)")).containsOnlyKeys(503);
        assertThat(answers.get("Redis down (SIGKILL)").get(503)).isEqualTo(3 * 8);
        assertThat(answers.get("Redis hung (SIGSTOP)")).containsOnlyKeys(503);
        assertThat(answers.get("Redis demoted to replica")).containsOnlyKeys(503);
    }

    /** Each kind of request that reads or writes Redis, on an existing room; returns that room and its name. */
    private List<String> everyKindOfRequestSucceeds(String phase) {
        String name = "outage-" + UUID.randomUUID();
        String room = api().formParam("UniqueName", name).post("/v1/Rooms").then().statusCode(201).extract().path("sid");
        api().get("/v1/Rooms/{room}", name).then().statusCode(200);
        api().formParam("Rules", INCLUDE_ALL).post("/v1/Rooms/{room}/RecordingRules", room).then().statusCode(200);
        Webhooks.post(track(room, "track-added", ALICE, "Alice", sid("MT", phase), "audio", "mic", nextTimestamp()))
                .statusCode(200).body("started.size()", org.hamcrest.Matchers.equalTo(1));
        api().get("/v1/Rooms/{room}/RecordingRules", room).then().statusCode(200);
        api().get("/v1/Rooms/{room}/Recordings", room).then().statusCode(200)
                .body("recordings.size()", org.hamcrest.Matchers.equalTo(1));
        api().formParam("Status", "completed").post("/v1/Rooms/{room}", room).then().statusCode(202)
                .body("status", org.hamcrest.Matchers.equalTo("completed"));
        api().get("/v1/Rooms/{room}", name).then().statusCode(404);
        String open = api().formParam("UniqueName", name).post("/v1/Rooms").then().statusCode(201).extract().path("sid");
        return List.of(open, name);
    }

    /** The IDs of the application's connections: every client but the one asking. */
    private static Set<String> applicationConnections(LocalRedis redis) throws IOException {
        return redis.command("CLIENT LIST").lines().filter(l -> l.contains("id=") && !l.contains(" cmd=client"))
                .map(l -> l.substring(l.indexOf("id=")).split(" ")[0]).collect(Collectors.toSet());
    }

    private static Map<String, Supplier<Response>> requestsNeedingRedis(String room, String name) {
        Map<String, Supplier<Response>> requests = new LinkedHashMap<>();
        requests.put("create room", () -> api().formParam("UniqueName", "during-" + UUID.randomUUID()).post("/v1/Rooms"));
        requests.put("fetch room", () -> api().get("/v1/Rooms/{room}", room));
        requests.put("fetch room by name", () -> api().get("/v1/Rooms/{room}", name));
        requests.put("replace rules", () -> api().formParam("Rules", INCLUDE_ALL).post("/v1/Rooms/{room}/RecordingRules", room));
        requests.put("read rules", () -> api().get("/v1/Rooms/{room}/RecordingRules", room));
        requests.put("list recordings", () -> api().get("/v1/Rooms/{room}/Recordings", room));
        requests.put("complete room", () -> api().formParam("Status", "completed").post("/v1/Rooms/{room}", room));
        requests.put("webhook", () -> Webhooks.post(track(room, "track-added", ALICE, "Alice",
                sid("MT", UUID.randomUUID().toString()), "video", "cam", nextTimestamp())).extract().response());
        return requests;
    }

    private void expectUnavailable(String phase, String request, Response response) {
        count(phase, response.statusCode());
        assertTwilioError(response, 503, 20503);
        assertThat(response.header("Retry-After")).as("Retry-After of %s", request).isNotBlank();
    }

    /** Polls until a request succeeds; every answer meanwhile is a 503 or the success, never anything else. */
    private void awaitRecovery(String phase) {
        List<Integer> statuses = new ArrayList<>();
        await(phase).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Response response = api().formParam("Type", "group").post("/v1/Rooms");
            statuses.add(response.statusCode());
            count(phase, response.statusCode());
            if (response.statusCode() != 201) {
                assertTwilioError(response, 503, 20503);
            }
            return response.statusCode() == 201;
        });
        assertThat(statuses).last().isEqualTo(201);
    }

    private void count(String phase, int status) {
        answers.computeIfAbsent(phase, p -> new TreeMap<>()).merge(status, 1, Integer::sum);
    }
}
