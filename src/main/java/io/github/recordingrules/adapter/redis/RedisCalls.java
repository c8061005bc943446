package io.github.recordingrules.adapter.redis;

import io.github.recordingrules.application.Metrics;
import io.github.recordingrules.application.StoreUnavailableException;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Function;

/** Every Redis command of the adapter goes through here, so that every failure means the same (a 503). */
@ApplicationScoped
class RedisCalls {

    private final RedisDataSource redis;
    private final Metrics metrics;

    RedisCalls(RedisDataSource redis, Metrics metrics) {
        this.redis = redis;
        this.metrics = metrics;
    }

    /**
     * Runs the commands on one connection of the pool, each timed as a round trip. Redis answering READONLY
     * means this server was demoted to a replica by a failover yet kept its clients connected: that
     * connection is closed (QUIT) rather than put back in the pool, so the next one is opened afresh, to
     * wherever the configured host now points. Every failure becomes a {@link StoreUnavailableException} (503).
     */
    <T> T call(Function<TimedConnection, T> commands) {
        try {
            Object[] answer = new Object[1];
            redis.withConnection(connection -> {
                try {
                    answer[0] = commands.apply(new TimedConnection(connection, metrics));
                } catch (RuntimeException e) {
                    if (e.getMessage() != null && e.getMessage().contains("READONLY")) {
                        quit(connection);
                    }
                    throw e;
                }
            });
            @SuppressWarnings("unchecked")
            T result = (T) answer[0];
            return result;
        } catch (RuntimeException e) {
            // A timeout has no message: name the exception, else the log says "Redis did not answer: null".
            throw new StoreUnavailableException("Redis did not answer: " + e, e);
        }
    }

    private static void quit(RedisDataSource connection) {
        try {
            connection.execute("QUIT");
        } catch (RuntimeException ignored) {
            // closed either way
        }
    }
}
