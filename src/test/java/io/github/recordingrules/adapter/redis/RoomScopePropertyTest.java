package io.github.recordingrules.adapter.redis;

import io.github.recordingrules.application.RoomStore;
import io.github.recordingrules.application.RoomStore.SaveResult;
import io.github.recordingrules.application.RoomStore.Saved;
import io.github.recordingrules.application.RoomStore.StoredRoom;
import io.github.recordingrules.domain.room.Outcome;
import io.github.recordingrules.domain.room.Recording;
import io.github.recordingrules.domain.room.RecordingStatus;
import io.github.recordingrules.domain.room.Room;
import io.github.recordingrules.domain.room.RoomEvent;
import io.github.recordingrules.domain.room.RoomHistories;
import io.github.recordingrules.domain.room.RoomScope;
import io.github.recordingrules.domain.room.RoomType;
import io.github.recordingrules.domain.room.SidGenerator;
import io.github.recordingrules.domain.rules.RecordingRules;
import io.github.recordingrules.domain.rules.RulesGenerators;
import io.github.recordingrules.support.Fixtures;
import io.github.recordingrules.support.property.Coverage;
import io.github.recordingrules.support.property.Gen;
import io.github.recordingrules.support.property.Property;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Schema 5 stores a room in fields, and an event reads and writes only its scope's part of them
 * ({@link RoomScope}). Whatever the history, delivered shuffled with duplicates and with the media server's
 * recording reports in between, changing the parts in Redis must end in exactly the room that applying every
 * event to the whole room in memory ends in, with the same outcome at every step. Each step reads its part
 * from Redis ({@code load-room.lua} follows the links) or from what this instance recalls
 * ({@link RoomParts#closure} follows them in Java), at random, so both are checked.
 */
@QuarkusTest
class RoomScopePropertyTest {

    @Inject
    RoomStore store;

    private record Case(List<RoomEvent> history, boolean recordOnConnect, RecordingRules rules, long seed) {
    }

    @Test
    void changingTheScopedPartsInRedisEndsInTheRoomThatChangingTheWholeRoomEndsIn() {
        Gen<List<RoomEvent>> histories = RoomHistories.histories();
        Gen<RecordingRules> ruleSets = RulesGenerators.ruleSets();
        Gen<Case> cases = s -> new Case(histories.generate(s), s.nextBoolean(), ruleSets.generate(s), Gen.seeds().generate(s));
        Coverage coverage = new Coverage();
        Property.check(150, cases, sample -> {
            Random random = new Random(sample.seed());
            List<RoomEvent> delivery = RoomHistories.delivered(sample.history(), random);

            String sid = Fixtures.sid("RM", "scope-" + UUID.randomUUID());
            Room whole = Room.create(sid, null, RoomType.GROUP, sample.recordOnConnect(),
                    sample.recordOnConnect() ? null : sample.rules(), null, null, RoomHistories.T0);
            assertThat(store.save(Room.restore(whole.snapshot()), null, Duration.ofHours(1), deadline())).isInstanceOf(Saved.class);
            SidGenerator wholeSids = Fixtures.countingSids();
            SidGenerator partSids = Fixtures.countingSids();
            Instant reportsAt = RoomHistories.T0.plus(Duration.ofHours(1));
            int step = 0;
            for (RoomEvent delivered : delivery) {
                List<RoomEvent> events = new ArrayList<>(List.of(delivered));
                report(whole, random, reportsAt.plusSeconds(step++)).ifPresent(events::add);
                for (RoomEvent event : events) {
                    String why = "event " + event + " of " + delivery;
                    Outcome expected = whole.apply(event, wholeSids);
                    RoomScope scope = RoomScope.of(event);
                    boolean recalled = random.nextBoolean();
                    StoredRoom part = (recalled ? store.recall(sid, scope) : Optional.<StoredRoom>empty())
                            .or(() -> store.load(sid, scope)).orElseThrow();
                    coverage.collect("read in part", !part.room().isWhole());
                    coverage.collect("recalled", recalled && !part.room().isWhole());
                    Outcome outcome = part.room().apply(event, partSids);
                    assertThat(outcome.changed()).as(why).isEqualTo(expected.changed());
                    assertThat(outcome.started()).as(why).isEqualTo(expected.started());
                    assertThat(outcome.stopped()).as(why).isEqualTo(expected.stopped());
                    if (outcome.changed()) {
                        SaveResult saved = store.save(part.room(), part.revision(), null, deadline());
                        assertThat(saved).as(why).isInstanceOf(Saved.class);
                    }
                    coverage.collect("a recording reported", event instanceof RoomEvent.RecordingStatusChanged && expected.changed());
                }
            }
            // (Which track was suspended first is not kept: the fields list them in the order of the tracks.)
            assertThat(store.load(sid).orElseThrow().room().snapshot()).as("after " + delivery).usingRecursiveComparison()
                    .ignoringCollectionOrderInFields("suspendedTracks").isEqualTo(whole.snapshot());
            coverage.collect("several participants", whole.participants().size() > 2);
            coverage.collect("recording at the end", !whole.recordingTrackSids().isEmpty());
        });
        System.out.println("RoomScopePropertyTest coverage: " + coverage);
        coverage.requireAbove("read in part", 50);
        coverage.requireAbove("recalled", 20);
        coverage.requireAbove("a recording reported", 2);
        coverage.requireAbove("several participants", 20);
        coverage.requireAbove("recording at the end", 10);
    }

    /** Now and then, the media server reports one of the recordings in progress ended or failed. */
    private static Optional<RoomEvent> report(Room room, Random random, Instant at) {
        List<Recording> processing = room.recordings().stream().filter(r -> r.status() == RecordingStatus.PROCESSING).toList();
        if (processing.isEmpty() || random.nextInt(4) != 0) {
            return Optional.empty();
        }
        Recording recording = processing.get(random.nextInt(processing.size()));
        RecordingStatus status = random.nextBoolean() ? RecordingStatus.COMPLETED : RecordingStatus.FAILED;
        return Optional.of(new RoomEvent.RecordingStatusChanged(at, recording.sid(), status, 7, null, random.nextBoolean()));
    }

    private static Instant deadline() {
        return Instant.now().plusSeconds(30);
    }
}
