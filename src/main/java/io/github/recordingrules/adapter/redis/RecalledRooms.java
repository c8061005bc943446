package io.github.recordingrules.adapter.redis;

import io.github.recordingrules.adapter.redis.RedisRoomStore.Read;
import io.github.recordingrules.domain.room.RoomScope;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What this instance last read or wrote of each room, for a write-first compare-and-set: fields known at a
 * version of an incarnation are the stored ones as long as the room is at that version, which the save checks.
 * Each of this instance's own writes moves what it knows to the version it wrote; anything it is unsure of
 * (a failed call) is forgotten. Bounded: the rooms used least recently are forgotten first. Fields are kept
 * decoded as well, so that a change recalled decodes nothing.
 */
final class RecalledRooms {

    /** What is known of one room; changed only under the lock of {@link RecalledRooms}. */
    private static final class Known {
        String incarnation;
        long version;
        /** Whether {@code text} holds all the room's fields, so that a field not among them is absent. */
        boolean complete;
        final Map<String, String> text = new HashMap<>();
        final Map<String, Object> decoded = new HashMap<>();

        Known(Read read) {
            moveTo(read.incarnation(), read.version());
            complete = read.whole();
            learn(read.fields().text(), read.fields().decoded());
        }

        boolean isAt(Read read) {
            return version == read.version() && incarnation.equals(read.incarnation());
        }

        void moveTo(String incarnation, long version) {
            this.incarnation = incarnation;
            this.version = version;
        }

        void learn(Map<String, String> fields, Map<String, Object> parts) {
            fields.forEach((name, value) -> {
                if (!value.equals(text.put(name, value))) {
                    decoded.remove(name);
                }
            });
            decoded.putAll(parts);
        }
    }

    private final int capacity;
    private final Map<String, Known> rooms;

    RecalledRooms(int capacity) {
        this.capacity = capacity;
        this.rooms = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
                return size() > RecalledRooms.this.capacity;
            }
        };
    }

    /** The part of the room a scope needs, as recalled, if every field of it is known. */
    synchronized Optional<Read> part(String roomSid, RoomScope scope) {
        Known known = rooms.get(roomSid);
        if (known == null) {
            return Optional.empty();
        }
        if (scope.whole()) {
            return known.complete
                    ? Optional.of(new Read(known.incarnation, known.version, RoomParts.SCHEMA, scope, true,
                    new RoomParts.Fields(new LinkedHashMap<>(known.text), new HashMap<>(known.decoded))))
                    : Optional.empty();
        }
        return RoomParts.closure(roomSid, scope, name -> {
            String value = known.text.get(name);
            return value != null ? Optional.of(value) : known.complete ? Optional.of(RoomParts.ABSENT) : Optional.empty();
        }, known.decoded).map(fields -> new Read(known.incarnation, known.version, RoomParts.SCHEMA, scope, false, fields));
    }

    /** What a read found: added to what is known of that version, or replacing what is known of another. */
    synchronized void remember(String roomSid, Read read) {
        if (capacity == 0) {
            return;
        }
        Known known = rooms.get(roomSid);
        if (known != null && known.isAt(read)) {
            known.learn(read.fields().text(), read.fields().decoded());
            known.complete |= read.whole();
        } else {
            rooms.put(roomSid, new Known(read));
        }
    }

    /** This instance wrote {@code changed} over the state it {@code read}, which made that version. */
    synchronized void written(String roomSid, Read read, RoomParts.Written changed, String incarnation, long version) {
        if (capacity == 0) {
            return;
        }
        Known known = rooms.get(roomSid);
        if (known == null || !known.isAt(read)) {
            known = new Known(read);
            rooms.put(roomSid, known);
        }
        known.learn(changed.text(), changed.decoded());
        known.moveTo(incarnation, version);
    }

    synchronized void forget(String roomSid) {
        rooms.remove(roomSid);
    }
}
