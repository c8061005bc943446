package io.github.recordingrules.domain.room;

public enum RoomStatus {
    IN_PROGRESS("in-progress"),
    COMPLETED("completed");

    private final String wireName;

    RoomStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
