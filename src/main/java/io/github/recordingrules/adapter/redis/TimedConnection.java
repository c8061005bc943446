package io.github.recordingrules.adapter.redis;

import io.github.recordingrules.application.Metrics;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;

import java.time.Duration;

/** One pooled connection, each command on it counted and timed as a Redis round trip ({@link Metrics}). */
record TimedConnection(RedisDataSource redis, Metrics metrics) {

    Response execute(String command, String... arguments) {
        long start = System.nanoTime();
        try {
            return redis.execute(command, arguments);
        } finally {
            metrics.redisRoundTrip(Duration.ofNanos(System.nanoTime() - start));
        }
    }

    Response execute(Command command, String... arguments) {
        long start = System.nanoTime();
        try {
            return redis.execute(command, arguments);
        } finally {
            metrics.redisRoundTrip(Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
