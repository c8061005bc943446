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

    /** Argument: {@code "true"} kills the server again before the application starts, as if Redis were down. */
    public static final String DOWN_AT_START = "down-at-start";

    private static LocalRedis redis;

    private boolean downAtStart;

    @Override
    public void init(Map<String, String> initArgs) {
        downAtStart = Boolean.parseBoolean(initArgs.get(DOWN_AT_START));
    }

    @Override
    public synchronized Map<String, String> start() {
        redis = LocalRedis.start();
        if (downAtStart) {
            redis.close();
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

    /** The server of the profile running now. */
    public static LocalRedis redis() {
        return redis;
    }
}
