package io.github.recordingrules.domain.room;

import io.github.recordingrules.domain.rules.RecordingRules;
import io.github.recordingrules.domain.rules.RulesGenerators;
import io.github.recordingrules.support.property.Coverage;
import io.github.recordingrules.support.property.Gen;
import io.github.recordingrules.support.property.Property;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/SPEC.md §7.6: callbacks arrive at least once and in any order. Whatever the order and the duplicates,
 * a room must end where the serial (timestamp) order takes it.
 */
class RoomDeliveryPropertyTest {

    private static final Instant T0 = RoomHistories.T0;
    private static final String ROOM = "RM" + "0".repeat(32);

    /** A history, how the room records, and the seed of the Random that duplicates and shuffles its delivery. */
    private record Case(List<RoomEvent> history, boolean recordOnConnect, RecordingRules rules, long seed) {
    }

    @Test
    void anyDeliveryOrderWithDuplicatesEndsLikeTheTimestampOrder() {
        Gen<List<RoomEvent>> histories = RoomHistories.histories();
        Gen<RecordingRules> ruleSets = RulesGenerators.ruleSets();
        Gen<Case> cases = s -> new Case(histories.generate(s), s.nextBoolean(), ruleSets.generate(s), Gen.seeds().generate(s));
        Coverage coverage = new Coverage();
        Property.check(1000, cases, sample -> {
            List<RoomEvent> history = sample.history();
            Random random = new Random(sample.seed());
            List<RoomEvent> delivery = RoomHistories.delivered(history, random);

            Room serial = newRoom(sample.recordOnConnect(), sample.rules());
            RoomTest.CountingSids serialSids = new RoomTest.CountingSids();
            history.forEach(e -> serial.apply(e, serialSids));
            Room shuffled = newRoom(sample.recordOnConnect(), sample.rules());
            RoomTest.CountingSids shuffledSids = new RoomTest.CountingSids();
            delivery.forEach(e -> shuffled.apply(e, shuffledSids));

            coverage.collect("reordered", !delivery.subList(0, history.size()).equals(history));
            coverage.collect("recording at the end", !serial.recordingTrackSids().isEmpty());
            coverage.collect("republished", history.stream().filter(e -> e instanceof RoomEvent.TrackAdded)
                    .map(e -> ((RoomEvent.TrackAdded) e).trackSid()).distinct().count()
                    < history.stream().filter(e -> e instanceof RoomEvent.TrackAdded).count());
            coverage.collect("a recording completed", serial.recordings().stream()
                    .anyMatch(r -> r.status() == RecordingStatus.COMPLETED));

            String why = "delivered as " + delivery;
            assertThat(Set.copyOf(shuffled.recordingTrackSids())).as(why).isEqualTo(Set.copyOf(serial.recordingTrackSids()));
            assertThat(shuffled.status()).isEqualTo(serial.status());
            if (serial.inProgress()) {
                // (An ended room ignores later track events by design; only a live room's tracks matter.)
                assertThat(Set.copyOf(shuffled.publishedTracks())).as(why).isEqualTo(Set.copyOf(serial.publishedTracks()));
            }
            assertThat(processingRecordingsByTrack(shuffled)).as(why).isEqualTo(processingRecordingsByTrack(serial));
            for (Map.Entry<Room, SidGenerator> entry : Map.of(serial, (SidGenerator) serialSids, shuffled, shuffledSids).entrySet()) {
                Room room = entry.getKey();
                // Exactly one running recording per recorded track, and none for anything else.
                Map<String, Integer> processing = processingRecordingsByTrack(room);
                assertThat(processing.keySet()).as(why).isEqualTo(Set.copyOf(room.recordingTrackSids()));
                assertThat(processing.values()).as(why).allMatch(n -> n == 1);
                // Once everything has arrived, any redelivery changes nothing.
                for (RoomEvent event : history) {
                    assertThat(room.apply(event, entry.getValue()).changed()).as("redelivery of %s after %s", event, why).isFalse();
                }
            }
        });

        // Guard against a vacuous property: enough tries must reorder events and record something.
        System.out.println("RoomDeliveryPropertyTest coverage: " + coverage);
        coverage.requireAbove("reordered", 50);
        coverage.requireAbove("recording at the end", 15);
        coverage.requireAbove("republished", 10);
        coverage.requireAbove("a recording completed", 20);
    }

    private static Room newRoom(boolean recordOnConnect, RecordingRules rules) {
        return Room.create(ROOM, "prop", RoomType.GROUP, recordOnConnect, recordOnConnect ? null : rules, null, null, T0);
    }

    private static Map<String, Integer> processingRecordingsByTrack(Room room) {
        Map<String, Integer> counts = new HashMap<>();
        for (Recording recording : room.recordings()) {
            if (recording.status() == RecordingStatus.PROCESSING) {
                counts.merge(recording.trackSid(), 1, Integer::sum);
            }
        }
        return counts;
    }
}
