package io.github.recordingrules.application;

import io.github.recordingrules.domain.room.Room;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where rooms live between invocations. Every write is a compare-and-set on the room's version, so
 * concurrent invocations on one room lose no update. Failures surface as {@link StoreUnavailableException}.
 */
public interface RoomStore {

    Optional<StoredRoom> load(String roomSid);

    /**
     * Writes the room if its stored version is still {@code expectedVersion} (0: the room must not exist yet)
     * and the store applies the write no later than {@code deadline}, by its own clock; a write the store
     * would apply later is not applied at all and fails with {@link StoreUnavailableException}. So a failed
     * save never takes effect afterwards, even when the store stalled it (docs/SPEC.md §9.3).
     *
     * @param expireAfter null keeps the room's current expiry
     */
    default SaveResult save(Room room, long expectedVersion, Duration expireAfter, Instant deadline) {
        return save(room, expectedVersion, expireAfter, deadline, Outgoing.NONE);
    }

    /**
     * Writes the room as {@link #save(Room, long, Duration, Instant)} does, and in the same atomic write appends
     * the outgoing messages to the room's queues (docs/SPEC.md §11.1.4). Past {@code outgoing.notAfter()} it
     * writes nothing and answers {@link Expired}.
     */
    SaveResult save(Room room, long expectedVersion, Duration expireAfter, Instant deadline, Outgoing outgoing);

    /**
     * Whether a save returns only once the write is durable beyond the node that took it (replicas confirmed
     * it). Such a store is also given changes that change nothing, so that what a retried request finds
     * (written by an attempt that could not be confirmed) is confirmed before it is answered.
     */
    default boolean confirmsWrites() {
        return false;
    }

    /** The SID the unique name points to, if any. */
    Optional<String> roomSidForName(String uniqueName);

    /** Points the name at the room if it points nowhere, or at {@code staleSid} when that is given. */
    boolean claimName(String uniqueName, String roomSid, String staleSid, Duration expireAfter);

    /** Frees the name if it still points at the room. */
    void releaseName(String uniqueName, String roomSid);

    record StoredRoom(Room room, long version) {
    }

    sealed interface SaveResult {
    }

    record Saved(long version) implements SaveResult {
    }

    /** Someone else wrote first; {@code current} is what is stored now (empty: the room is gone). */
    record Conflict(Optional<StoredRoom> current) implements SaveResult {
    }

    /** The write came after its deadline ({@link Outgoing#notAfter()}) and wrote nothing. */
    record Expired() implements SaveResult {
    }
}
