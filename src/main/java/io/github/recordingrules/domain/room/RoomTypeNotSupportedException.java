package io.github.recordingrules.domain.room;

/** Recording rules were sent for a room whose type cannot record. */
public final class RoomTypeNotSupportedException extends RuntimeException {

    private final RoomType type;

    public RoomTypeNotSupportedException(RoomType type) {
        super("room type " + type.wireName() + " cannot record");
        this.type = type;
    }

    public RoomType type() {
        return type;
    }
}
