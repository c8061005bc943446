package io.github.recordingrules.application;

import java.time.Duration;
import java.util.Optional;

/**
 * Finds the room a media server's event is about, when the media server has its own room ids and
 * names rooms by their unique name (LiveKit): a room linked to its id before; else the in-progress room
 * holding its name, unless that room already belongs to another of the media server's rooms; else the
 * SID the adapter derives from the id, so that every instance and every retry finds the same one.
 */
public final class MediaServerRooms {

    private final RoomStore store;
    private final ExternalRoomIds links;
    private final UniqueNames names;
    private final Duration linkLifetime;

    public MediaServerRooms(RoomStore store, ExternalRoomIds links, Duration maxRoomLifetime, Duration retention) {
        this.store = store;
        this.links = links;
        this.names = new UniqueNames(store, maxRoomLifetime);
        // A link must outlive the room it points at: its whole life and its retention.
        this.linkLifetime = maxRoomLifetime.plus(retention);
    }

    public String roomSidFor(String externalRoomId, String name, String derivedSid) {
        Optional<String> linked = links.roomSidFor(externalRoomId);
        if (linked.isPresent()) {
            return linked.get();
        }
        if (name != null) {
            Optional<String> named = inProgressRoomNamed(name);
            if (named.isPresent() && !named.get().equals(derivedSid) && belongsToNoOther(named.get(), externalRoomId)) {
                links.link(externalRoomId, named.get(), linkLifetime);
                return named.get();
            }
        }
        return derivedSid;
    }

    private Optional<String> inProgressRoomNamed(String name) {
        try {
            return Optional.of(names.resolve(name));
        } catch (RoomNotFoundException e) {
            return Optional.empty();
        }
    }

    private boolean belongsToNoOther(String roomSid, String externalRoomId) {
        return store.load(roomSid)
                .map(stored -> stored.room().externalId(roomSid).map(externalRoomId::equals).orElse(true))
                .orElse(false);
    }
}
