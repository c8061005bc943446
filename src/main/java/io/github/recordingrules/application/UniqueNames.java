package io.github.recordingrules.application;

import io.github.recordingrules.domain.Sids;

import java.time.Duration;
import java.util.Optional;

/**
 * The unique-name protocol: a name points at the room that holds it while that room is in progress
 * and is freed when it ends; a name whose room ended or expired can be taken over. The store only
 * offers conditional writes of the pointer, so every step is safe against concurrent claims.
 */
final class UniqueNames {

    private final RoomStore store;
    private final Duration maxRoomLifetime;

    UniqueNames(RoomStore store, Duration maxRoomLifetime) {
        this.store = store;
        this.maxRoomLifetime = maxRoomLifetime;
    }

    /** Claims a name for a new room; an in-progress room holding it already refuses the claim. */
    void claimForNewRoom(String uniqueName, String roomSid) {
        if (!claim(uniqueName, roomSid)) {
            throw new UniqueNameInUseException(uniqueName);
        }
    }

    /** Claims the name, taking it over from a room that has ended or expired. */
    boolean claim(String uniqueName, String roomSid) {
        if (store.claimName(uniqueName, roomSid, null, maxRoomLifetime)) {
            return true;
        }
        Optional<String> holder = store.roomSidForName(uniqueName);
        if (holder.isEmpty()) {
            return store.claimName(uniqueName, roomSid, null, maxRoomLifetime);
        }
        if (holder.get().equals(roomSid)) {
            return true;
        }
        boolean holderInProgress = store.load(holder.get()).map(s -> s.room().inProgress()).orElse(false);
        return !holderInProgress && store.claimName(uniqueName, roomSid, holder.get(), maxRoomLifetime);
    }

    /** Frees the name of a room that has just ended, if it still points at that room. */
    void releaseAfter(RoomChange change) {
        if (!change.room().inProgress() && change.outcome().changed() && change.room().uniqueName() != null) {
            store.releaseName(change.room().uniqueName(), change.room().sid());
        }
    }

    /** The SID itself, or the SID of the in-progress room holding the name. */
    String resolve(String roomNameOrSid) {
        if (Sids.isRoom(roomNameOrSid)) {
            return roomNameOrSid;
        }
        String sid = store.roomSidForName(roomNameOrSid).orElseThrow(() -> new RoomNotFoundException(roomNameOrSid));
        boolean inProgress = store.load(sid).map(named -> named.room().inProgress()).orElse(false);
        if (!inProgress) {
            throw new RoomNotFoundException(roomNameOrSid);
        }
        return sid;
    }
}
