package io.github.recordingrules.application;

/** A room stayed too contended to write within the attempts allowed; nothing was written, retrying is safe. */
public final class ConcurrentUpdateException extends RuntimeException {

    private final String roomSid;

    public ConcurrentUpdateException(String roomSid) {
        super("room " + roomSid + " stayed contended");
        this.roomSid = roomSid;
    }

    public String roomSid() {
        return roomSid;
    }
}
