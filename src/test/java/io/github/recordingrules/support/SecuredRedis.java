package io.github.recordingrules.support;

import io.github.recordingrules.devredis.LocalRedis;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Redis as ElastiCache runs it with in-transit encryption and authentication: TLS only (no plain port), the
 * server's certificate signed by a CA of the tests' own ({@link TestCertificates}) that the function is
 * configured to trust, and either an AUTH password ({@code requirepass}) or an ACL user with a password. Each
 * profile runs the application unchanged against its own server or cluster; only the connection settings differ.
 */
public final class SecuredRedis {

    /** The AUTH token ({@code requirepass}) of the password profile. */
    public static final String AUTH_TOKEN = "elasticache-auth-token-for-tests";
    /** The ACL user of the ACL and cluster profiles, allowed on the function's keys only, and its password. */
    public static final String ACL_USER = "recording-rules";
    public static final String ACL_PASSWORD = "acl-user-password-for-tests";
    public static final String ACL_RULE = "user " + ACL_USER + " on >" + ACL_PASSWORD + " ~rr:* +@all -@dangerous";

    private static LocalRedis redis;
    private static LocalRedisCluster cluster;

    private SecuredRedis() {
    }

    /** The standalone server of the profile running now. */
    public static LocalRedis redis() {
        return redis;
    }

    /** The cluster of the {@link TlsCluster} profile. */
    public static LocalRedisCluster cluster() {
        return cluster;
    }

    /** TLS to a standalone server that requires an AUTH password. */
    public static class TlsPassword extends Profile {
        public TlsPassword() {
            super("password");
        }
    }

    /** TLS to a standalone server whose default user is off: the function logs in as an ACL user. */
    public static class TlsAclUser extends Profile {
        public TlsAclUser() {
            super("acl-user");
        }
    }

    /** TLS to a 3-master Redis Cluster (clients and cluster bus) whose default user is off: an ACL user logs in. */
    public static class TlsCluster extends Profile {
        public TlsCluster() {
            super("cluster");
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.client-type", "cluster");
        }
    }

    abstract static class Profile implements QuarkusTestProfile {

        private final String mode;

        Profile(String mode) {
            this.mode = mode;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Resource.class, Map.of("mode", mode)));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    public static class Resource implements QuarkusTestResourceLifecycleManager {

        private String mode;

        @Override
        public void init(Map<String, String> initArgs) {
            mode = initArgs.get("mode");
        }

        @Override
        public synchronized Map<String, String> start() {
            TestCertificates certificates = TestCertificates.get();
            Map<String, String> config = new HashMap<>();
            // The TLS registry's "redis" configuration, as application.properties names it outside tests, trusting
            // the tests' CA instead of the JDK's trust store.
            config.put("quarkus.redis.tls-configuration-name", "redis");
            config.put("quarkus.tls.redis.trust-store.pem.certs", certificates.caCertificate().toString());
            switch (mode) {
                case "password" -> {
                    redis = LocalRedis.secured(certificates.trusted(), "requirepass " + AUTH_TOKEN);
                    config.put("quarkus.redis.hosts", redis.uri());
                    config.put("quarkus.redis.password", AUTH_TOKEN);
                }
                case "acl-user" -> {
                    redis = LocalRedis.secured(certificates.trusted(), "user default off", ACL_RULE);
                    // The user in the URI's query, its password apart (from a secret store in production).
                    config.put("quarkus.redis.hosts", redis.uri() + "?user=" + ACL_USER);
                    config.put("quarkus.redis.password", ACL_PASSWORD);
                }
                case "cluster" -> {
                    cluster = LocalRedisCluster.start(RedisClusterProfile.MASTERS, certificates.trusted(),
                            "user default off", ACL_RULE);
                    // The Redis client reaches the nodes the cluster announces with the first URI's user and
                    // password, so both are in the URIs here.
                    config.put("quarkus.redis.hosts", cluster.hosts().replace("://", "://" + ACL_USER + ":" + ACL_PASSWORD + "@"));
                    config.put("quarkus.redis.client-type", "cluster");
                }
                default -> throw new IllegalArgumentException(mode);
            }
            return config;
        }

        @Override
        public synchronized void stop() {
            if (redis != null) {
                redis.close();
                redis = null;
            }
            if (cluster != null) {
                cluster.close();
                cluster = null;
            }
        }
    }
}
