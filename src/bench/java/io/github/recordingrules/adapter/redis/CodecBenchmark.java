package io.github.recordingrules.adapter.redis;

import io.github.recordingrules.adapter.http.TwilioSignature;
import io.github.recordingrules.support.Fixtures;
import io.github.recordingrules.domain.room.Room;
import io.github.recordingrules.domain.room.RoomEvent;
import io.github.recordingrules.domain.room.RandomSids;
import io.github.recordingrules.domain.room.RoomScope;
import io.github.recordingrules.domain.room.SidGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The CPU a state-changing webhook spends around Redis: verify the signature, decode the part of the stored
 * room the event needs (its {@link RoomScope}), apply the event, encode the part's fields (the save's
 * arguments), with the store's own {@link RoomParts}; and, for comparison, the whole room's fields.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CodecBenchmark {

    @Param({"50"})
    public int tracks;

    private Map<String, String> stored;
    private Map<String, String> part;
    private Room room;
    private RoomEvent.TrackAdded event;
    private final SidGenerator sids = new RandomSids();
    private TwilioSignature signature;
    private Map<String, List<String>> form;
    private String url;
    private String signed;

    @Setup
    public void setUp() {
        room = Fixtures.roomWithTracks(tracks, sids);
        stored = RoomParts.encode(room);
        event = Fixtures.newTrackAdded(tracks);
        part = RoomParts.closure(room.sid(), RoomScope.of(event),
                name -> Optional.of(stored.getOrDefault(name, RoomParts.ABSENT)), Map.of()).orElseThrow().text();
        signature = new TwilioSignature("0123456789abcdef0123456789abcdef");
        form = new LinkedHashMap<>();
        String[][] params = {{"AccountSid", "AC" + "0".repeat(32)}, {"RoomSid", room.sid()}, {"RoomName", "bench-room"},
                {"RoomStatus", "in-progress"}, {"RoomType", "group"}, {"StatusCallbackEvent", "track-added"},
                {"Timestamp", event.timestamp().toString()}, {"SequenceNumber", "7"},
                {"ParticipantSid", event.participantSid()}, {"ParticipantIdentity", "newcomer"},
                {"ParticipantStatus", "connected"}, {"TrackSid", event.trackSid()}, {"TrackKind", "audio"},
                {"TrackName", "mic"}};
        for (String[] p : params) {
            form.put(p[0], List.of(p[1]));
        }
        url = "https://abc123.execute-api.eu-west-1.amazonaws.com/webhooks/room-events";
        signed = signature.sign(url, form);
        if (!signature.verify(url, form, signed)) {
            throw new IllegalStateException("signature fixture");
        }
        System.out.printf("%n[fixture] a room with %d tracks: %d characters in its fields, %d in the part a track event reads%n",
                tracks, length(stored), length(part));
    }

    private static int length(Map<String, String> fields) {
        return fields.entrySet().stream().mapToInt(f -> f.getKey().length() + f.getValue().length()).sum();
    }

    @Benchmark
    public Map<String, String> encodeWhole() {
        return RoomParts.encode(room);
    }

    @Benchmark
    public Room decodeWhole() {
        return RoomParts.decode(stored, true);
    }

    @Benchmark
    public Room decodePart() {
        return RoomParts.decode(part, false);
    }

    @Benchmark
    public boolean verifySignature() {
        return signature.verify(url, form, signed);
    }

    /** Everything one state-changing webhook computes between and around its Redis round trips. */
    @Benchmark
    public Map<String, String> webhookCpu() {
        if (!signature.verify(url, form, signed)) {
            throw new IllegalStateException();
        }
        RoomParts.Fields read = RoomParts.Fields.of(part);
        Room current = RoomParts.decode(read, false);
        current.apply(event, sids);
        return RoomParts.encode(current, read).text();
    }
}
