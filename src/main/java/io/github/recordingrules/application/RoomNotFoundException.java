package io.github.recordingrules.application;

public final class RoomNotFoundException extends RuntimeException {

    public RoomNotFoundException(String roomNameOrSid) {
        super("The requested resource /Rooms/" + roomNameOrSid + " was not found");
    }
}
