package io.github.recordingrules.support;

import io.github.recordingrules.adapter.redis.RedisKeys;
import io.github.recordingrules.devredis.LocalRedis;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** One real redis-server for the whole test run (the machine's, or the one embedded-redis ships). */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {

    /** The key layout of the test profile, which keeps the default key prefix. */
    public static final RedisKeys KEYS = new RedisKeys("rr");

    private static LocalRedis redis;

    @Override
    public synchronized Map<String, String> start() {
        if (redis == null) {
            redis = LocalRedis.start();
        }
        return Map.of("quarkus.redis.hosts", redis.uri());
    }

    @Override
    public synchronized void stop() {
        if (redis != null) {
            redis.close();
            redis = null;
        }
    }

    /** The running server, for tests that look at keys directly. */
    public static LocalRedis redis() {
        return redis;
    }

    /**
     * Sends one inline command to the Redis the application under test runs on: the cluster of
     * {@link RedisClusterProfile} while it runs (to the node that holds the key), else the shared server.
     * Tests that {@code @QuarkusIntegrationTest}s inherit reach Redis this way: they cannot inject
     * the application's client.
     */
    public static String command(String inline) throws IOException {
        LocalRedisCluster cluster = RedisClusterProfile.cluster();
        List<LocalRedis> servers = cluster != null ? cluster.nodes() : List.of(redis);
        String reply = "";
        for (LocalRedis server : servers) {
            reply = server.command(inline);
            if (!reply.startsWith("-MOVED")) {
                return reply;
            }
        }
        return reply;
    }
}
