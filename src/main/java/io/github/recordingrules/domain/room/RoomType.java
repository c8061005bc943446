package io.github.recordingrules.domain.room;

/** Twilio's room types. Only group rooms record. */
public enum RoomType {
    GROUP("group"),
    GROUP_SMALL("group-small"),
    PEER_TO_PEER("peer-to-peer"),
    GO("go");

    private final String wireName;

    RoomType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean supportsRecording() {
        return this == GROUP;
    }

    /** The type for the exact wire name, or null. */
    public static RoomType fromWireName(String name) {
        for (RoomType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        return null;
    }
}
