package io.github.recordingrules.adapter.redis;

import io.github.recordingrules.adapter.redis.RedisRoomStore.Read;
import io.github.recordingrules.domain.room.RoomScope;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What this instance last read or wrote of each room, for a write-first compare-and-set: fields known at a
 * version of an incarnation are the stored ones as long as the room is at that version, which the save checks.
 * Each of this instance's own writes moves what it knows to the version it wrote; anything it is unsure of
 * (a failed call) is forgotten. Bounded: the rooms used least recently are forgotten first.
 */
final class RecalledRooms {

    /** @param complete whether {@code fields} are all the room's fields, so that a field not among them is absent */
    private record Known(String incarnation, long version, boolean complete, Map<String, String> fields) {

        boolean isAt(Read read) {
            return version == read.version() && incarnation.equals(read.incarnation());
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
            return known.complete()
                    ? Optional.of(new Read(known.incarnation(), known.version(), RoomParts.SCHEMA, scope, true, known.fields()))
                    : Optional.empty();
        }
        return RoomParts.closure(roomSid, scope, name -> {
            String value = known.fields().get(name);
            return value != null ? Optional.of(value) : known.complete() ? Optional.of(RoomParts.ABSENT) : Optional.empty();
        }).map(fields -> new Read(known.incarnation(), known.version(), RoomParts.SCHEMA, scope, false, fields));
    }

    /** What a read found: added to what is known of that version, or replacing what is known of another. */
    synchronized void remember(String roomSid, Read read) {
        if (capacity == 0) {
            return;
        }
        Known known = rooms.get(roomSid);
        if (known != null && known.isAt(read)) {
            Map<String, String> fields = new LinkedHashMap<>(known.fields());
            fields.putAll(read.fields());
            rooms.put(roomSid, new Known(read.incarnation(), read.version(), known.complete() || read.whole(), fields));
        } else {
            rooms.put(roomSid, new Known(read.incarnation(), read.version(), read.whole(), Map.copyOf(read.fields())));
        }
    }

    /** This instance wrote {@code fields} over the state it {@code read}, which made {@code written}. */
    synchronized void written(String roomSid, Read read, Map<String, String> fields, Read written) {
        if (capacity == 0) {
            return;
        }
        Known known = rooms.get(roomSid);
        Map<String, String> now = new LinkedHashMap<>(known != null && known.isAt(read) ? known.fields() : written.fields());
        now.putAll(fields);
        boolean complete = known != null && known.isAt(read) ? known.complete() : written.whole();
        rooms.put(roomSid, new Known(written.incarnation(), written.version(), complete, now));
    }

    synchronized void forget(String roomSid) {
        rooms.remove(roomSid);
    }
}
