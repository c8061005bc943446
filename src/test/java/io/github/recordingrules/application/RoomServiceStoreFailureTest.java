package io.github.recordingrules.application;

import io.github.recordingrules.domain.room.Room;
import io.github.recordingrules.domain.room.RoomEvent;
import io.github.recordingrules.domain.room.RoomType;
import io.github.recordingrules.domain.room.RandomSids;
import io.github.recordingrules.support.InMemoryAccountIndex;
import io.github.recordingrules.support.InMemoryRoomStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store fails between two steps of one use case (Redis goes away mid-request): whatever was
 * written before the failure must not block the unique name nor lose it once the caller retries.
 */
class RoomServiceStoreFailureTest {

    private static final Duration LIFETIME = Duration.ofHours(48);
    private static final Duration RETENTION = Duration.ofHours(24);
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String SID = "RM" + "0".repeat(31) + "1";

    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    private final InMemoryRoomStore store = new InMemoryRoomStore(CLOCK);
    private final InMemoryAccountIndex index = new InMemoryAccountIndex();
    private final RoomService rooms = new RoomService(store, index, new RandomSids(), CLOCK,
            new RoomService.Settings(LIFETIME, RETENTION, Duration.ofDays(30), 8, Duration.ofMillis(750)));

    private static NewRoom named(String name) {
        return new NewRoom(name, RoomType.GROUP, false, null, null, null);
    }

    @Test
    void aCreateThatFailsAfterClaimingTheNameDoesNotBlockTheName() {
        store.failNext("save");
        assertThatThrownBy(() -> rooms.createRoom(named("daily"))).isInstanceOf(StoreUnavailableException.class);
        assertThat(store.holdsName("daily")).isTrue();
        assertThat(store.isEmpty()).isTrue();

        Room created = rooms.createRoom(named("daily"));

        assertThat(rooms.findRoom("daily").sid()).isEqualTo(created.sid());
    }

    @Test
    void anEndThatFailsBeforeReleasingTheNameDoesNotBlockTheName() {
        Room first = rooms.createRoom(named("weekly"));
        store.failNext("releaseName");
        assertThatThrownBy(() -> rooms.completeRoom(first.sid())).isInstanceOf(StoreUnavailableException.class);
        rooms.completeRoom(first.sid());

        assertThatThrownBy(() -> rooms.findRoom("weekly")).isInstanceOf(RoomNotFoundException.class);
        Room second = rooms.createRoom(named("weekly"));
        assertThat(rooms.findRoom("weekly").sid()).isEqualTo(second.sid());
    }

    @Test
    void aRoomFirstHeardOfInACallbackKeepsItsNameWhenTheCallbackIsRetriedAfterAFailure() {
        RoomEvent created = new RoomEvent.RoomCreated(T0);
        store.failNext("claimName");
        assertThatThrownBy(() -> rooms.handleEvent(SID, "standup", RoomType.GROUP, "room-created", created))
                .isInstanceOf(StoreUnavailableException.class);

        rooms.handleEvent(SID, "standup", RoomType.GROUP, "room-created", created);

        assertThat(rooms.findRoom("standup").sid()).isEqualTo(SID);
    }

    @Test
    void aRoomFirstHeardOfInItsRoomEndedCallbackExpiresAfterTheRetention() {
        rooms.handleEvent(SID, "late", RoomType.GROUP, "room-ended", new RoomEvent.RoomEnded(T0));

        assertThat(store.stored(SID).orElseThrow().inProgress()).isFalse();
        assertThat(store.expiry(SID)).contains(RETENTION);
        assertThat(store.holdsName("late")).isFalse();
    }

    @Test
    void theIndexIsWrittenBeforeTheCommitSoThatACrashAfterItLosesNothingAndOneBeforeItIsSkipped() {
        Room room = rooms.createRoom(new NewRoom(null, RoomType.GROUP, true, null, null, null));
        assertThat(index.inProgress).containsKey(room.sid());
        RoomEvent.TrackAdded mic = new RoomEvent.TrackAdded(T0.plusSeconds(1), "PA" + "1".repeat(32), "alice",
                "MT" + "1".repeat(32), io.github.recordingrules.domain.rules.TrackKind.AUDIO, "mic");

        store.failNext("save");
        assertThatThrownBy(() -> rooms.handleEvent(room.sid(), null, RoomType.GROUP, "track-added", mic))
                .isInstanceOf(StoreUnavailableException.class);
        String uncommitted = index.recordings.keySet().iterator().next();
        Listings listings = new Listings(store, index, Clock.fixed(T0, ZoneOffset.UTC), Duration.ofDays(30));
        assertThat(listings.recordings(new RecordingQuery(null, null, null, null, null, null), 50, 0).items())
                .as("an entry whose change never committed is skipped").isEmpty();
        assertThatThrownBy(() -> rooms.findRecording(uncommitted)).isInstanceOf(RecordingNotFoundException.class);

        String committed = rooms.handleEvent(room.sid(), null, RoomType.GROUP, "track-added", mic).outcome().started().get(0).sid();

        assertThat(listings.recordings(new RecordingQuery(null, null, null, null, null, null), 50, 0).items())
                .extracting(found -> found.recording().sid()).containsExactly(committed);
        assertThat(rooms.findRecording(committed).roomSid()).isEqualTo(room.sid());
    }
}
