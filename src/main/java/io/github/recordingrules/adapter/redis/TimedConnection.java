package io.github.recordingrules.adapter.redis;

import io.github.recordingrules.application.Metrics;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;

import java.time.Duration;
import java.util.function.Function;

/** One pooled connection, each command on it counted and timed as a Redis round trip ({@link Metrics}). */
record TimedConnection(RedisDataSource redis, Metrics metrics) {

    /** One command, through the typed command groups. */
    <T> T roundTrip(Function<RedisDataSource, T> command) {
        long start = System.nanoTime();
        try {
            return command.apply(redis);
        } finally {
            metrics.redisRoundTrip(Duration.ofNanos(System.nanoTime() - start));
        }
    }

    Response execute(String command, String... arguments) {
        return roundTrip(r -> r.execute(command, arguments));
    }

    Response execute(Command command, String... arguments) {
        return roundTrip(r -> r.execute(command, arguments));
    }
}
