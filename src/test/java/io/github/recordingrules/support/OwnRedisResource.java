package io.github.recordingrules.support;

import io.github.recordingrules.devredis.LocalRedis;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * A redis-server of its own for a test profile that must not share the global one: tests that kill it
 * or count its keys. Use it through {@link OwnRedisProfile}, which also keeps the global
 * {@link RedisTestResource} from starting and from setting {@code quarkus.redis.hosts}.
 */
public class OwnRedisResource implements QuarkusTestResourceLifecycleManager {

    private static LocalRedis redis;

    @Override
    public synchronized Map<String, String> start() {
        redis = LocalRedis.start();
        return Map.of("quarkus.redis.hosts", redis.uri());
    }

    @Override
    public synchronized void stop() {
        if (redis != null) {
            redis.close();
            redis = null;
        }
    }

    /** The server of the profile running now. */
    public static LocalRedis redis() {
        return redis;
    }
}
