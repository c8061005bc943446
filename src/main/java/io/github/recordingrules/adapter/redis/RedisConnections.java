package io.github.recordingrules.adapter.redis;

import io.github.recordingrules.application.StoreUnavailableException;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;

import java.util.function.Function;

/** How every class of this adapter talks to Redis (docs/SPEC.md §9.1). */
final class RedisConnections {

    private RedisConnections() {
    }

    /**
     * Runs the command on one connection of the pool. Redis answering READONLY means this server was
     * demoted to a replica by a failover yet kept its clients connected: that connection is closed
     * (QUIT) rather than put back in the pool, so the next one is opened afresh, to wherever the
     * configured host now points. Every failure becomes a {@link StoreUnavailableException} (503).
     */
    static Response call(RedisDataSource redis, Function<RedisDataSource, Response> command) {
        try {
            Response[] answer = new Response[1];
            redis.withConnection(connection -> {
                try {
                    answer[0] = command.apply(connection);
                } catch (RuntimeException e) {
                    if (e.getMessage() != null && e.getMessage().contains("READONLY")) {
                        quit(connection);
                    }
                    throw e;
                }
            });
            return answer[0];
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
