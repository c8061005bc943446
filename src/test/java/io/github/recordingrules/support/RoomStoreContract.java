package io.github.recordingrules.support;

import io.github.recordingrules.application.RoomStore;
import io.github.recordingrules.application.RoomStore.Conflict;
import io.github.recordingrules.application.RoomStore.SaveResult;
import io.github.recordingrules.application.RoomStore.Saved;
import io.github.recordingrules.application.RoomStore.StoredRoom;
import io.github.recordingrules.application.StoreUnavailableException;
import io.github.recordingrules.domain.room.Room;
import io.github.recordingrules.domain.room.RoomEvent;
import io.github.recordingrules.domain.room.RoomType;
import io.github.recordingrules.domain.rules.TrackKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link RoomStore} does, run against each of them (Redis, and the in-memory store the
 * application's tests use), so that a test passing over the in-memory store means something.
 */
public abstract class RoomStoreContract {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration LIFETIME = Duration.ofHours(48);

    protected abstract RoomStore store();

    /** The time to live the store last set on the room, if it has one. */
    protected abstract Optional<Duration> expiry(String roomSid);

    private static Room newRoom() {
        return Room.create(Fixtures.sid("RM", "contract-" + UUID.randomUUID()), null, RoomType.GROUP, true, null, null,
                null, T0);
    }

    private static Room changed(StoredRoom stored, String label) {
        Room room = stored.room();
        room.apply(new RoomEvent.TrackAdded(T0.plusSeconds(1), Fixtures.sid("PA", label), label,
                Fixtures.sid("MT", label + "-" + UUID.randomUUID()), TrackKind.AUDIO, "mic"), Fixtures.countingSids());
        return room;
    }

    /** A save with time to spare before its deadline. */
    private SaveResult save(Room room, long expectedVersion, Duration expireAfter) {
        return store().save(room, expectedVersion, expireAfter, Instant.now().plusSeconds(30));
    }

    @Test
    void aRoomNeverSavedIsNotThere() {
        assertThat(store().load(newRoom().sid())).isEmpty();
    }

    @Test
    void aNewRoomIsSavedAtVersionOneAndLoadsAsItWasSaved() {
        Room room = newRoom();

        assertThat(save(room, 0, LIFETIME)).isEqualTo(new Saved(1));

        StoredRoom loaded = store().load(room.sid()).orElseThrow();
        assertThat(loaded.version()).isEqualTo(1);
        assertThat(loaded.room().snapshot()).isEqualTo(room.snapshot());
    }

    @Test
    void everyFieldOfARoomIsKept() {
        Room room = Fixtures.everyField(newRoom().sid());
        save(room, 0, LIFETIME);
        long version = store().load(room.sid()).orElseThrow().version();

        assertThat(store().load(room.sid()).orElseThrow().room().snapshot()).isEqualTo(room.snapshot());
        assertThat(save(room, version, null)).isEqualTo(new Saved(version + 1));
    }

    @Test
    void aSaveAtTheStoredVersionIncrementsIt() {
        Room room = newRoom();
        save(room, 0, LIFETIME);

        Room next = changed(store().load(room.sid()).orElseThrow(), "alice");

        assertThat(save(next, 1, null)).isEqualTo(new Saved(2));
        assertThat(store().load(room.sid()).orElseThrow().room().snapshot()).isEqualTo(next.snapshot());
    }

    @Test
    void aSaveAtAnOlderVersionIsAConflictThatAnswersWhatIsStoredAndWritesNothing() {
        Room room = newRoom();
        save(room, 0, LIFETIME);
        StoredRoom read = store().load(room.sid()).orElseThrow();
        Room first = changed(store().load(room.sid()).orElseThrow(), "first");
        save(first, read.version(), null);

        SaveResult late = save(changed(read, "late"), read.version(), null);

        assertThat(late).isInstanceOf(Conflict.class);
        StoredRoom current = ((Conflict) late).current().orElseThrow();
        assertThat(current.version()).isEqualTo(2);
        assertThat(current.room().snapshot()).isEqualTo(first.snapshot());
        assertThat(store().load(room.sid()).orElseThrow().room().snapshot()).isEqualTo(first.snapshot());
    }

    @Test
    void aNewRoomWhoseSidIsTakenIsAConflict() {
        Room room = newRoom();
        save(room, 0, LIFETIME);

        SaveResult again = save(room, 0, LIFETIME);

        assertThat(again).isInstanceOf(Conflict.class);
        assertThat(((Conflict) again).current().orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void aSaveOfARoomThatIsGoneIsAConflictWithNothingStored() {
        Room room = newRoom();

        assertThat(save(room, 3, null)).isEqualTo(new Conflict(Optional.empty()));
        assertThat(store().load(room.sid())).isEmpty();
    }

    @Test
    void theExpiryIsSetWhenGivenAndKeptOtherwise() {
        Room room = newRoom();
        save(room, 0, LIFETIME);
        assertThat(expiry(room.sid())).hasValueSatisfying(ttl -> assertThat(ttl).isBetween(LIFETIME.minusMinutes(1), LIFETIME));

        save(changed(store().load(room.sid()).orElseThrow(), "a"), 1, null);
        assertThat(expiry(room.sid())).hasValueSatisfying(ttl -> assertThat(ttl).isBetween(LIFETIME.minusMinutes(1), LIFETIME));

        save(changed(store().load(room.sid()).orElseThrow(), "b"), 2, Duration.ofHours(24));
        assertThat(expiry(room.sid())).hasValueSatisfying(ttl -> assertThat(ttl).isBetween(Duration.ofHours(23), Duration.ofHours(24)));
    }

    @Test
    void aSaveTheStoreWouldApplyAfterItsDeadlineFailsAndWritesNothing() {
        Room room = newRoom();
        save(room, 0, LIFETIME);
        Room next = changed(store().load(room.sid()).orElseThrow(), "late");

        assertThatThrownBy(() -> store().save(next, 1, null, Instant.now().minusMillis(1)))
                .isInstanceOf(StoreUnavailableException.class);

        StoredRoom stored = store().load(room.sid()).orElseThrow();
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.room().snapshot()).isEqualTo(room.snapshot());
    }

    @Test
    void aNameIsClaimedWhenFreeAndResolvesToItsRoom() {
        String name = "contract-" + UUID.randomUUID();
        String sid = newRoom().sid();
        assertThat(store().roomSidForName(name)).isEmpty();

        assertThat(store().claimName(name, sid, null, LIFETIME)).isTrue();

        assertThat(store().roomSidForName(name)).contains(sid);
    }

    @Test
    void aHeldNameIsClaimedOnlyFromTheRoomNamedAsStale() {
        String name = "contract-" + UUID.randomUUID();
        String holder = newRoom().sid();
        String other = newRoom().sid();
        store().claimName(name, holder, null, LIFETIME);

        assertThat(store().claimName(name, other, null, LIFETIME)).isFalse();
        assertThat(store().claimName(name, holder, null, LIFETIME)).as("not even by its holder, without naming it").isFalse();
        assertThat(store().claimName(name, other, newRoom().sid(), LIFETIME)).as("stale room named wrongly").isFalse();
        assertThat(store().roomSidForName(name)).contains(holder);

        assertThat(store().claimName(name, other, holder, LIFETIME)).isTrue();
        assertThat(store().roomSidForName(name)).contains(other);
    }

    @Test
    void aNameIsReleasedOnlyByTheRoomItPointsAt() {
        String name = "contract-" + UUID.randomUUID();
        String holder = newRoom().sid();
        store().claimName(name, holder, null, LIFETIME);

        store().releaseName(name, newRoom().sid());
        assertThat(store().roomSidForName(name)).contains(holder);

        store().releaseName(name, holder);
        assertThat(store().roomSidForName(name)).isEmpty();
    }
}
