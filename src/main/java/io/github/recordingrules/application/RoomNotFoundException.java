package io.github.recordingrules.application;

/** No room has this SID, or no in-progress room has this unique name. */
public final class RoomNotFoundException extends RuntimeException {

    private final String roomNameOrSid;

    public RoomNotFoundException(String roomNameOrSid) {
        super("no room " + roomNameOrSid);
        this.roomNameOrSid = roomNameOrSid;
    }

    public String roomNameOrSid() {
        return roomNameOrSid;
    }
}
