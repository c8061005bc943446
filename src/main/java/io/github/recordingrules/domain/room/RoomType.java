package io.github.recordingrules.domain.room;

import io.github.recordingrules.domain.WireName;

/** Twilio's room types. Only group rooms record. */
public enum RoomType implements WireName {
    GROUP("group"),
    GROUP_SMALL("group-small"),
    PEER_TO_PEER("peer-to-peer"),
    GO("go");

    private final String wireName;

    RoomType(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public boolean supportsRecording() {
        return this == GROUP;
    }

    /** The constant for the exact wire name, or null. */
    public static RoomType fromWireName(String name) {
        return WireName.find(RoomType.class, name);
    }
}
