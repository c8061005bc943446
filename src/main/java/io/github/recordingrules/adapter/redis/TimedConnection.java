package io.github.recordingrules.adapter.redis;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * One pooled connection, each command on it timed as a Redis round trip into {@code roundTrips} (a synchronized
 * list: the commands answer on the event loop, the caller reads). Commands are {@link Uni}s, so that the
 * commands of one {@link RedisCalls#call} run one after another on the event loop and the caller waits once.
 */
record TimedConnection(ReactiveRedisDataSource redis, List<Duration> roundTrips) {

    /** One command, through the typed command groups. */
    <T> Uni<T> roundTrip(Function<ReactiveRedisDataSource, Uni<T>> command) {
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return command.apply(redis).onTermination().invoke(() -> roundTrips.add(Duration.ofNanos(System.nanoTime() - start)));
        });
    }

    Uni<Response> execute(String command, String... arguments) {
        return roundTrip(r -> r.execute(command, arguments));
    }

    Uni<Response> execute(Command command, String... arguments) {
        return roundTrip(r -> r.execute(command, arguments));
    }
}
