package io.github.recordingrules.adapter.redis;

/**
 * Where the function keeps things in Redis (docs/SPEC.md §8.1), written out once: for the store, and for
 * tests and benchmarks that look at Redis directly.
 */
public final class RedisKeys {

    /** The room's version, incremented by every write (docs/SPEC.md §8.2). */
    public static final String VERSION = "v";
    /**
     * The room's incarnation, random, set by its first write in schema 5: a room stored again under the same
     * SID after it expired is another incarnation, so nothing read of the one before can be written over it.
     */
    public static final String INCARNATION = "i";
    /** The schema version of the room's fields; absent for schema 1. */
    public static final String SCHEMA = "sv";
    /** Schema 5's header field: the room but its rules, participants, tracks and recordings ({@code RoomParts}). */
    public static final String HEADER = "h";
    /** Schema 5's field of the room's rules, written only when they change. */
    public static final String RULES = "rl";
    /** The room's document in schemas 2 to 4; removed when the room is next written. */
    public static final String DOCUMENT = "d";
    /** Where schema 1 kept the room's document; removed when the room is next written. */
    public static final String LEGACY_DOCUMENT = "s";

    private final String prefix;

    public RedisKeys(String prefix) {
        this.prefix = prefix;
    }

    /** The room's hash. Its SID in braces is the Cluster hash tag: whatever a room stores lands in one slot. */
    public String room(String roomSid) {
        return prefix + ":{" + roomSid + "}:room";
    }

    /** The string pointing at the SID of the room that holds the unique name. */
    public String name(String uniqueName) {
        return prefix + ":name:" + uniqueName;
    }

    /** The string pointing at the SID of the room a media server's own room id (LiveKit's {@code RM_…}) is linked to. */
    public String external(String externalRoomId) {
        return prefix + ":external:" + externalRoomId;
    }

    /** Every name key matches this pattern (for {@code KEYS}/{@code SCAN} in tests). */
    public String anyName() {
        return prefix + ":name:*";
    }
}
