package io.github.recordingrules.application;

/** The recording exists but has no media to download: it is processing, deleted, or none was reported. */
public final class MediaNotFoundException extends RuntimeException {

    private final String roomSid;
    private final String recordingSid;

    public MediaNotFoundException(String roomSid, String recordingSid) {
        super("no media for recording " + recordingSid);
        this.roomSid = roomSid;
        this.recordingSid = recordingSid;
    }

    /** Null when the recording was asked for by its SID alone. */
    public String roomSid() {
        return roomSid;
    }

    public String recordingSid() {
        return recordingSid;
    }
}
