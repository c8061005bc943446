package io.github.recordingrules.adapter.redis;

import io.github.recordingrules.application.RoomStore;
import io.github.recordingrules.support.RoomStoreContract;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Optional;

import static io.github.recordingrules.support.RedisTestResource.KEYS;

/** The Redis store keeps the store contract, against a real redis-server. */
@QuarkusTest
class RedisRoomStoreContractTest extends RoomStoreContract {

    @Inject
    RoomStore store;

    @Inject
    RedisDataSource redis;

    @Override
    protected RoomStore store() {
        return store;
    }

    @Override
    protected Optional<Duration> expiry(String roomSid) {
        long millis = redis.key().pttl(KEYS.room(roomSid));
        return millis < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
    }

    @Override
    protected void expireNow(String roomSid) {
        redis.key().del(KEYS.room(roomSid));
    }
}
