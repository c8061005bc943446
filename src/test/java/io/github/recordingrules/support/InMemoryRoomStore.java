package io.github.recordingrules.support;

import io.github.recordingrules.application.Outgoing;
import io.github.recordingrules.application.RoomStore;
import io.github.recordingrules.application.StoreUnavailableException;
import io.github.recordingrules.domain.room.Room;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A {@link RoomStore} in memory, standing in for Redis where a test is about the application: it keeps the
 * contract {@code RoomStoreContract} pins for both. Rooms are copied in and out, as a real store would, so
 * a caller's room is never the stored one. Two kinds of trouble can be injected: an operation that fails
 * once before writing anything ({@link #failNext}), and another writer that gets in just before a save
 * compares versions ({@link #beforeNextSave}).
 */
public final class InMemoryRoomStore implements RoomStore {

    private final Clock clock;
    private final Map<String, StoredRoom> rooms = new HashMap<>();
    private final Map<String, Duration> expiry = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();
    private final Set<String> failures = new HashSet<>();
    private final Deque<Consumer<InMemoryRoomStore>> interleaved = new ArrayDeque<>();
    private int saves;
    private long incarnations;
    /** True while an injected writer runs: its own saves go straight through. */
    private volatile boolean interleaving;

    /** A store whose clock, which deadlines are checked against, is the system's. */
    public InMemoryRoomStore() {
        this(Clock.systemUTC());
    }

    public InMemoryRoomStore(Clock clock) {
        this.clock = clock;
    }

    /** The named operation ({@code load}, {@code save}, {@code claimName}, ...) fails once, writing nothing. */
    public InMemoryRoomStore failNext(String operation) {
        failures.add(operation);
        return this;
    }

    /**
     * A concurrent writer: runs just before the next save looks at the stored version; writers queued
     * together get in before one save each, in turn.
     */
    public InMemoryRoomStore beforeNextSave(Consumer<InMemoryRoomStore> writer) {
        interleaved.add(writer);
        return this;
    }

    /** Whether a name points anywhere; the room stored, if any; the expiry last set on a room; saves so far. */
    public boolean holdsName(String uniqueName) {
        return names.containsKey(uniqueName);
    }

    public Optional<Room> stored(String roomSid) {
        return Optional.ofNullable(rooms.get(roomSid)).map(s -> copy(s.room()));
    }

    public Optional<Duration> expiry(String roomSid) {
        return Optional.ofNullable(expiry.get(roomSid));
    }

    public int saves() {
        return saves;
    }

    public boolean isEmpty() {
        return rooms.isEmpty();
    }

    @Override
    public synchronized Optional<StoredRoom> load(String roomSid) {
        maybeFail("load");
        return Optional.ofNullable(rooms.get(roomSid)).map(s -> new StoredRoom(copy(s.room()), s.revision()));
    }

    /** This store's revision: the version, and which incarnation of the room (a count of rooms stored). */
    public record Version(long version, long incarnation) implements Revision {
    }

    /** The room expires now, as at the end of its time to live. */
    public synchronized void expireNow(String roomSid) {
        rooms.remove(roomSid);
        expiry.remove(roomSid);
    }

    /** Outbound messages are not kept: the services tested over this store are built without an outbox. */
    @Override
    public SaveResult save(Room room, Revision read, Duration expireAfter, Instant deadline, Outgoing outgoing) {
        long expectedVersion = read == null ? 0 : read.version();
        Consumer<InMemoryRoomStore> writer;
        synchronized (this) {
            maybeFail("save");
            writer = interleaving ? null : interleaved.poll();
            interleaving = writer != null;
        }
        if (writer != null) {
            try {
                writer.accept(this);
            } finally {
                interleaving = false;
            }
        }
        synchronized (this) {
            if (clock.instant().isAfter(deadline)) {
                throw new StoreUnavailableException("the write's deadline " + deadline + " has passed", null);
            }
            StoredRoom current = rooms.get(room.sid());
            long version = current == null ? 0 : current.version();
            if (version != expectedVersion || (current != null && !current.revision().equals(read))) {
                return new Conflict(Optional.ofNullable(current).map(s -> new StoredRoom(copy(s.room()), s.revision())));
            }
            long incarnation = current == null ? ++incarnations : ((Version) current.revision()).incarnation();
            rooms.put(room.sid(), new StoredRoom(copy(room), new Version(version + 1, incarnation)));
            if (expireAfter != null) {
                expiry.put(room.sid(), expireAfter);
            }
            saves++;
            return new Saved(version + 1);
        }
    }

    @Override
    public synchronized Optional<String> roomSidForName(String uniqueName) {
        maybeFail("roomSidForName");
        return Optional.ofNullable(names.get(uniqueName));
    }

    @Override
    public synchronized boolean claimName(String uniqueName, String roomSid, String staleSid, Duration expireAfter) {
        maybeFail("claimName");
        String holder = names.get(uniqueName);
        if (holder != null && !holder.equals(staleSid)) {
            return false;
        }
        names.put(uniqueName, roomSid);
        return true;
    }

    @Override
    public synchronized void releaseName(String uniqueName, String roomSid) {
        maybeFail("releaseName");
        names.remove(uniqueName, roomSid);
    }

    private void maybeFail(String operation) {
        if (failures.remove(operation)) {
            throw new StoreUnavailableException("injected failure of " + operation, null);
        }
    }

    private static Room copy(Room room) {
        return Room.restore(room.snapshot());
    }
}
