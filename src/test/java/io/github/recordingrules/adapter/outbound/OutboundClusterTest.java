package io.github.recordingrules.adapter.outbound;

import io.github.recordingrules.devredis.LocalRedis;
import io.github.recordingrules.support.OutboundClusterProfile;
import io.github.recordingrules.support.OutboundTestResource;
import io.github.recordingrules.support.Receiver;
import io.github.recordingrules.support.RedisClusterProfile;
import io.github.recordingrules.support.Sweeps;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.Webhooks.nextTimestamp;
import static io.github.recordingrules.support.Webhooks.post;
import static io.github.recordingrules.support.Webhooks.sid;
import static io.github.recordingrules.support.Webhooks.track;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Outbound delivery on a real 3-master Redis Cluster (docs/SPEC.md §11.1.5): the outbox is written in the room's
 * slot by the room's own script, the due index lives in another slot, and the sweep finds rooms without KEYS or
 * SCAN. A receiver that fails at first still gets every message, in order, through the sweep.
 */
@QuarkusTest
@TestProfile(OutboundClusterProfile.class)
class OutboundClusterTest {

    @Test
    void messagesAreCommittedInTheRoomsSlotAndTheSweepDeliversThem() throws Exception {
        try (Receiver application = Receiver.start("127.0.0.1")) {
            application.behave(request -> Receiver.Reply.status(application.requests().size() <= 2 ? 500 : 200));
            String room = api().formParam("Type", "group").formParam("StatusCallback", application.url("/events"))
                    .formParam("RecordingRules", "[{\"type\":\"include\",\"all\":true}]")
                    .post("/v1/Rooms").then().statusCode(201).extract().path("sid");
            String participant = sid("PA", room + "c");
            post(track(room, "track-added", participant, "c", sid("MT", room + "a"), "audio", "mic", nextTimestamp()))
                    .statusCode(200);
            post(track(room, "track-removed", participant, "c", sid("MT", room + "a"), "audio", "mic", nextTimestamp()))
                    .statusCode(200);

            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                Sweeps.run();
                assertThat(application.firstDeliveries(r -> r.header("I-Twilio-Idempotency-Token")))
                        .extracting(r -> r.param("StatusCallbackEvent"))
                        .containsExactly("room-created", "participant-connected", "track-added", "recording-started",
                                "track-removed", "recording-completed");
            });
            List<Receiver.Request> delivered = application.firstDeliveries(r -> r.header("I-Twilio-Idempotency-Token"));
            assertThat(delivered).extracting(r -> r.param("SequenceNumber")).containsExactly("0", "1", "2", "3", "4", "5");
            await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(OutboundTestResource.mediaServer()
                    .firstDeliveries(r -> JsonPath.from(r.body()).getString("id")).stream()
                    .filter(r -> JsonPath.from(r.body()).getString("room_sid").equals(room))
                    .map(r -> JsonPath.from(r.body()).getLong("sequence")).toList()).containsExactly(1L, 2L));

            Set<Long> slots = new TreeSet<>();
            int keys = 0;
            for (LocalRedis node : RedisClusterProfile.nodes()) {
                for (String key : node.command("KEYS *" + room + "*").lines().skip(1)
                        .filter(l -> !l.startsWith("$") && !l.isEmpty()).toList()) {
                    assertThat(key).contains("{" + room + "}");
                    slots.add(Long.parseLong(node.command("CLUSTER KEYSLOT " + key).trim().substring(1)));
                    keys++;
                }
            }
            assertThat(keys).as("the room and its outbox").isGreaterThanOrEqualTo(2);
            assertThat(slots).as("one slot for the room and its outbox").hasSize(1);
        }
    }
}
