package io.github.recordingrules.application;

import io.github.recordingrules.application.Notifications.Cause;
import io.github.recordingrules.application.RoomStore.Conflict;
import io.github.recordingrules.application.RoomStore.Expired;
import io.github.recordingrules.application.RoomStore.SaveResult;
import io.github.recordingrules.application.RoomStore.Saved;
import io.github.recordingrules.application.RoomStore.StoredRoom;
import io.github.recordingrules.domain.room.Outcome;
import io.github.recordingrules.domain.room.Recording;
import io.github.recordingrules.domain.room.Room;
import io.github.recordingrules.domain.room.RoomEvent;
import io.github.recordingrules.domain.room.RoomSnapshot;
import io.github.recordingrules.domain.room.RoomType;
import io.github.recordingrules.domain.room.RoomTypeNotSupportedException;
import io.github.recordingrules.domain.room.SidGenerator;
import io.github.recordingrules.domain.rules.RecordingRules;

import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The use cases: each reads a room, lets the domain change it, and writes it back with a
 * compare-and-set, retrying on a concurrent write. A change is thus atomic per room, and so are the
 * messages it causes: they are written by the same compare-and-set (docs/SPEC.md §11.1.4), then a first
 * delivery attempt follows.
 */
public final class RoomService {

    private final RoomStore store;
    private final UniqueNames names;
    private final SidGenerator sids;
    private final Clock clock;
    private final Duration maxRoomLifetime;
    private final Duration retention;
    private final int maxAttempts;
    private final Outbound outbound;
    private final Metrics metrics;

    /** Changes that cause messages (docs/SPEC.md §11.1): what they are, where they are announced, who delivers them. */
    public record Outbound(Notifications notifications, CallbackTargets targets, Outbox outbox, Deliveries deliveries,
                           Duration writeDeadline) {

        static final Outbound NONE = new Outbound(Notifications.NONE, url -> Optional.empty(), null, null, Duration.ZERO);
    }

    /** A service whose changes cause no messages. */
    public RoomService(RoomStore store, SidGenerator sids, Clock clock, Duration maxRoomLifetime, Duration retention,
                       int maxAttempts) {
        this(store, sids, clock, maxRoomLifetime, retention, maxAttempts, Outbound.NONE, Metrics.NONE);
    }

    public RoomService(RoomStore store, SidGenerator sids, Clock clock, Duration maxRoomLifetime, Duration retention,
                       int maxAttempts, Outbound outbound, Metrics metrics) {
        this.outbound = outbound;
        this.metrics = metrics;
        this.store = store;
        this.names = new UniqueNames(store, maxRoomLifetime);
        this.sids = sids;
        this.clock = clock;
        this.maxRoomLifetime = maxRoomLifetime;
        this.retention = retention;
        this.maxAttempts = maxAttempts;
    }

    public Room createRoom(NewRoom request) {
        if (request.statusCallback() != null) {
            outbound.targets().refusal(request.statusCallback()).ifPresent(reason -> {
                throw new RefusedCallbackException(reason);
            });
        }
        String sid = sids.next("RM");
        Instant now = clock.instant();
        Room room = Room.create(sid, request.uniqueName(), request.type(), request.recordParticipantsOnConnect(),
                request.rules(), request.statusCallback(), request.statusCallbackMethod(), now);
        if (request.uniqueName() != null) {
            names.claimForNewRoom(request.uniqueName(), sid);
        }
        List<OutboundMessage> messages = outbound.notifications().watches(room)
                ? outbound.notifications().of(null, room, new Outcome(true, List.of(), List.of()), new Notifications.Created(now))
                : List.of();
        Announcement announcement = new Announcement(sid);
        SaveResult result = store.save(room, 0, maxRoomLifetime, announcement.outgoing(messages));
        if (result instanceof Expired) {
            throw new StoreUnavailableException("the write of room " + sid + " came after its deadline", null);
        }
        if (!(result instanceof Saved)) {
            throw new IllegalStateException("a new room SID was already taken: " + sid);
        }
        deliver(sid, messages);
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

    public Recording findRecording(String roomSid, String recordingSid) {
        return findRoom(roomSid).recording(recordingSid)
                .orElseThrow(() -> new RecordingNotFoundException(roomSid, recordingSid));
    }

    public RoomChange updateRules(String roomNameOrSid, RecordingRules rules) {
        Instant now = clock.instant();
        return mutate(names.resolve(roomNameOrSid), null, room -> room.replaceRules(rules, now, sids),
                new Notifications.RulesUpdated(now));
    }

    /** Ends the room, as {@code Status=completed} does; ending an ended room changes nothing. */
    public RoomChange completeRoom(String roomNameOrSid) {
        Instant now = clock.instant();
        RoomChange change = mutate(names.resolve(roomNameOrSid), null, room -> room.complete(now, sids),
                new Notifications.Completed(now));
        names.releaseAfter(change);
        return change;
    }

    /**
     * Applies a status callback. A room first heard of here is registered with the name and type the
     * callback gives.
     */
    public RoomChange handleEvent(String roomSid, String roomName, RoomType roomType, String eventName, RoomEvent event) {
        RoomChange change = mutate(roomSid, () -> {
            if (roomName != null && !(event instanceof RoomEvent.RoomEnded)) {
                // Claimed before the room is first saved, so that a failure in between leaves at worst a
                // claim on a room that does not exist (which any later claim takes over) and a retried
                // callback claims it again. Best effort: a name another in-progress room holds stays with it.
                names.claim(roomName, roomSid);
            }
            return Room.discovered(roomSid, roomName, roomType, event.timestamp());
        }, room -> room.apply(event, sids), new Notifications.Callback(eventName, event));
        names.releaseAfter(change);
        return change;
    }

    private StoredRoom load(String roomSid) {
        return store.load(roomSid).orElseThrow(() -> new RoomNotFoundException(roomSid));
    }

    private RoomChange mutate(String roomSid, Supplier<Room> whenAbsent, Function<Room, Outcome> change, Cause cause) {
        Optional<StoredRoom> current = store.load(roomSid);
        Announcement announcement = new Announcement(roomSid);
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
            RoomSnapshot before = outbound.notifications().watches(room) ? room.snapshot() : null;
            Outcome outcome = change.apply(room);
            if (!outcome.changed() && version != 0 && !store.confirmsWrites()) {
                return new RoomChange(room, outcome);
            }
            List<OutboundMessage> messages = before == null || !outcome.changed() ? List.of()
                    : outbound.notifications().of(before, room, outcome, cause);
            Duration expireAfter = wasInProgress && !room.inProgress() ? retention
                    : version == 0 ? maxRoomLifetime : null;
            SaveResult result = store.save(room, version, expireAfter, announcement.outgoing(messages));
            if (result instanceof Saved) {
                metrics.recordings(roomSid, outcome.started().size(), outcome.stopped().size());
                deliver(roomSid, messages);
                return new RoomChange(room, outcome);
            }
            if (result instanceof Expired) {
                announcement.expire();
                current = store.load(roomSid);
                continue;
            }
            metrics.compareAndSetRetry();
            current = ((Conflict) result).current();
            pauseAfterConflict(attempt, roomSid);
        }
        throw new ConcurrentUpdateException(roomSid);
    }

    private void deliver(String roomSid, List<OutboundMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        Set<Destination> destinations = new LinkedHashSet<>();
        messages.forEach(message -> destinations.add(message.destination()));
        outbound.deliveries().afterCommit(roomSid, destinations);
    }

    /**
     * The room's due index entry, written before the first write that carries messages and renewed when that
     * write has to be retried too late (docs/SPEC.md §11.1.5). The write may only apply within
     * {@code writeDeadline} of the entry, by the store's clock.
     */
    private final class Announcement {

        private final String roomSid;
        private long notAfter;
        private long announcedAtNanos;

        Announcement(String roomSid) {
            this.roomSid = roomSid;
        }

        Outgoing outgoing(List<OutboundMessage> messages) {
            if (messages.isEmpty()) {
                return Outgoing.NONE;
            }
            long window = outbound.writeDeadline().toNanos();
            if (notAfter == 0 || System.nanoTime() - announcedAtNanos > window / 2) {
                announcedAtNanos = System.nanoTime();
                notAfter = outbound.outbox().announce(roomSid) + TimeUnit.NANOSECONDS.toMicros(window);
            }
            return new Outgoing(messages, notAfter);
        }

        void expire() {
            notAfter = 0;
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
