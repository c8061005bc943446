package io.github.recordingrules.application;

import io.github.recordingrules.domain.room.Room;
import io.github.recordingrules.domain.room.RoomScope;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where rooms live between invocations. Every write is a compare-and-set on the room's version, so
 * concurrent invocations on one room lose no update. Failures surface as {@link StoreUnavailableException}.
 */
public interface RoomStore {

    /** The whole room, as stored now. */
    Optional<StoredRoom> load(String roomSid);

    /**
     * The part of the room an event of this scope needs ({@link RoomScope}), as stored now; a store that keeps
     * rooms whole may answer the whole room.
     */
    default Optional<StoredRoom> load(String roomSid, RoomScope scope) {
        return load(roomSid);
    }

    /**
     * That part as this instance last read or wrote it, without asking the store, if it still has all of it:
     * possibly stale, so only a change may start from it, and its save tells ({@link Conflict} with the
     * current part). Empty when it does not know the part.
     */
    default Optional<StoredRoom> recall(String roomSid, RoomScope scope) {
        return Optional.empty();
    }

    /**
     * Writes the room if it is still stored as {@code read} says (null: the room must not exist yet), in
     * the same incarnation (a room that expired and was stored again under its SID is another one), and the store applies the write no later than {@code deadline}, by its own clock; a write the store
     * would apply later is not applied at all and fails with {@link StoreUnavailableException}. So a failed
     * save never takes effect afterwards, even when the store stalled it (docs/SPEC.md §9.3).
     *
     * @param expireAfter null keeps the room's current expiry
     */
    default SaveResult save(Room room, Revision read, Duration expireAfter, Instant deadline) {
        return save(room, read, expireAfter, deadline, Outgoing.NONE);
    }

    /**
     * Writes the room as {@link #save(Room, Revision, Duration, Instant)} does, and in the same atomic write appends
     * the outgoing messages to the room's queues (docs/SPEC.md §11.1.4). Past {@code outgoing.notAfter()} it
     * writes nothing and answers {@link Expired}.
     */
    SaveResult save(Room room, Revision read, Duration expireAfter, Instant deadline, Outgoing outgoing);

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

    /**
     * Which state of the room a load read: its version, counted from 1 by every write of the room, and
     * whatever else the store needs to write the change back (what it read of the room).
     */
    interface Revision {
        long version();
    }

    record StoredRoom(Room room, Revision revision) {

        public long version() {
            return revision.version();
        }
    }

    sealed interface SaveResult {
    }

    record Saved(long version) implements SaveResult {
    }

    /**
     * Someone else wrote first, or the room was read from what this instance knew and that was stale;
     * {@code current} is what is stored now, in the part that was saved (empty: the room is gone).
     */
    record Conflict(Optional<StoredRoom> current) implements SaveResult {
    }

    /** The write came after its deadline ({@link Outgoing#notAfter()}) and wrote nothing. */
    record Expired() implements SaveResult {
    }
}
