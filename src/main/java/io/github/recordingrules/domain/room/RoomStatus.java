package io.github.recordingrules.domain.room;

import io.github.recordingrules.domain.WireName;

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
}
