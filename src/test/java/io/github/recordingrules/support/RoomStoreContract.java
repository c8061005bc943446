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

    /** The room expires now, as at the end of its time to live. */
    protected abstract void expireNow(String roomSid);

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
    private SaveResult save(Room room, StoredRoom read, Duration expireAfter) {
        return store().save(room, read == null ? null : read.revision(), expireAfter, Instant.now().plusSeconds(30));
    }

    private StoredRoom load(Room room) {
        return store().load(room.sid()).orElseThrow();
    }

    private static long version(SaveResult result) {
        assertThat(result).isInstanceOf(Saved.class);
        return ((Saved) result).version();
    }

    @Test
    void aRoomNeverSavedIsNotThere() {
        assertThat(store().load(newRoom().sid())).isEmpty();
    }

    @Test
    void aNewRoomIsSavedAtVersionOneAndLoadsAsItWasSaved() {
        Room room = newRoom();

        assertThat(version(save(room, null, LIFETIME))).isEqualTo(1);

        StoredRoom loaded = store().load(room.sid()).orElseThrow();
        assertThat(loaded.version()).isEqualTo(1);
        assertThat(loaded.room().snapshot()).isEqualTo(room.snapshot());
    }

    @Test
    void everyFieldOfARoomIsKept() {
        Room room = Fixtures.everyField(newRoom().sid());
        save(room, null, LIFETIME);
        StoredRoom read = load(room);

        assertThat(read.room().snapshot()).isEqualTo(room.snapshot());
        assertThat(version(save(read.room(), read, null))).isEqualTo(read.version() + 1);
        assertThat(load(room).room().snapshot()).isEqualTo(room.snapshot());
    }

    @Test
    void aSaveAtTheStoredVersionIncrementsIt() {
        Room room = newRoom();
        save(room, null, LIFETIME);

        StoredRoom read = load(room);
        Room next = changed(read, "alice");

        assertThat(version(save(next, read, null))).isEqualTo(2);
        assertThat(store().load(room.sid()).orElseThrow().room().snapshot()).isEqualTo(next.snapshot());
    }

    @Test
    void aSaveAtAnOlderVersionIsAConflictThatAnswersWhatIsStoredAndWritesNothing() {
        Room room = newRoom();
        save(room, null, LIFETIME);
        StoredRoom read = load(room);
        StoredRoom again = load(room);
        Room first = changed(again, "first");
        save(first, again, null);

        SaveResult late = save(changed(read, "late"), read, null);

        assertThat(late).isInstanceOf(Conflict.class);
        StoredRoom current = ((Conflict) late).current().orElseThrow();
        assertThat(current.version()).isEqualTo(2);
        assertThat(current.room().snapshot()).isEqualTo(first.snapshot());
        assertThat(store().load(room.sid()).orElseThrow().room().snapshot()).isEqualTo(first.snapshot());
    }

    @Test
    void aNewRoomWhoseSidIsTakenIsAConflict() {
        Room room = newRoom();
        save(room, null, LIFETIME);

        SaveResult again = save(room, null, LIFETIME);

        assertThat(again).isInstanceOf(Conflict.class);
        assertThat(((Conflict) again).current().orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void aSaveOfARoomThatIsGoneIsAConflictWithNothingStored() {
        Room room = newRoom();
        save(room, null, LIFETIME);
        StoredRoom read = load(room);
        expireNow(room.sid());

        assertThat(save(changed(read, "gone"), read, null)).isEqualTo(new Conflict(Optional.empty()));
        assertThat(store().load(room.sid())).isEmpty();
    }

    @Test
    void whatWasReadOfARoomThatExpiredIsNeverWrittenOverTheRoomStoredAgainUnderItsSid() {
        Room room = newRoom();
        save(room, null, LIFETIME);
        StoredRoom read = load(room);
        expireNow(room.sid());
        Room again = Room.create(room.sid(), null, RoomType.GROUP, false, null, null, null, T0.plusSeconds(60));
        save(again, null, LIFETIME);
        assertThat(load(room).version()).as("the new incarnation is at the version that was read").isEqualTo(read.version());

        SaveResult stale = save(changed(read, "stale"), read, null);

        assertThat(stale).isInstanceOf(Conflict.class);
        assertThat(((Conflict) stale).current().orElseThrow().room().snapshot()).isEqualTo(again.snapshot());
        assertThat(load(room).room().snapshot()).isEqualTo(again.snapshot());
    }

    @Test
    void theExpiryIsSetWhenGivenAndKeptOtherwise() {
        Room room = newRoom();
        save(room, null, LIFETIME);
        assertThat(expiry(room.sid())).hasValueSatisfying(ttl -> assertThat(ttl).isBetween(LIFETIME.minusMinutes(1), LIFETIME));

        StoredRoom first = load(room);
        save(changed(first, "a"), first, null);
        assertThat(expiry(room.sid())).hasValueSatisfying(ttl -> assertThat(ttl).isBetween(LIFETIME.minusMinutes(1), LIFETIME));

        StoredRoom second = load(room);
        save(changed(second, "b"), second, Duration.ofHours(24));
        assertThat(expiry(room.sid())).hasValueSatisfying(ttl -> assertThat(ttl).isBetween(Duration.ofHours(23), Duration.ofHours(24)));
    }

    @Test
    void aSaveTheStoreWouldApplyAfterItsDeadlineFailsAndWritesNothing() {
        Room room = newRoom();
        save(room, null, LIFETIME);
        StoredRoom read = load(room);
        Room next = changed(read, "late");

        assertThatThrownBy(() -> store().save(next, read.revision(), null, Instant.now().minusMillis(1)))
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
