package io.github.recordingrules.domain.room;

/** Recording rules were sent for a room whose type cannot record (Twilio's 53122). */
public final class RoomTypeNotSupportedException extends RuntimeException {

    public RoomTypeNotSupportedException(RoomType type) {
        super("Recording rules are only supported in group rooms, not in " + type.wireName() + " rooms");
    }
}
