package io.github.recordingrules.domain.room;

/** Twilio's room recording statuses. */
public enum RecordingStatus {
    PROCESSING("processing"),
    COMPLETED("completed"),
    DELETED("deleted"),
    FAILED("failed");

    private final String wireName;

    RecordingStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The status for the exact wire name, or null. */
    public static RecordingStatus fromWireName(String name) {
        for (RecordingStatus status : values()) {
            if (status.wireName.equals(name)) {
                return status;
            }
        }
        return null;
    }
}
