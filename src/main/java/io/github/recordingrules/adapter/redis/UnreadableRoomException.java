package io.github.recordingrules.adapter.redis;

/** A stored room this version cannot read: written in a newer schema, or not matching its own. */
final class UnreadableRoomException extends RuntimeException {

    UnreadableRoomException(String message) {
        super(message);
    }
}
