package io.github.recordingrules.application;

import io.github.recordingrules.application.RoomStore.Conflict;
import io.github.recordingrules.application.RoomStore.SaveResult;
import io.github.recordingrules.application.RoomStore.Saved;
import io.github.recordingrules.application.RoomStore.StoredRoom;
import io.github.recordingrules.domain.room.Outcome;
import io.github.recordingrules.domain.room.Room;
import io.github.recordingrules.domain.room.RoomEvent;
import io.github.recordingrules.domain.room.RoomType;
import io.github.recordingrules.domain.room.RoomTypeNotSupportedException;
import io.github.recordingrules.domain.room.SidGenerator;
import io.github.recordingrules.domain.rules.RecordingRules;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The use cases: each reads a room, lets the domain change it, and writes it back with a
 * compare-and-set, retrying on a concurrent write. A change is thus atomic per room.
 */
public final class RoomService {

    private static final System.Logger LOG = System.getLogger(RoomService.class.getName());

    private final RoomStore store;
    private final UniqueNames names;
    private final SidGenerator sids;
    private final Clock clock;
    private final Duration maxRoomLifetime;
    private final Duration retention;
    private final int maxAttempts;
    private final RecordingBackend backend;

    public RoomService(RoomStore store, SidGenerator sids, Clock clock, Duration maxRoomLifetime, Duration retention,
                       int maxAttempts) {
        this(store, sids, clock, maxRoomLifetime, retention, maxAttempts, RecordingBackend.NONE);
    }

    public RoomService(RoomStore store, SidGenerator sids, Clock clock, Duration maxRoomLifetime, Duration retention,
                       int maxAttempts, RecordingBackend backend) {
        this.backend = backend;
        this.store = store;
        this.names = new UniqueNames(store, maxRoomLifetime);
        this.sids = sids;
        this.clock = clock;
        this.maxRoomLifetime = maxRoomLifetime;
        this.retention = retention;
        this.maxAttempts = maxAttempts;
    }

    public Room createRoom(NewRoom request) {
        String sid = sids.next("RM");
        Room room = Room.create(sid, request.uniqueName(), request.type(), request.recordParticipantsOnConnect(),
                request.rules(), request.statusCallback(), request.statusCallbackMethod(), clock.instant());
        if (request.uniqueName() != null) {
            names.claimForNewRoom(request.uniqueName(), sid);
        }
        if (!(store.save(room, 0, maxRoomLifetime) instanceof Saved)) {
            throw new IllegalStateException("a new room SID was already taken: " + sid);
        }
        return room;
    }

    /** The room with this SID, or the in-progress room with this unique name. */
    public Room findRoom(String roomNameOrSid) {
        return load(names.resolve(roomNameOrSid)).room();
    }

    /** The room whose recording rules are read; only a room that can record has any. */
    public Room findRoomForRules(String roomNameOrSid) {
        Room room = findRoom(roomNameOrSid);
        if (!room.type().supportsRecording()) {
            throw new RoomTypeNotSupportedException(room.type());
        }
        return room;
    }

    public RoomChange updateRules(String roomNameOrSid, RecordingRules rules) {
        return mutate(names.resolve(roomNameOrSid), null, room -> room.replaceRules(rules, clock.instant(), sids));
    }

    /** Ends the room, as {@code Status=completed} does; ending an ended room changes nothing. */
    public RoomChange completeRoom(String roomNameOrSid) {
        RoomChange change = mutate(names.resolve(roomNameOrSid), null, room -> room.complete(clock.instant(), sids));
        names.releaseAfter(change);
        return change;
    }

    /**
     * Applies a status callback. A room first heard of here is registered with the name and type the
     * callback gives.
     */
    public RoomChange handleEvent(String roomSid, String roomName, RoomType roomType, RoomEvent event) {
        return handleEvent(roomSid, roomName, roomType, event, Map.of());
    }

    /**
     * Applies a media server's event that also tells the media server's own ids of the room's SIDs
     * (LiveKit's); they are remembered in the same write.
     */
    public RoomChange handleEvent(String roomSid, String roomName, RoomType roomType, RoomEvent event,
                                  Map<String, String> externalIds) {
        RoomChange change = mutate(roomSid, () -> {
            if (roomName != null && !(event instanceof RoomEvent.RoomEnded)) {
                // Claimed before the room is first saved, so that a failure in between leaves at worst a
                // claim on a room that does not exist (which any later claim takes over) and a retried
                // callback claims it again. Best effort: a name another in-progress room holds stays with it.
                names.claim(roomName, roomSid);
            }
            return Room.discovered(roomSid, roomName, roomType, event.timestamp());
        }, room -> {
            boolean learned = room.learnExternalIds(externalIds);
            Outcome outcome = room.apply(event, sids);
            return learned && !outcome.changed() ? new Outcome(true, List.of(), List.of()) : outcome;
        });
        names.releaseAfter(change);
        return change;
    }

    /** Remembers the media server's ids for SIDs of an existing room, e.g. the egress that records a recording. */
    public RoomChange rememberExternalIds(String roomSid, Map<String, String> externalIds) {
        return mutate(roomSid, null, room -> new Outcome(room.learnExternalIds(externalIds), List.of(), List.of()));
    }

    private StoredRoom load(String roomSid) {
        return store.load(roomSid).orElseThrow(() -> new RoomNotFoundException(roomSid));
    }

    private RoomChange mutate(String roomSid, Supplier<Room> whenAbsent, Function<Room, Outcome> change) {
        Optional<StoredRoom> current = store.load(roomSid);
        for (int attempt = 0; attempt < maxAttempts; attempt++) {
            Room room;
            long version;
            if (current.isPresent()) {
                room = current.get().room();
                version = current.get().version();
            } else if (whenAbsent != null) {
                room = whenAbsent.get();
                version = 0;
            } else {
                throw new RoomNotFoundException(roomSid);
            }
            boolean wasInProgress = room.inProgress();
            Outcome outcome = change.apply(room);
            if (!outcome.changed() && version != 0) {
                return new RoomChange(room, outcome);
            }
            Duration expireAfter = wasInProgress && !room.inProgress() ? retention
                    : version == 0 ? maxRoomLifetime : null;
            SaveResult result = store.save(room, version, expireAfter);
            if (result instanceof Saved) {
                tellBackend(room, outcome);
                return new RoomChange(room, outcome);
            }
            current = ((Conflict) result).current();
            pauseAfterConflict(attempt, roomSid);
        }
        throw new ConcurrentUpdateException(roomSid);
    }

    /**
     * Carries out what the committed change asks of the recording backend, once each, right away. A
     * command that fails is logged and not tried again: the at-least-once delivery that will carry these
     * commands (issue 10) is not there yet.
     */
    private void tellBackend(Room room, Outcome outcome) {
        for (RecordingCommand command : backend.commandsFor(room, outcome)) {
            try {
                backend.execute(command, 1);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Recording command failed and is not retried: " + command + ": " + e);
            }
        }
    }

    /** The first retries go at once (the conflict answer carries the fresh state); then a short random pause. */
    private static void pauseAfterConflict(int attempt, String roomSid) {
        if (attempt < 2) {
            return;
        }
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 2L << Math.min(attempt, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConcurrentUpdateException(roomSid);
        }
    }
}
