package io.github.recordingrules.adapter.redis;

import io.github.recordingrules.config.RecordingRulesConfig;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * Durable acknowledgement (docs/SPEC.md §9.5): after a room write, {@code WAIT} on the same connection until
 * {@code recording-rules.redis.wait-for-replicas} replicas confirm it, at most
 * {@code recording-rules.redis.wait-timeout}. Fewer confirmed: the write fails as if Redis had not answered
 * (503); it did reach the primary, and the sender's retry recomputes the change on it.
 * <p>
 * Standalone client only: the Cluster client sends a command without a key, such as WAIT, to any primary,
 * not to the one that took the write, so that combination stops the function at start-up.
 */
@Singleton
@Startup
class ReplicaAcknowledgement {

    private final int replicas;
    private final long timeoutMillis;

    ReplicaAcknowledgement(RecordingRulesConfig config,
                           @ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone") String clientType) {
        this.replicas = config.redis().waitForReplicas();
        this.timeoutMillis = Math.max(1, config.redis().waitTimeout().toMillis());
        if (replicas < 0) {
            throw new IllegalArgumentException("recording-rules.redis.wait-for-replicas must be 0 or more, not " + replicas);
        }
        if (replicas > 0 && !clientType.equalsIgnoreCase("standalone")) {
            throw new IllegalArgumentException("recording-rules.redis.wait-for-replicas needs quarkus.redis.client-type"
                    + "=standalone (the primary endpoint of a replicated node), not " + clientType);
        }
    }

    boolean enabled() {
        return replicas > 0;
    }

    /** How much longer than another command a write with its confirmation may take. */
    Duration longest() {
        return replicas == 0 ? Duration.ZERO : Duration.ofMillis(timeoutMillis);
    }

    /** Waits for the replicas to confirm every write sent on this connection so far. */
    Uni<Void> confirm(TimedConnection connection) {
        if (replicas == 0) {
            return Uni.createFrom().voidItem();
        }
        return connection.execute("WAIT", Integer.toString(replicas), Long.toString(timeoutMillis)).invoke(confirmed -> {
            if (confirmed.toInteger() < replicas) {
                throw new IllegalStateException("the write was confirmed by " + confirmed.toInteger() + " of "
                        + replicas + " replicas within " + timeoutMillis + " ms");
            }
        }).replaceWithVoid();
    }
}
