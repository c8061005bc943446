package io.github.recordingrules.domain.room;

import io.github.recordingrules.domain.WireName;

/** Twilio's room statuses that a room here takes; Twilio's {@code failed} never happens here. */
public enum RoomStatus implements WireName {
    IN_PROGRESS("in-progress"),
    COMPLETED("completed");

    private final String wireName;

    RoomStatus(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** The constant for the exact wire name, or null. */
    public static RoomStatus fromWireName(String name) {
        return WireName.find(RoomStatus.class, name);
    }
}
