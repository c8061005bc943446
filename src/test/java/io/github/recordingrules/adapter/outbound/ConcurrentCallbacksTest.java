package io.github.recordingrules.adapter.outbound;

import io.github.recordingrules.application.ConcurrentUpdateException;
import io.github.recordingrules.application.RoomService;
import io.github.recordingrules.domain.room.RoomEvent;
import io.github.recordingrules.domain.room.RoomType;
import io.github.recordingrules.domain.rules.TrackKind;
import io.github.recordingrules.support.OutboundProfile;
import io.github.recordingrules.support.OutboundTestResource;
import io.github.recordingrules.support.Receiver;
import io.github.recordingrules.support.RedisTestResource;
import io.github.recordingrules.support.Sweeps;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.Webhooks.sid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance 6 of issue 10: the concurrent-delivery scenario of {@code ConcurrentDeliveryTest} (each of 200+
 * callbacks twice, shuffled, 16 threads at once on one room, as 16 Lambda instances would apply them), with
 * status callbacks and pushes on. Every message committed is delivered (the sequence numbers committed, read in
 * Redis, all arrive), no two messages share a number, duplicates are retries of one message (same token, same
 * body), and each destination gets the room's messages in commit order.
 */
@QuarkusTest
@TestProfile(OutboundProfile.class)
class ConcurrentCallbacksTest {

    private static final int THREADS = 16;
    private static final int PARTICIPANTS = 40;

    @Inject
    RoomService rooms;

    private final Receiver application = Receiver.start("127.0.0.1");

    @AfterEach
    void stop() {
        application.close();
    }

    @Test
    void everyCommittedMessageArrivesOnceInCommitOrderWhateverTheConcurrency() throws Exception {
        String room = api().formParam("Type", "group").formParam("StatusCallback", application.url("/events"))
                .formParam("RecordingRules", "[{\"type\":\"include\",\"all\":true},{\"type\":\"exclude\",\"kind\":\"video\"},"
                        + "{\"type\":\"include\",\"track\":\"screen\"}]")
                .post("/v1/Rooms").then().statusCode(201).extract().path("sid");
        List<RoomEvent> events = scenario(new Random(20261124));
        assertThat(events).hasSizeGreaterThanOrEqualTo(200);
        List<RoomEvent> deliveries = new ArrayList<>(events);
        deliveries.addAll(events);
        Collections.shuffle(deliveries, new Random(7));

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (RoomEvent event : deliveries) {
                sent.add(pool.submit(() -> apply(room, event)));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        Sweeps.untilDelivered(room, Duration.ofMinutes(2));

        long callbacks = committed(room, "callback");
        List<Receiver.Request> first = application.firstDeliveries(r -> r.header("I-Twilio-Idempotency-Token"));
        assertThat(first).extracting(r -> Long.parseLong(r.param("SequenceNumber")))
                .as("every callback committed arrives, each number once, in commit order")
                .containsExactlyElementsOf(LongStream.range(0, callbacks).boxed().toList());
        int retries = application.requests().size() - first.size();

        Receiver mediaServer = OutboundTestResource.mediaServer();
        List<Receiver.Request> pushes = mediaServer.firstDeliveries(r -> JsonPath.from(r.body()).getString("id")).stream()
                .filter(r -> JsonPath.from(r.body()).getString("room_sid").equals(room)).toList();
        assertThat(pushes).extracting(r -> JsonPath.from(r.body()).getLong("sequence"))
                .as("every push committed arrives, once, in commit order")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, committed(room, "media")).boxed().toList());

        // The messages tell the recordings' story as the REST API does: one start per recording, one completion per
        // completed recording.
        List<Map<String, Object>> recordings = api().queryParam("PageSize", 1000).get("/v1/Rooms/{room}/Recordings", room)
                .then().statusCode(200).extract().jsonPath().getList("recordings");
        assertThat(sids(first, "recording-started"))
                .containsExactlyInAnyOrderElementsOf(recordings.stream().map(r -> (String) r.get("sid")).toList());
        assertThat(sids(first, "recording-completed")).containsExactlyInAnyOrderElementsOf(recordings.stream()
                .filter(r -> r.get("status").equals("completed")).map(r -> (String) r.get("sid")).toList());
        Set<String> stoppedByPushes = new HashSet<>();
        pushes.forEach(p -> stoppedByPushes.addAll(JsonPath.from(p.body()).getList("stopped.sid", String.class)));
        assertThat(stoppedByPushes).containsExactlyInAnyOrderElementsOf(sids(first, "recording-completed"));
        System.out.printf("%d deliveries of %d events on %d threads: %d callbacks (%d retried), %d pushes%n",
                deliveries.size(), events.size(), THREADS, first.size(), retries, pushes.size());
    }

    private static List<String> sids(List<Receiver.Request> callbacks, String event) {
        return callbacks.stream().filter(r -> r.param("StatusCallbackEvent").equals(event))
                .map(r -> r.param("RecordingSid")).collect(Collectors.toList());
    }

    /** Read in Redis: how many messages were committed for the destination. */
    private static long committed(String room, String destination) throws Exception {
        String answer = RedisTestResource.redis().command("HGET rr:{" + room + "}:outbox seq:" + destination);
        return Long.parseLong(answer.split("\r\n")[1]);
    }

    /** Applies one callback as an instance does; a 503 for contention is retried, as a sender retries it. */
    private void apply(String room, RoomEvent event) {
        String name = event instanceof RoomEvent.ParticipantConnected ? "participant-connected"
                : event instanceof RoomEvent.ParticipantDisconnected ? "participant-disconnected"
                : event instanceof RoomEvent.TrackAdded ? "track-added" : "track-removed";
        for (int attempt = 0; ; attempt++) {
            try {
                rooms.handleEvent(room, null, RoomType.GROUP, name, event);
                return;
            } catch (ConcurrentUpdateException e) {
                assertThat(attempt).as("retries after contention").isLessThan(20);
            }
        }
    }

    /** As ConcurrentDeliveryTest: participants join and publish a mic, a camera and a screen; some unpublish one, some leave. */
    private static List<RoomEvent> scenario(Random random) {
        List<RoomEvent> events = new ArrayList<>();
        long clock = Instant.parse("2026-03-01T10:00:00Z").toEpochMilli();
        Function<Long, Instant> at = Instant::ofEpochMilli;
        for (int p = 0; p < PARTICIPANTS; p++) {
            String participant = sid("PA", "concurrent-" + p);
            String identity = "user-" + p;
            String[][] tracks = {{"mic", "audio"}, {"cam", "video"}, {"screen", "video"}};
            events.add(new RoomEvent.ParticipantConnected(at.apply(clock += 10), participant, identity));
            for (String[] t : tracks) {
                events.add(new RoomEvent.TrackAdded(at.apply(clock += 10), participant, identity, sid("MT", p + "-" + t[0]),
                        TrackKind.fromWireName(t[1]), t[0]));
            }
            String[] removed = tracks[random.nextInt(tracks.length)];
            events.add(new RoomEvent.TrackRemoved(at.apply(clock += 10), participant, identity,
                    sid("MT", p + "-" + removed[0]), TrackKind.fromWireName(removed[1]), removed[0]));
            if (p % 4 == 0) {
                events.add(new RoomEvent.ParticipantDisconnected(at.apply(clock += 10), participant, identity));
            }
        }
        return events;
    }
}
