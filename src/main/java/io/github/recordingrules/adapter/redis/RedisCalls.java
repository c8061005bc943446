package io.github.recordingrules.adapter.redis;

import io.github.recordingrules.application.Metrics;
import io.github.recordingrules.application.StoreUnavailableException;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/** Every Redis command of the adapter goes through here, so that every failure means the same (a 503). */
@ApplicationScoped
class RedisCalls {

    private final ReactiveRedisDataSource redis;
    private final Metrics metrics;
    private final Duration timeout;

    /** {@code timeout}: Quarkus's own wait for a blocking Redis command, here for a whole call. */
    RedisCalls(ReactiveRedisDataSource redis, Metrics metrics,
               @ConfigProperty(name = "quarkus.redis.timeout", defaultValue = "10s") Duration timeout) {
        this.redis = redis;
        this.metrics = metrics;
        this.timeout = timeout;
    }

    /**
     * Runs the commands on one connection of the pool, each timed as a round trip. Taking the connection, the
     * commands and giving it back are one chain on the event loop, so the calling thread is woken once, not
     * once per step. Redis answering READONLY means this server was demoted to a replica by a failover yet kept
     * its clients connected: that connection is closed (QUIT) rather than put back in the pool, so the next one
     * is opened afresh, to wherever the configured host now points. Every failure becomes a
     * {@link StoreUnavailableException} (503).
     */
    <T> T call(Function<TimedConnection, Uni<T>> commands) {
        return call(Duration.ZERO, commands);
    }

    /** As {@link #call(Function)}, for commands that Redis may hold for up to {@code longer}, as WAIT does. */
    <T> T call(Duration longer, Function<TimedConnection, Uni<T>> commands) {
        AtomicReference<T> answer = new AtomicReference<>();
        List<Duration> roundTrips = Collections.synchronizedList(new ArrayList<>(2));
        try {
            redis.withConnection(connection -> commands.apply(new TimedConnection(connection, roundTrips))
                            .onFailure(RedisCalls::readOnly).call(() -> quit(connection))
                            .invoke(answer::set)
                            .replaceWithVoid())
                    .await().atMost(timeout.plus(longer));
            return answer.get();
        } catch (RuntimeException e) {
            // A timeout has no message: name the exception, else the log says "Redis did not answer: null".
            throw new StoreUnavailableException("Redis did not answer: " + e, e);
        } finally {
            // Counted here: the request they belong to is this thread's, not the event loop's.
            synchronized (roundTrips) {
                roundTrips.forEach(metrics::redisRoundTrip);
            }
        }
    }

    private static boolean readOnly(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().contains("READONLY");
    }

    /** Closed either way: a failed QUIT is not this call's failure. */
    private static Uni<Void> quit(ReactiveRedisDataSource connection) {
        return connection.execute("QUIT").onFailure().recoverWithNull().replaceWithVoid();
    }
}
