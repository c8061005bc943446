package io.github.recordingrules.adapter.outbound;

import io.github.recordingrules.application.CallbackTargets;
import io.github.recordingrules.application.ConcurrentUpdateException;
import io.github.recordingrules.application.Deliverer;
import io.github.recordingrules.application.Deliveries;
import io.github.recordingrules.application.Destination;
import io.github.recordingrules.application.Notifications;
import io.github.recordingrules.application.Metrics;
import io.github.recordingrules.application.Outbox;
import io.github.recordingrules.application.Outgoing;
import io.github.recordingrules.application.PendingMessage;
import io.github.recordingrules.application.RoomService;
import io.github.recordingrules.application.RoomStore;
import io.github.recordingrules.application.StoreUnavailableException;
import io.github.recordingrules.domain.room.RandomSids;
import io.github.recordingrules.domain.room.Room;
import io.github.recordingrules.domain.rules.RulesParser;
import io.github.recordingrules.support.InMemoryAccountIndex;
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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.Webhooks.nextTimestamp;
import static io.github.recordingrules.support.Webhooks.post;
import static io.github.recordingrules.support.Webhooks.sid;
import static io.github.recordingrules.support.Webhooks.track;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Acceptance 4 of issue 10 (docs/SPEC.md §11.1.4, §11.1.5). A second instance of the service is built here on
 * the application's own store, outbox and notifications, as another Lambda instance shares them through Redis;
 * only its senders differ: they stop the instance (an {@link Error} nothing catches) before sending anything,
 * as a crash or a timeout of the invocation right after the commit would. The application itself, through the
 * Lambda request path and the scheduled sweep, is the other instance.
 */
@QuarkusTest
@TestProfile(OutboundProfile.class)
class CrashBetweenCommitAndSendTest {

    /** The instance stops: thrown where a message would be sent. */
    static final class InstanceStopped extends Error {
    }

    @Inject
    RoomStore store;

    @Inject
    Outbox outbox;

    @Inject
    Notifications notifications;

    @Inject
    CallbackTargets targets;

    private final Receiver application = Receiver.start("127.0.0.1");
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        application.close();
        threads.shutdownNow();
    }

    @Test
    void whatAnInstanceCommittedBeforeStoppingIsDeliveredByAnother() {
        String room = roomWithATrack();
        RoomService stopping = instance(store);

        assertThatThrownBy(() -> stopping.updateRules(room, RulesParser.parse("[{\"type\":\"include\",\"all\":true}]")))
                .isInstanceOf(InstanceStopped.class);

        assertThat(events(room)).doesNotContain("recording-started");
        assertThat(pushes(room)).isEmpty();
        List<String> recording = api().queryParam("Status", "processing").get("/v1/Rooms/{room}/Recordings", room)
                .then().statusCode(200).extract().jsonPath().getList("recordings.sid", String.class);
        assertThat(recording).as("the change was committed").hasSize(1);

        // The stopped instance's lease (2 s) runs out; then any sweep delivers.
        Sweeps.untilDelivered(room, Duration.ofMinutes(1));

        assertThat(events(room)).endsWith("recording-started");
        List<Receiver.Request> callbacks = application.firstDeliveries(r -> r.header("I-Twilio-Idempotency-Token"));
        assertThat(callbacks.get(callbacks.size() - 1).param("RecordingSid")).isEqualTo(recording.get(0));
        assertThat(pushes(room)).hasSize(1);
        assertThat(JsonPath.from(pushes(room).get(0).body()).getList("started.sid", String.class)).isEqualTo(recording);
    }

    @Test
    void aChangeThatFailsToCommitSendsNothing() throws Exception {
        String room = roomWithATrack();
        int before = application.requests().size();
        RoomService failing = instance(new WriteFails(store));

        assertThatThrownBy(() -> failing.updateRules(room, RulesParser.parse("[{\"type\":\"include\",\"all\":true}]")))
                .isInstanceOf(StoreUnavailableException.class);

        // Announced in the due index, never committed: sweeps find nothing to send and, once the write could no
        // longer apply (the write deadline), drop the entry.
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!RedisTestResource.redis().command("ZSCORE rr:outbound:due " + room).startsWith("$-1")) {
            assertThat(System.nanoTime()).as("the due index entry is dropped").isLessThan(deadline);
            Sweeps.run();
            Thread.sleep(500);
        }
        assertThat(application.requests()).hasSize(before);
        assertThat(pushes(room)).isEmpty();
        assertThat(api().get("/v1/Rooms/{room}/RecordingRules", room).then().statusCode(200).extract()
                .jsonPath().getList("rules")).isEmpty();
    }

    @Test
    void aWriteThatReachesRedisAfterItsDeadlineWritesNeitherTheRoomNorItsMessages() {
        String room = roomWithATrack();
        RoomService late = instance(new ArrivesLate(store));

        assertThatThrownBy(() -> late.updateRules(room, RulesParser.parse("[{\"type\":\"include\",\"all\":true}]")))
                .isInstanceOf(ConcurrentUpdateException.class);

        assertThat(Sweeps.pending(room)).isZero();
        assertThat(api().get("/v1/Rooms/{room}/RecordingRules", room).then().statusCode(200).extract()
                .jsonPath().getList("rules")).isEmpty();
    }

    private String roomWithATrack() {
        String room = api().formParam("Type", "group").formParam("StatusCallback", application.url("/events"))
                .post("/v1/Rooms").then().statusCode(201).extract().path("sid");
        post(track(room, "track-added", sid("PA", room + "pat"), "pat", sid("MT", room + "mic"), "audio", "mic",
                nextTimestamp())).statusCode(200);
        Sweeps.untilDelivered(room, Duration.ofMinutes(1));
        return room;
    }

    /** Another instance: the application's store, outbox and notifications, and senders that stop it. */
    private RoomService instance(RoomStore roomStore) {
        Deliverer stops = new Deliverer() {
            @Override
            public Destination destination() {
                return Destination.STATUS_CALLBACK;
            }

            @Override
            public Result deliver(PendingMessage message, Duration timeout) {
                throw new InstanceStopped();
            }
        };
        Deliverer stopsToo = new Deliverer() {
            @Override
            public Destination destination() {
                return Destination.MEDIA_SERVER;
            }

            @Override
            public Result deliver(PendingMessage message, Duration timeout) {
                throw new InstanceStopped();
            }
        };
        Deliveries deliveries = new Deliveries(outbox, List.of(stops, stopsToo), new Deliveries.Settings(
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(100),
                Duration.ofMillis(400), Duration.ofSeconds(6), Duration.ofSeconds(5), 10, 2, Duration.ofSeconds(10)),
                threads, new RandomSids(), Metrics.NONE);
        return new RoomService(roomStore, new InMemoryAccountIndex(), new RandomSids(), Clock.systemUTC(),
                new RoomService.Settings(Duration.ofHours(48), Duration.ofHours(24), Duration.ofDays(30), 3,
                        Duration.ofSeconds(10)),
                new RoomService.Outbound(notifications, targets, outbox, deliveries), Metrics.NONE);
    }

    private List<String> events(String room) {
        return application.firstDeliveries(r -> r.header("I-Twilio-Idempotency-Token")).stream()
                .filter(r -> room.equals(r.param("RoomSid"))).map(r -> r.param("StatusCallbackEvent")).toList();
    }

    private static List<Receiver.Request> pushes(String room) {
        return OutboundTestResource.mediaServer().firstDeliveries(r -> JsonPath.from(r.body()).getString("id")).stream()
                .filter(r -> JsonPath.from(r.body()).getString("room_sid").equals(room)).toList();
    }

    /** The store, except that a write carrying messages fails as when Redis goes away just then. */
    private static class WriteFails implements RoomStore {

        final RoomStore store;

        WriteFails(RoomStore store) {
            this.store = store;
        }

        @Override
        public Optional<StoredRoom> load(String roomSid) {
            return store.load(roomSid);
        }

        @Override
        public SaveResult save(Room room, Revision read, Duration expireAfter, Instant deadline, Outgoing outgoing) {
            throw new StoreUnavailableException("Redis went away before the write", null);
        }

        @Override
        public Optional<String> roomSidForName(String uniqueName) {
            return store.roomSidForName(uniqueName);
        }

        @Override
        public boolean claimName(String uniqueName, String roomSid, String staleSid, Duration expireAfter) {
            return store.claimName(uniqueName, roomSid, staleSid, expireAfter);
        }

        @Override
        public void releaseName(String uniqueName, String roomSid) {
            store.releaseName(uniqueName, roomSid);
        }
    }

    /** The real write, reaching Redis after its deadline, as a write stalled past the write window would. */
    private static final class ArrivesLate extends WriteFails {

        ArrivesLate(RoomStore store) {
            super(store);
        }

        @Override
        public SaveResult save(Room room, Revision read, Duration expireAfter, Instant deadline, Outgoing outgoing) {
            return store.save(room, read, expireAfter, deadline, new Outgoing(outgoing.messages(), 1));
        }
    }
}
