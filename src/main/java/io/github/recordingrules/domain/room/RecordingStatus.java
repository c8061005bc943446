package io.github.recordingrules.domain.room;

import io.github.recordingrules.domain.WireName;

/** Twilio's room recording statuses. */
public enum RecordingStatus implements WireName {
    PROCESSING("processing"),
    COMPLETED("completed"),
    DELETED("deleted"),
    FAILED("failed");

    private final String wireName;

    RecordingStatus(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** The constant for the exact wire name, or null. */
    public static RecordingStatus fromWireName(String name) {
        return WireName.find(RecordingStatus.class, name);
    }
}
