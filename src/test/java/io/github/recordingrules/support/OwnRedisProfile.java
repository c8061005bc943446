package io.github.recordingrules.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;

/**
 * Runs the application against a redis-server of its own ({@link OwnRedisResource}) instead of the one
 * every other test shares. Global test resources are disabled for it, so the shared
 * {@link RedisTestResource}'s {@code quarkus.redis.hosts} cannot win over this one's.
 */
public class OwnRedisProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OwnRedisResource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
