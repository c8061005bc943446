package io.github.recordingrules.bench;

import io.github.recordingrules.domain.room.Outcome;
import io.github.recordingrules.domain.room.Room;
import io.github.recordingrules.domain.room.RoomEvent;
import io.github.recordingrules.domain.room.RoomSnapshot;
import io.github.recordingrules.domain.room.RandomSids;
import io.github.recordingrules.domain.room.SidGenerator;
import io.github.recordingrules.support.Fixtures;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * One webhook's state transition in the domain: a {@code track-added} on a room of {@code tracks}
 * published tracks under 20 rules. {@link Room#apply} mutates the room, so each operation first
 * restores a fresh room from the snapshot (as the store does from what it read); {@code restore}
 * alone is measured too, so the transition's own cost is the difference.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RoomBenchmark {

    @Param({"50"})
    public int tracks;

    private RoomSnapshot snapshot;
    private RoomEvent.TrackAdded event;
    private RoomEvent.TrackAdded duplicate;
    /** Production SIDs come from SecureRandom; measured as it runs in the function. */
    private final SidGenerator sids = new RandomSids();

    @Setup
    public void setUp() {
        Room room = Fixtures.roomWithTracks(tracks, sids);
        snapshot = room.snapshot();
        event = Fixtures.newTrackAdded(tracks);
        duplicate = new RoomEvent.TrackAdded(event.timestamp().minusSeconds(3600), Fixtures.tracks(1).get(0).participantSid(),
                "user-0", Fixtures.tracks(1).get(0).sid(), Fixtures.tracks(1).get(0).kind(), "mic");
        Outcome check = Room.restore(snapshot).apply(event, sids);
        if (!check.changed() || check.started().size() != 1 || Room.restore(snapshot).apply(duplicate, sids).changed()) {
            throw new IllegalStateException("fixture does not start exactly one recording");
        }
    }

    @Benchmark
    public Room restore() {
        return Room.restore(snapshot);
    }

    /** Restore, apply the new track (evaluate 20 rules over all tracks, start one recording). */
    @Benchmark
    public Outcome restoreAndApplyTrackAdded() {
        return Room.restore(snapshot).apply(event, sids);
    }

    /** A stale/duplicate track-added: the state stays, nothing is evaluated. */
    @Benchmark
    public Outcome restoreAndApplyDuplicate() {
        return Room.restore(snapshot).apply(duplicate, sids);
    }

    /** Restore, apply, and take the snapshot the store encodes. */
    @Benchmark
    public RoomSnapshot restoreApplySnapshot() {
        Room room = Room.restore(snapshot);
        room.apply(event, sids);
        return room.snapshot();
    }
}
