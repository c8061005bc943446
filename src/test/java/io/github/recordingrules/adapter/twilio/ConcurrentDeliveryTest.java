package io.github.recordingrules.adapter.twilio;

import io.github.recordingrules.adapter.redis.OtherInstances;
import io.github.recordingrules.application.ConcurrentUpdateException;
import io.github.recordingrules.application.RoomChange;
import io.github.recordingrules.application.RoomService;
import io.github.recordingrules.support.Webhooks;
import jakarta.inject.Inject;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.Webhooks.participant;
import static io.github.recordingrules.support.Webhooks.sid;
import static io.github.recordingrules.support.Webhooks.track;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * At-least-once, unordered, parallel delivery: the same callbacks, each sent twice, shuffled, from
 * 16 threads at once into one room, must end in the state that one-by-one delivery in timestamp
 * order gives another room.
 * <p>
 * The serial room is fed through signed webhooks on the Lambda request path. That path runs one
 * invocation at a time, as one Lambda instance does, so the concurrent room is fed the way many
 * instances at once would feed it: 16 threads each reading callbacks and applying them through one of
 * four services, this instance's and three {@link OtherInstances}, each recalling what it last wrote (so
 * that the write-first compare-and-set meets stale states, docs/SPEC.md §8.2), sharing nothing but the
 * real Redis.
 */
@QuarkusTest
class ConcurrentDeliveryTest {

    private static final int THREADS = 16;
    private static final int PARTICIPANTS = 40;
    private static final String RULES = "[{\"type\":\"include\",\"all\":true},{\"type\":\"exclude\",\"kind\":\"video\"},"
            + "{\"type\":\"include\",\"track\":\"screen\"}]";

    @Inject
    RoomService rooms;

    @Inject
    OtherInstances otherInstances;

    private final AtomicInteger retriedAfterContention = new AtomicInteger();

    @Test
    void duplicatedShuffledConcurrentDeliveryEndsInTheSerialState() throws Exception {
        String serialRoom = roomWithRules();
        String concurrentRoom = roomWithRules();
        List<Function<String, Map<String, String>>> events = scenario(new Random(20261124));
        assertThat(events).hasSizeGreaterThanOrEqualTo(200);

        for (Function<String, Map<String, String>> event : events) {
            Webhooks.post(event.apply(serialRoom)).statusCode(200);
        }

        List<Map<String, String>> deliveries = new ArrayList<>();
        for (Function<String, Map<String, String>> event : events) {
            deliveries.add(event.apply(concurrentRoom));
            deliveries.add(event.apply(concurrentRoom));
        }
        Collections.shuffle(deliveries, new Random(7));
        List<RoomService> instances = List.of(rooms, otherInstances.newRoomService(), otherInstances.newRoomService(),
                otherInstances.newRoomService());
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < deliveries.size(); i++) {
                Map<String, String> delivery = deliveries.get(i);
                RoomService instance = instances.get(i % instances.size());
                sent.add(pool.submit(() -> apply(instance, delivery)));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } finally {
            // A failed delivery must not leave the rest running into the tests that follow.
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }

        Map<String, Long> serial = processingRecordingsBySource(serialRoom);
        Map<String, Long> concurrent = processingRecordingsBySource(concurrentRoom);
        assertThat(serial).isNotEmpty();
        assertThat(concurrent).isEqualTo(serial);
        assertThat(concurrent.values()).containsOnly(1L);
        // No duplicate recordings: no track ever had more than one recording, in either room.
        assertThat(recordingsPerSource(concurrentRoom).values()).containsOnly(1L);
        assertThat(recordingsPerSource(serialRoom).values()).containsOnly(1L);
        System.out.printf("%d deliveries of %d events on %d threads; %d retried after too much contention%n",
                deliveries.size(), events.size(), THREADS, retriedAfterContention.get());
    }

    /** Participants join and publish a mic, a camera and a screen; some unpublish one, some leave. */
    private static List<Function<String, Map<String, String>>> scenario(Random random) {
        List<Function<String, Map<String, String>>> events = new ArrayList<>();
        long clock = Instant.parse("2026-03-01T10:00:00Z").toEpochMilli();
        for (int p = 0; p < PARTICIPANTS; p++) {
            String participant = sid("PA", "participant-" + p);
            String identity = "user-" + p;
            String[][] tracks = {{"mic", "audio"}, {"cam", "video"}, {"screen", "video"}};
            String connectedAt = Instant.ofEpochMilli(clock += 10).toString();
            events.add(room -> participant(room, "participant-connected", participant, identity, connectedAt));
            for (String[] t : tracks) {
                String trackSid = sid("MT", p + "-" + t[0]);
                String at = Instant.ofEpochMilli(clock += 10).toString();
                events.add(room -> track(room, "track-added", participant, identity, trackSid, t[1], t[0], at));
            }
            String[] removed = tracks[random.nextInt(tracks.length)];
            String removedSid = sid("MT", p + "-" + removed[0]);
            String removedAt = Instant.ofEpochMilli(clock += 10).toString();
            events.add(room -> track(room, "track-removed", participant, identity, removedSid, removed[1], removed[0], removedAt));
            if (p % 4 == 0) {
                String leftAt = Instant.ofEpochMilli(clock += 10).toString();
                events.add(room -> participant(room, "participant-disconnected", participant, identity, leftAt));
            }
        }
        return events;
    }

    private String roomWithRules() {
        String room = api().formParam("UniqueName", "concurrent-" + UUID.randomUUID()).post("/v1/Rooms")
                .then().statusCode(201).extract().path("sid");
        api().formParam("Rules", RULES).post("/v1/Rooms/{room}/RecordingRules", room).then().statusCode(200);
        return room;
    }

    /** Reads and applies one callback as a Lambda instance does; retried as a sender retries a 503. */
    private RoomChange apply(RoomService instance, Map<String, String> params) {
        Map<String, List<String>> form = new HashMap<>();
        params.forEach((name, value) -> form.put(name, List.of(value)));
        EventReader.Callback callback = EventReader.read(form, Instant::now);
        for (int attempt = 0; ; attempt++) {
            try {
                return instance.handleEvent(callback.roomSid(), callback.roomName(), callback.roomType(),
                        callback.eventName(), callback.event());
            } catch (ConcurrentUpdateException e) {
                assertThat(attempt).as("retries after contention").isLessThan(20);
                retriedAfterContention.incrementAndGet();
            }
        }
    }

    private Map<String, Long> processingRecordingsBySource(String room) {
        return countBySource(room, "processing");
    }

    private Map<String, Long> recordingsPerSource(String room) {
        return countBySource(room, null);
    }

    private Map<String, Long> countBySource(String room, String status) {
        var request = api().queryParam("PageSize", 1000);
        if (status != null) {
            request.queryParam("Status", status);
        }
        JsonPath page = request.get("/v1/Rooms/{room}/Recordings", room).then().statusCode(200).extract().jsonPath();
        Map<String, Long> counts = new HashMap<>();
        for (String source : page.getList("recordings.source_sid", String.class)) {
            counts.merge(source, 1L, Long::sum);
        }
        return counts;
    }
}
