package io.github.recordingrules.support;

import io.github.recordingrules.devredis.LocalRedis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real Redis Cluster of masters only, on loopback, built from {@link LocalRedis} servers: each node
 * gets an equal share of the 16384 slots (CLUSTER ADDSLOTS in batches, as the embedded Redis 6.2 has no
 * ADDSLOTSRANGE), the first one meets the others, and it is ready once every node says cluster_state:ok.
 */
public final class LocalRedisCluster implements AutoCloseable {

    private static final int SLOTS = 16384;
    private static final int SLOTS_PER_COMMAND = 1000;

    private final List<LocalRedis> nodes;

    private LocalRedisCluster(List<LocalRedis> nodes) {
        this.nodes = nodes;
    }

    public static LocalRedisCluster start(int masters) {
        return start(masters, null);
    }

    /**
     * The same cluster, {@link LocalRedis#secured secured}: over TLS only, clients and the cluster bus alike, when
     * {@code tls} is given; each setting (for example {@code "requirepass …"}) applies to every node.
     */
    public static LocalRedisCluster start(int masters, LocalRedis.Tls tls, String... settings) {
        List<LocalRedis> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < masters; i++) {
                nodes.add(startNode(tls, settings));
            }
            for (int i = 0; i < masters; i++) {
                int from = i * SLOTS / masters;
                int to = (i + 1) * SLOTS / masters;
                for (int batch = from; batch < to; batch += SLOTS_PER_COMMAND) {
                    StringBuilder command = new StringBuilder("CLUSTER ADDSLOTS");
                    for (int slot = batch; slot < Math.min(to, batch + SLOTS_PER_COMMAND); slot++) {
                        command.append(' ').append(slot);
                    }
                    expectOk(nodes.get(i), command.toString());
                }
            }
            for (int i = 1; i < masters; i++) {
                expectOk(nodes.get(0), "CLUSTER MEET 127.0.0.1 " + nodes.get(i).port());
            }
            LocalRedisCluster cluster = new LocalRedisCluster(nodes);
            cluster.awaitReady(masters);
            return cluster;
        } catch (IOException | RuntimeException e) {
            nodes.forEach(LocalRedis::close);
            throw new IllegalStateException("cannot start a local Redis Cluster", e);
        }
    }

    /**
     * Redis 6.2 listens for the cluster bus on the port + 10000 (cluster-port came in 7.0), so a node on
     * a free port above 55535 cannot start: try another free port.
     */
    private static LocalRedis startNode(LocalRedis.Tls tls, String... extraSettings) {
        List<String> settings = new ArrayList<>(List.of("cluster-enabled yes", "cluster-config-file nodes.conf",
                "cluster-node-timeout 5000"));
        if (tls != null) {
            settings.addAll(List.of("tls-cluster yes", "tls-replication yes"));
        }
        settings.addAll(List.of(extraSettings));
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                LocalRedis node = tls == null && extraSettings.length == 0
                        ? LocalRedis.start(settings.toArray(String[]::new))
                        : LocalRedis.secured(tls, settings.toArray(String[]::new));
                if (node.port() + 10000 <= 65535) {
                    return node;
                }
                node.close();
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw new IllegalStateException("no free port pair for a cluster node", last);
    }

    private static void expectOk(LocalRedis node, String command) throws IOException {
        String reply = node.command(command);
        if (!reply.startsWith("+OK")) {
            throw new IOException(command.substring(0, Math.min(40, command.length())) + "… on " + node.port()
                    + " answered " + reply.trim());
        }
    }

    private void awaitReady(int masters) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            boolean ready = true;
            for (LocalRedis node : nodes) {
                String info = node.command("CLUSTER INFO");
                ready &= info.contains("cluster_state:ok") && info.contains("cluster_known_nodes:" + masters + "\r\n");
            }
            if (ready) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the cluster did not reach cluster_state:ok: " + nodes.get(0).command("CLUSTER INFO"));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    public List<LocalRedis> nodes() {
        return nodes;
    }

    /** Comma-separated URIs of every node, for {@code quarkus.redis.hosts}. */
    public String hosts() {
        return nodes.stream().map(LocalRedis::uri).collect(Collectors.joining(","));
    }

    @Override
    public void close() {
        nodes.forEach(LocalRedis::close);
    }
}
