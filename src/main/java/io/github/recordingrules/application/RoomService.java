package io.github.recordingrules.application;

import io.github.recordingrules.application.Notifications.Cause;
import io.github.recordingrules.application.RoomStore.Conflict;
import io.github.recordingrules.application.RoomStore.Expired;
import io.github.recordingrules.application.RoomStore.SaveResult;
import io.github.recordingrules.application.RoomStore.Saved;
import io.github.recordingrules.application.RoomStore.StoredRoom;
import io.github.recordingrules.domain.room.Outcome;
import io.github.recordingrules.domain.room.Recording;
import io.github.recordingrules.domain.room.RecordingStatus;
import io.github.recordingrules.domain.room.Room;
import io.github.recordingrules.domain.room.RoomEvent;
import io.github.recordingrules.domain.room.RoomScope;
import io.github.recordingrules.domain.room.RoomSnapshot;
import io.github.recordingrules.domain.room.RoomType;
import io.github.recordingrules.domain.room.RoomTypeNotSupportedException;
import io.github.recordingrules.domain.room.RulesPreview;
import io.github.recordingrules.domain.room.SidGenerator;
import io.github.recordingrules.domain.rules.RecordingRules;

import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
    private final AccountIndex index;
    private final UniqueNames names;
    private final SidGenerator sids;
    private final Clock clock;
    private final Duration maxRoomLifetime;
    private final Duration retention;
    private final Duration keepDeleted;
    private final int maxAttempts;
    private final Duration writeDeadline;
    private final Outbound outbound;
    private final Metrics metrics;
    private final RecordingBackend backend;

    /** Changes that cause messages (docs/SPEC.md §11.1): what they are, where they are announced, who delivers them. */
    public record Outbound(Notifications notifications, CallbackTargets targets, Outbox outbox, Deliveries deliveries) {

        static final Outbound NONE = new Outbound(Notifications.NONE, url -> Optional.empty(), null, null);
    }

    /**
     * @param maxRoomLifetime how long a room is kept while in progress
     * @param retention       how long an ended room is kept
     * @param keepDeleted     how long a deleted recording's metadata stays readable (docs/SPEC.md §4.6)
     * @param maxAttempts     compare-and-set attempts of one change before it gives up (409)
     * @param writeDeadline   how long after a write is sent it may still be applied; a write the store
     *                        would apply later is dropped, so that a failure answer means nothing was written
     *                        (docs/SPEC.md §9.3); also the window of a due index entry (§11.1.5)
     */
    public record Settings(Duration maxRoomLifetime, Duration retention, Duration keepDeleted, int maxAttempts,
                           Duration writeDeadline) {
    }

    /** A service whose changes cause no messages. */
    public RoomService(RoomStore store, AccountIndex index, SidGenerator sids, Clock clock, Settings settings) {
        this(store, index, sids, clock, settings, Outbound.NONE, Metrics.NONE);
    }

    /** A service with no media server that records on command. */
    public RoomService(RoomStore store, AccountIndex index, SidGenerator sids, Clock clock, Settings settings,
                       Outbound outbound, Metrics metrics) {
        this(store, index, sids, clock, settings, outbound, metrics, RecordingBackend.NONE);
    }

    public RoomService(RoomStore store, AccountIndex index, SidGenerator sids, Clock clock, Settings settings,
                       Outbound outbound, Metrics metrics, RecordingBackend backend) {
        this.outbound = outbound;
        this.backend = backend;
        this.metrics = metrics;
        this.writeDeadline = settings.writeDeadline();
        this.store = store;
        this.index = index;
        this.names = new UniqueNames(store, settings.maxRoomLifetime());
        this.sids = sids;
        this.clock = clock;
        this.maxRoomLifetime = settings.maxRoomLifetime();
        this.retention = settings.retention();
        this.keepDeleted = settings.keepDeleted();
        this.maxAttempts = settings.maxAttempts();
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
        index.beforeSave(new AccountIndex.Update(sid, room.uniqueName(), room.dateCreated(), true, false, List.of(),
                now.plus(maxRoomLifetime), now.plus(retention)));
        List<OutboundMessage> messages = outbound.notifications().watches(room)
                ? outbound.notifications().of(null, room, new Outcome(true, List.of(), List.of()), new Notifications.Created(now))
                : List.of();
        Announcement announcement = new Announcement(sid);
        Outgoing outgoing = announcement.outgoing(messages);
        SaveResult result = store.save(room, null, maxRoomLifetime, writeDeadline(), outgoing);
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

    /** A recording of this room, unless it was deleted longer ago than deleted recordings are kept. */
    public Recording findRecording(String roomSid, String recordingSid) {
        return findRecording(findRoom(roomSid), recordingSid);
    }

    /** A recording of this room, as {@link #findRecording(String, String)} finds it. */
    public Recording findRecording(Room room, String recordingSid) {
        return room.recording(recordingSid).filter(this::readable)
                .orElseThrow(() -> new RecordingNotFoundException(room.sid(), recordingSid));
    }

    /**
     * A recording by its SID alone ({@code /v1/Recordings/{Sid}}): found through the index, read from its
     * room, or from the copy kept of it once deleted if the room has expired since.
     */
    public RoomRecording findRecording(String recordingSid) {
        Optional<String> roomSid = index.roomOfRecording(recordingSid);
        if (roomSid.isPresent()) {
            Optional<Recording> inRoom = store.load(roomSid.get()).flatMap(stored -> stored.room().recording(recordingSid));
            if (inRoom.isPresent()) {
                return new RoomRecording(roomSid.get(), inRoom.filter(this::readable)
                        .orElseThrow(() -> new RecordingNotFoundException(null, recordingSid)));
            }
        }
        return index.deletedRecording(recordingSid)
                .filter(kept -> readable(kept.recording()))
                .map(kept -> new RoomRecording(kept.roomSid(), kept.recording()))
                .orElseThrow(() -> new RecordingNotFoundException(null, recordingSid));
    }

    /** Whether a recording is still shown: a deleted one only for {@code keepDeleted} after its deletion. */
    boolean readable(Recording recording) {
        return recording.readableAt(clock.instant(), keepDeleted);
    }

    /**
     * Deletes an ended recording (docs/SPEC.md §4.6): {@code roomSid} null finds its room through the
     * index. Deleting a deleted recording changes nothing.
     */
    public void deleteRecording(String roomSid, String recordingSid) {
        String owner = roomSid;
        if (owner == null) {
            RoomRecording found = findRecording(recordingSid);
            if (found.recording().status() == RecordingStatus.DELETED) {
                return;
            }
            owner = found.roomSid();
        }
        mutate(owner, RoomScope.WHOLE, null, current -> {
            Recording recording = current.recording(recordingSid).filter(this::readable)
                    .orElseThrow(() -> new RecordingNotFoundException(roomSid, recordingSid));
            return current.deleteRecording(recording.sid(), clock.instant());
        }, new Notifications.RecordingDeleted(clock.instant()));
    }

    /** What posting these rules to the room now would start and stop, changing nothing. */
    public RulesPreview previewRules(Room room, RecordingRules rules) {
        return room.previewRules(rules, clock.instant());
    }

    public RoomChange updateRules(String roomNameOrSid, RecordingRules rules) {
        Instant now = clock.instant();
        return mutate(names.resolve(roomNameOrSid), RoomScope.WHOLE, null, room -> room.replaceRules(rules, now, sids),
                new Notifications.RulesUpdated(now));
    }

    /** Ends the room, as {@code Status=completed} does; ending an ended room changes nothing. */
    public RoomChange completeRoom(String roomNameOrSid) {
        Instant now = clock.instant();
        RoomChange change = mutate(names.resolve(roomNameOrSid), RoomScope.WHOLE, null, room -> room.complete(now, sids),
                new Notifications.Completed(now));
        names.releaseAfter(change);
        return change;
    }

    /**
     * Applies a status callback. A room first heard of here is registered with the name and type the
     * callback gives.
     */
    public RoomChange handleEvent(String roomSid, String roomName, RoomType roomType, String eventName, RoomEvent event) {
        return handleEvent(roomSid, roomName, roomType, eventName, event, Map.of());
    }

    /**
     * Applies a media server's event that also tells the media server's own ids of the room's SIDs
     * (LiveKit's); they are remembered in the same write. Only the part of the room the event concerns is read
     * and written (its {@link RoomScope}), unless a push needs the whole room's recording tracks.
     */
    public RoomChange handleEvent(String roomSid, String roomName, RoomType roomType, String eventName, RoomEvent event,
                                  Map<String, String> externalIds) {
        RoomScope scope = outbound.notifications().needWholeRoom() ? RoomScope.WHOLE
                : RoomScope.of(event).including(externalIds.keySet());
        RoomChange change = mutate(roomSid, scope, () -> {
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
        }, new Notifications.Callback(eventName, event));
        names.releaseAfter(change);
        return change;
    }

    /** Remembers the media server's ids for SIDs of an existing room, e.g. the egress that records a recording. */
    public RoomChange rememberExternalIds(String roomSid, Map<String, String> externalIds) {
        RoomScope scope = outbound.notifications().needWholeRoom() ? RoomScope.WHOLE
                : new RoomScope(false, Set.of(), Set.of(), Set.of()).including(externalIds.keySet());
        return mutate(roomSid, scope, null, room -> new Outcome(room.learnExternalIds(externalIds), List.of(), List.of()),
                new Notifications.ExternalIdsLearned(clock.instant()));
    }

    private StoredRoom load(String roomSid) {
        return store.load(roomSid).orElseThrow(() -> new RoomNotFoundException(roomSid));
    }

    /**
     * A change of the room's {@code scope}. It starts from what this instance recalls of that part when it can
     * (a write then costs one round trip), and from a read otherwise; a recalled state found stale by the save
     * comes back with the current one, as a concurrent write does.
     */
    private RoomChange mutate(String roomSid, RoomScope scope, Supplier<Room> whenAbsent, Function<Room, Outcome> change,
                              Cause cause) {
        Optional<StoredRoom> current = store.recall(roomSid, scope);
        boolean recalled = current.isPresent();
        if (!recalled) {
            current = store.load(roomSid, scope);
        }
        Announcement announcement = new Announcement(roomSid);
        for (int attempt = 0; attempt < maxAttempts; attempt++) {
            Room room;
            RoomStore.Revision read;
            if (current.isPresent()) {
                room = current.get().room();
                read = current.get().revision();
            } else if (whenAbsent != null) {
                room = whenAbsent.get();
                read = null;
            } else {
                throw new RoomNotFoundException(roomSid);
            }
            boolean wasInProgress = room.inProgress();
            RoomSnapshot before = outbound.notifications().watches(room) ? room.snapshot() : null;
            Outcome outcome = change.apply(room);
            if (!outcome.changed() && read != null && !store.confirmsWrites()) {
                if (recalled) {
                    // "Nothing to do" is an answer only what is stored now can give.
                    recalled = false;
                    current = store.load(roomSid, scope);
                    attempt--;
                    continue;
                }
                return new RoomChange(room, outcome);
            }
            List<OutboundMessage> messages = before == null || !outcome.changed() ? List.of()
                    : outbound.notifications().of(before, room, outcome, cause);
            messages = withRecordingCommands(messages, room, outcome);
            boolean ending = wasInProgress && !room.inProgress();
            Duration expireAfter = ending ? retention : read == null ? maxRoomLifetime : null;
            prepareIndex(room, read == null, ending, outcome);
            Outgoing outgoing = announcement.outgoing(messages);
            SaveResult result = store.save(room, read, expireAfter, writeDeadline(), outgoing);
            if (result instanceof Saved) {
                if (recalled) {
                    metrics.recalled(true);
                }
                if (ending) {
                    index.afterEnd(room.sid(), clock.instant().plus(retention), room.recordings().stream()
                            .filter(r -> r.status() != RecordingStatus.DELETED).map(Recording::sid).toList());
                }
                metrics.recordings(roomSid, outcome.started().size(), outcome.stopped().size());
                deliver(roomSid, messages);
                return new RoomChange(room, outcome);
            }
            if (result instanceof Expired) {
                announcement.expire();
                recalled = false;
                current = store.load(roomSid, scope);
                continue;
            }
            current = ((Conflict) result).current();
            if (recalled) {
                // What this instance recalled was stale: the answer carries the current state, so this is a read.
                recalled = false;
                attempt--;
                metrics.recalled(false);
                continue;
            }
            metrics.compareAndSetRetry();
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
            long window = writeDeadline.toNanos();
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

    /**
     * The latest time the write being sent may still be applied, taken as it is sent: each attempt has its own,
     * as an attempt that lost a conflict wrote nothing (docs/SPEC.md §9.3).
     */
    private Instant writeDeadline() {
        return clock.instant().plus(writeDeadline);
    }

    /** Writes to the index, before the save, what the save will commit (see {@link AccountIndex}). */
    private void prepareIndex(Room room, boolean first, boolean ending, Outcome outcome) {
        Instant now = clock.instant();
        AccountIndex.Update update = new AccountIndex.Update(room.sid(), room.uniqueName(), room.dateCreated(), first,
                ending, outcome.started(), now.plus(maxRoomLifetime), now.plus(retention));
        if (!update.isEmpty()) {
            index.beforeSave(update);
        }
        for (Recording deleted : outcome.deleted()) {
            index.keepDeleted(room.sid(), deleted, deleted.dateDeleted().plus(keepDeleted));
        }
    }

    /**
     * Adds what the change asks of the recording backend, as one message committed with the change and
     * delivered at least once like the others (docs/SPEC.md §12.4).
     */
    private List<OutboundMessage> withRecordingCommands(List<OutboundMessage> messages, Room room, Outcome outcome) {
        List<RecordingCommand> commands = backend.commandsFor(room, outcome);
        if (commands.isEmpty()) {
            return messages;
        }
        List<OutboundMessage> all = new ArrayList<>(messages);
        all.add(new OutboundMessage.RecordingCommands(sids.next(""), room.sid(), commands));
        return all;
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
