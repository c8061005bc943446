package io.github.recordingrules.application;

import io.github.recordingrules.domain.room.Room;
import io.github.recordingrules.domain.room.RoomEvent;
import io.github.recordingrules.domain.room.RoomType;
import io.github.recordingrules.domain.room.RoomTypeNotSupportedException;
import io.github.recordingrules.domain.rules.RecordingRules;
import io.github.recordingrules.domain.rules.RulesParser;
import io.github.recordingrules.domain.rules.TrackKind;
import io.github.recordingrules.support.Fixtures;
import io.github.recordingrules.support.InMemoryAccountIndex;
import io.github.recordingrules.support.InMemoryRoomStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static io.github.recordingrules.support.Fixtures.sid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The use cases over the in-memory store (which keeps the Redis store's contract, {@code RoomStoreContract}):
 * unique names, the changes each use case makes and writes, and what a concurrent writer does to them.
 */
class RoomServiceTest {

    private static final Duration LIFETIME = Duration.ofHours(48);
    private static final Duration RETENTION = Duration.ofHours(24);
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final int ATTEMPTS = 6;
    private static final String ROOM = sid("RM", "service");
    private static final String ALICE = sid("PA", "alice");
    private static final String BOB = sid("PA", "bob");

    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    private final InMemoryRoomStore store = new InMemoryRoomStore(CLOCK);
    private final RoomService rooms = service();

    private RoomService service() {
        return new RoomService(store, new InMemoryAccountIndex(), Fixtures.countingSids(), CLOCK,
                new RoomService.Settings(LIFETIME, RETENTION, Duration.ofDays(30), ATTEMPTS, Duration.ofMillis(750)));
    }

    private static NewRoom group(String name) {
        return new NewRoom(name, RoomType.GROUP, false, null, null, null);
    }

    private static RecordingRules rules(String json) {
        try {
            return RulesParser.parse(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RoomEvent.TrackAdded mic(String participant, int second) {
        return new RoomEvent.TrackAdded(T0.plusSeconds(second), participant, participant.equals(ALICE) ? "alice" : "bob",
                sid("MT", participant + "-mic"), TrackKind.AUDIO, "mic");
    }

    @Test
    void aRoomIsFoundByItsSidAndWhileInProgressByItsUniqueName() {
        Room created = rooms.createRoom(group("daily"));

        assertThat(rooms.findRoom(created.sid()).snapshot()).isEqualTo(created.snapshot());
        assertThat(rooms.findRoom("daily").sid()).isEqualTo(created.sid());
        assertThat(store.expiry(created.sid())).contains(LIFETIME);
    }

    @Test
    void aUniqueNameBelongsToOneInProgressRoomAndIsFreedWhenItEnds() {
        Room first = rooms.createRoom(group("standup"));
        assertThatThrownBy(() -> rooms.createRoom(group("standup"))).isInstanceOf(UniqueNameInUseException.class);

        RoomChange ended = rooms.completeRoom("standup");

        assertThat(ended.outcome().changed()).isTrue();
        assertThat(store.holdsName("standup")).isFalse();
        assertThatThrownBy(() -> rooms.findRoom("standup")).isInstanceOf(RoomNotFoundException.class);
        assertThat(rooms.findRoom(first.sid()).inProgress()).as("still readable by SID").isFalse();
        assertThat(store.expiry(first.sid())).contains(RETENTION);
        Room second = rooms.createRoom(group("standup"));
        assertThat(rooms.findRoom("standup").sid()).isEqualTo(second.sid());
    }

    @Test
    void endingAnEndedRoomChangesAndWritesNothing() {
        Room room = rooms.createRoom(group(null));
        rooms.completeRoom(room.sid());
        int saves = store.saves();

        RoomChange again = rooms.completeRoom(room.sid());

        assertThat(again.outcome().changed()).isFalse();
        assertThat(store.saves()).isEqualTo(saves);
    }

    @Test
    void newRulesAreEnforcedAtOnceAndWrittenEvenWhenTheyAreTheSame() {
        rooms.handleEvent(ROOM, "with-rules", RoomType.GROUP, "track-added", mic(ALICE, 1));

        RoomChange change = rooms.updateRules(ROOM, rules("[{\"type\":\"include\",\"kind\":\"audio\"}]"));
        assertThat(change.outcome().started()).hasSize(1);
        int saves = store.saves();

        RoomChange same = rooms.updateRules("with-rules", rules("[{\"type\":\"include\",\"kind\":\"audio\"}]"));

        assertThat(same.outcome().started()).isEmpty();
        assertThat(store.saves()).isEqualTo(saves + 1);
        assertThat(store.stored(ROOM).orElseThrow().recordingTrackSids()).containsExactly(sid("MT", ALICE + "-mic"));
    }

    @Test
    void rulesForARoomThatCannotRecordAreRefusedAndNothingIsWritten() {
        Room room = rooms.createRoom(new NewRoom(null, RoomType.GO, false, null, null, null));
        int saves = store.saves();

        assertThatThrownBy(() -> rooms.updateRules(room.sid(), RecordingRules.RECORD_ALL))
                .isInstanceOf(RoomTypeNotSupportedException.class);
        assertThat(store.saves()).isEqualTo(saves);
    }

    @Test
    void aCallbackRegistersARoomUnderItsNameAndARepeatedOneWritesNothing() {
        RoomChange first = rooms.handleEvent(ROOM, "heard-of", RoomType.GROUP, "track-added", mic(ALICE, 1));
        assertThat(first.outcome().changed()).isTrue();
        assertThat(rooms.findRoom("heard-of").sid()).isEqualTo(ROOM);
        int saves = store.saves();

        RoomChange repeated = rooms.handleEvent(ROOM, "heard-of", RoomType.GROUP, "track-added", mic(ALICE, 1));

        assertThat(repeated.outcome().changed()).isFalse();
        assertThat(store.saves()).isEqualTo(saves);
    }

    @Test
    void aCallbackForAnEndedRoomChangesNothing() {
        rooms.handleEvent(ROOM, null, RoomType.GROUP, "room-ended", new RoomEvent.RoomEnded(T0));
        assertThat(store.expiry(ROOM)).contains(RETENTION);

        RoomChange late = rooms.handleEvent(ROOM, null, RoomType.GROUP, "track-added", mic(ALICE, 1));

        assertThat(late.outcome().changed()).isFalse();
        assertThat(store.stored(ROOM).orElseThrow().publishedTracks()).isEmpty();
    }

    @Test
    void aChangeThatMeetsAConcurrentWriteIsComputedAgainOnItAndBothAreKept() {
        String room = rooms.createRoom(new NewRoom(null, RoomType.GROUP, true, null, null, null)).sid();
        RoomService other = service();
        store.beforeNextSave(s -> other.handleEvent(room, null, RoomType.GROUP, "track-added", mic(BOB, 2)));

        RoomChange change = rooms.handleEvent(room, null, RoomType.GROUP, "track-added", mic(ALICE, 1));

        assertThat(change.outcome().started()).hasSize(1);
        assertThat(store.stored(room).orElseThrow().recordingTrackSids())
                .containsExactlyInAnyOrder(sid("MT", ALICE + "-mic"), sid("MT", BOB + "-mic"));
        assertThat(change.room().snapshot()).isEqualTo(store.stored(room).orElseThrow().snapshot());
    }

    @Test
    void aRoomContendedOnEveryAttemptAnswersContentionAndOnlyTheOthersWritesAreKept() {
        rooms.handleEvent(ROOM, null, RoomType.GROUP, "room-created", new RoomEvent.RoomCreated(T0));
        RoomService other = service();
        for (int i = 0; i < ATTEMPTS; i++) {
            int second = 10 + i;
            store.beforeNextSave(s -> other.handleEvent(ROOM, null, RoomType.GROUP,
                    "track-added", new RoomEvent.ParticipantConnected(T0.plusSeconds(second), sid("PA", "other-" + second), "o")));
        }

        assertThatThrownBy(() -> rooms.handleEvent(ROOM, null, RoomType.GROUP, "track-added", mic(ALICE, 1)))
                .isInstanceOf(ConcurrentUpdateException.class);

        Room stored = store.stored(ROOM).orElseThrow();
        assertThat(stored.track(sid("MT", ALICE + "-mic"))).as("this request wrote nothing").isEmpty();
        assertThat(stored.snapshot().participants()).hasSize(ATTEMPTS);
    }
}
