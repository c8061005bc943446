package io.github.recordingrules.support;

import io.github.recordingrules.adapter.redis.RedisKeys;
import io.github.recordingrules.devredis.LocalRedis;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

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
}
