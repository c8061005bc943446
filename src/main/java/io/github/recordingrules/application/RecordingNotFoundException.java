package io.github.recordingrules.application;

/** The room exists but holds no recording with this SID. */
public final class RecordingNotFoundException extends RuntimeException {

    private final String roomSid;
    private final String recordingSid;

    public RecordingNotFoundException(String roomSid, String recordingSid) {
        super("no recording " + recordingSid + " in room " + roomSid);
        this.roomSid = roomSid;
        this.recordingSid = recordingSid;
    }

    public String roomSid() {
        return roomSid;
    }

    public String recordingSid() {
        return recordingSid;
    }
}
