package io.github.recordingrules.application;

import io.github.recordingrules.domain.room.Recording;
import io.github.recordingrules.domain.room.RoomStatus;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What spans rooms (docs/SPEC.md §8.7): rooms by status, creation time and unique name for
 * {@code GET /v1/Rooms}; every recording by creation time, and the room of each, for {@code /v1/Recordings};
 * and the metadata of deleted recordings, kept longer than their rooms.
 * <p>
 * A room's change is one compare-and-set of the room alone, so the index cannot be written in the same
 * step. It is written before that step, with what the change will commit ({@link #beforeSave}), and
 * tidied after it ({@link #afterEnd}): a crash in between leaves an entry too many, which readers skip
 * because the room itself is always read, never an entry missing. Entries expire with what they name.
 */
public interface AccountIndex {

    /** Writes what a room change is about to commit; idempotent, so a retried change writes it again. */
    void beforeSave(Update update);

    /** After the save that ended the room: it leaves the in-progress rooms; its entries expire with it. */
    void afterEnd(String roomSid, Instant expiresAt, Collection<String> recordingSids);

    /** Room SIDs of one status (or of one unique name, of any status), oldest first, created in [from, to]. */
    Window<String> rooms(RoomStatus status, String uniqueName, Instant from, Instant to, int offset, int count);

    /** Recordings of every room, oldest first, created in [from, to]. */
    Window<RecordingEntry> recordings(Instant from, Instant to, int offset, int count);

    /** The room a recording belongs to, while it is kept. */
    Optional<String> roomOfRecording(String recordingSid);

    /** A deleted recording, kept until {@code until} even after its room has expired. */
    void keepDeleted(String roomSid, Recording deleted, Instant until);

    Optional<RecordingEntry> deletedRecording(String recordingSid);

    /**
     * What one room change commits, for the index.
     *
     * @param uniqueName     the room's unique name, or null
     * @param first          the change saves the room for the first time
     * @param ending         the change ends the room
     * @param started        the recordings the change starts
     * @param lifetimeUntil  when the room expires if it never ends (counted from now: a bound for a first save)
     * @param retentionUntil when the room expires if this change ends it
     */
    record Update(String roomSid, String uniqueName, Instant dateCreated, boolean first, boolean ending,
                  List<Recording> started, Instant lifetimeUntil, Instant retentionUntil) {

        public Update {
            started = List.copyOf(started);
        }

        boolean isEmpty() {
            return !first && !ending && started.isEmpty();
        }
    }

    /**
     * Some entries of an index.
     *
     * @param more whether entries follow
     */
    record Window<T>(List<T> entries, boolean more) {
    }

    /** A recording and its room; {@code recording} is set only for a deleted recording's kept copy. */
    record RecordingEntry(String recordingSid, String roomSid, Recording recording) {
    }
}
