package io.github.recordingrules.support;

import io.github.recordingrules.application.RoomStore;

import java.time.Duration;
import java.util.Optional;

/** The in-memory store keeps the same contract as Redis. */
class InMemoryRoomStoreTest extends RoomStoreContract {

    private final InMemoryRoomStore store = new InMemoryRoomStore();

    @Override
    protected RoomStore store() {
        return store;
    }

    @Override
    protected Optional<Duration> expiry(String roomSid) {
        return store.expiry(roomSid);
    }

    @Override
    protected void expireNow(String roomSid) {
        store.expireNow(roomSid);
    }
}
