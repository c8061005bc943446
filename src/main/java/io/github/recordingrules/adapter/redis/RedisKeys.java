package io.github.recordingrules.adapter.redis;

/**
 * Where the function keeps things in Redis (docs/SPEC.md §8.1), written out once: for the store, and for
 * tests and benchmarks that look at Redis directly.
 */
public final class RedisKeys {

    /** The room's version, incremented by every write (docs/SPEC.md §8.2). */
    public static final String VERSION = "v";
    /** The schema version of the room's document; absent for schema 1. */
    public static final String SCHEMA = "sv";
    /** The room's document, schema 2 and later. */
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
