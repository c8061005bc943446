package io.github.recordingrules.application;

/** A room stayed too contended to write within the attempts allowed; nothing was written, retrying is safe. */
public final class ConcurrentUpdateException extends RuntimeException {

    public ConcurrentUpdateException(String roomSid) {
        super("Room " + roomSid + " is being updated by too many requests at once");
    }
}
