package io.github.recordingrules.support;

import io.github.recordingrules.devredis.LocalRedis;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/**
 * Runs the application unchanged against a 3-master Redis Cluster: only {@code quarkus.redis.client-type}
 * and {@code quarkus.redis.hosts} differ. Global test resources are disabled, so the shared standalone
 * Redis's hosts cannot win over the cluster's.
 */
public class RedisClusterProfile implements QuarkusTestProfile {

    public static final int MASTERS = 3;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.redis.client-type", "cluster");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Resource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    /** The cluster of the profile running now. */
    public static LocalRedisCluster cluster() {
        return Resource.cluster;
    }

    /** Its nodes. */
    public static List<LocalRedis> nodes() {
        return Resource.cluster.nodes();
    }

    public static class Resource implements QuarkusTestResourceLifecycleManager {

        private static LocalRedisCluster cluster;

        @Override
        public synchronized Map<String, String> start() {
            cluster = LocalRedisCluster.start(MASTERS);
            return Map.of("quarkus.redis.hosts", cluster.hosts(), "quarkus.redis.client-type", "cluster");
        }

        @Override
        public synchronized void stop() {
            if (cluster != null) {
                cluster.close();
                cluster = null;
            }
        }
    }
}
