package io.github.recordingrules.adapter.redis;

import io.github.recordingrules.application.Destination;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the outbox lives (docs/SPEC.md §8.1, §11.1.5). A room's messages are in its own hash slot, beside the
 * room, so that the room's compare-and-set writes them: {@code <prefix>:{RM…}:outbox} (a hash: sequence
 * counters, retry state, at-most-once marks), {@code …:outbox:<destination>} (the queue, a list),
 * {@code …:dead:<destination>} (dead letters) and {@code …:lease:<destination>}. Two keys are global, each a
 * sorted set of room SIDs: the due index and the index of rooms with dead letters. The save script names a
 * queue as the state key followed by {@code :<destination>}, as {@link #queue} does.
 */
final class OutboxKeys {

    private final String prefix;
    private final RedisKeys rooms;

    OutboxKeys(String prefix) {
        this.prefix = prefix;
        this.rooms = new RedisKeys(prefix);
    }

    String room(String roomSid) {
        return rooms.room(roomSid);
    }

    String state(String roomSid) {
        return prefix + ":{" + roomSid + "}:outbox";
    }

    String queue(String roomSid, Destination destination) {
        return prefix + ":{" + roomSid + "}:outbox:" + destination.key();
    }

    String dead(String roomSid, Destination destination) {
        return prefix + ":{" + roomSid + "}:dead:" + destination.key();
    }

    String lease(String roomSid, Destination destination) {
        return prefix + ":{" + roomSid + "}:lease:" + destination.key();
    }

    /** The room's outbox keys that expire with it: its state, then each destination's queue, dead letters and lease. */
    List<String> expiringWithRoom(String roomSid) {
        List<String> keys = new ArrayList<>(List.of(state(roomSid)));
        for (Destination destination : Destination.values()) {
            keys.add(queue(roomSid, destination));
            keys.add(dead(roomSid, destination));
            keys.add(lease(roomSid, destination));
        }
        return keys;
    }

    String dueIndex() {
        return prefix + ":outbound:due";
    }

    String deadIndex() {
        return prefix + ":outbound:dead";
    }
}
