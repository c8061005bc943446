package io.github.recordingrules.application;

import io.github.recordingrules.application.AccountIndex.RecordingEntry;
import io.github.recordingrules.application.AccountIndex.Window;
import io.github.recordingrules.domain.room.Recording;
import io.github.recordingrules.domain.room.Room;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lists that span rooms (docs/SPEC.md §5.15, §5.17). A page is a window of the index, of which only
 * the entries whose room, read afresh, still matches are shown: the room is the truth, an index entry
 * only a pointer to it. Each page costs one index read and one read per room shown, whatever the number
 * of other rooms stored.
 */
public final class Listings {

    private final RoomStore store;
    private final AccountIndex index;
    private final Clock clock;
    private final Duration keepDeleted;

    public Listings(RoomStore store, AccountIndex index, Clock clock, Duration keepDeleted) {
        this.store = store;
        this.index = index;
        this.clock = clock;
        this.keepDeleted = keepDeleted;
    }

    /** Rooms of the query's status, oldest first. */
    public Page<Room> rooms(RoomQuery query, int size, int page) {
        Window<String> window = index.rooms(query.status(), query.uniqueName(), query.after(), query.before(),
                offset(size, page), size);
        List<Room> shown = new ArrayList<>();
        for (String sid : window.entries()) {
            store.load(sid).map(RoomStore.StoredRoom::room).filter(query::matches).ifPresent(shown::add);
        }
        return new Page<>(shown, window.more());
    }

    /** A room's recordings, in the order they started. */
    public Page<Recording> recordingsOf(Room room, RecordingQuery query, int size, int page) {
        return Page.of(room.recordings().stream().filter(r -> readable(r) && query.matches(room.sid(), r)).toList(),
                size, page);
    }

    /**
     * Every room's recordings, oldest first. With a room among the grouping SIDs the list is that room's
     * own; otherwise it is read through the index of all recordings.
     */
    public Page<RoomRecording> recordings(RecordingQuery query, int size, int page) {
        String roomSid = query.roomSid();
        if (roomSid != null) {
            Optional<Room> room = store.load(roomSid).map(RoomStore.StoredRoom::room);
            if (room.isEmpty()) {
                return new Page<>(List.of(), false);
            }
            Page<Recording> own = recordingsOf(room.get(), query, size, page);
            return new Page<>(own.items().stream().map(r -> new RoomRecording(roomSid, r)).toList(), own.more());
        }
        Window<RecordingEntry> window = index.recordings(query.after(), query.before(), offset(size, page), size);
        Map<String, Optional<Room>> rooms = new HashMap<>();
        List<RoomRecording> shown = new ArrayList<>();
        for (RecordingEntry entry : window.entries()) {
            Optional<Recording> recording = rooms
                    .computeIfAbsent(entry.roomSid(), sid -> store.load(sid).map(RoomStore.StoredRoom::room))
                    .flatMap(room -> room.recording(entry.recordingSid()))
                    .or(() -> index.deletedRecording(entry.recordingSid()).map(RecordingEntry::recording));
            recording.filter(r -> readable(r) && query.matches(entry.roomSid(), r))
                    .ifPresent(r -> shown.add(new RoomRecording(entry.roomSid(), r)));
        }
        return new Page<>(shown, window.more());
    }

    private boolean readable(Recording recording) {
        return recording.readableAt(clock.instant(), keepDeleted);
    }

    private static int offset(int size, int page) {
        return (int) Math.min(Integer.MAX_VALUE, (long) size * page);
    }
}
