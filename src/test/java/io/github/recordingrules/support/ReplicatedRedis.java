package io.github.recordingrules.support;

import io.github.recordingrules.devredis.LocalRedis;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A primary and one replica on loopback, as ElastiCache runs a replicated node (cluster mode disabled, Multi-AZ):
 * the function reaches the primary through an endpoint ({@link TcpForwarder}) that a failover moves to the
 * promoted replica, and the replica reaches the primary through a link whose bytes the test can hold back.
 * Two profiles: writes confirmed by the replica before they are acknowledged, and not.
 */
public final class ReplicatedRedis {

    public static final Duration WAIT_TIMEOUT = Duration.ofMillis(500);

    private static LocalRedis primary;
    private static LocalRedis replica;
    private static TcpForwarder endpoint;
    private static TcpForwarder replicationLink;

    private ReplicatedRedis() {
    }

    public static LocalRedis primary() {
        return primary;
    }

    public static LocalRedis replica() {
        return replica;
    }

    /** The primary endpoint the function is configured with. */
    public static TcpForwarder endpoint() {
        return endpoint;
    }

    /** What the primary sends its replica. */
    public static TcpForwarder replicationLink() {
        return replicationLink;
    }

    /** Fails over: the primary dies at once (SIGKILL), the replica becomes the primary, the endpoint follows it. */
    public static void failOver() throws IOException, InterruptedException {
        primary.kill();
        replicationLink.dropConnections();
        String promoted = replica.command("REPLICAOF NO ONE");
        if (!promoted.startsWith("+OK")) {
            throw new IOException("REPLICAOF NO ONE answered " + promoted);
        }
        endpoint.retarget(replica.port());
    }

    /** Writes confirmed by one replica ({@code recording-rules.redis.wait-for-replicas=1}). */
    public static class Acknowledged extends Profile {
        public Acknowledged() {
            super(1);
        }
    }

    /** The default: acknowledged as soon as the primary has them. */
    public static class Unacknowledged extends Profile {
        public Unacknowledged() {
            super(0);
        }
    }

    abstract static class Profile implements QuarkusTestProfile {

        private final int waitForReplicas;

        Profile(int waitForReplicas) {
            this.waitForReplicas = waitForReplicas;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("recording-rules.redis.wait-for-replicas", Integer.toString(waitForReplicas),
                    "recording-rules.redis.wait-timeout", WAIT_TIMEOUT.toMillis() + "ms");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Resource.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    public static class Resource implements QuarkusTestResourceLifecycleManager {

        @Override
        public synchronized Map<String, String> start() {
            primary = LocalRedis.start("repl-diskless-sync-delay 0");
            replicationLink = TcpForwarder.start(primary.port());
            replica = LocalRedis.start("replicaof 127.0.0.1 " + replicationLink.port());
            endpoint = TcpForwarder.start(primary.port());
            awaitReplicaInSync();
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + endpoint.port());
        }

        private static void awaitReplicaInSync() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            try {
                while (!replica.command("INFO replication").contains("master_link_status:up")) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the replica did not sync: " + replica.command("INFO replication"));
                    }
                    Thread.sleep(50);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public synchronized void stop() {
            for (AutoCloseable closeable : new AutoCloseable[]{endpoint, replicationLink, replica, primary}) {
                try {
                    if (closeable != null) {
                        closeable.close();
                    }
                } catch (Exception ignored) {
                    // stopping anyway
                }
            }
            primary = replica = null;
            endpoint = replicationLink = null;
        }
    }
}
