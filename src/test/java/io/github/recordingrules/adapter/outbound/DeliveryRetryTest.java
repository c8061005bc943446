package io.github.recordingrules.adapter.outbound;

import io.github.recordingrules.examples.RecordingCommandsReceiver;
import io.github.recordingrules.support.OutboundProfile;
import io.github.recordingrules.support.OutboundTestResource;
import io.github.recordingrules.support.Receiver;
import io.github.recordingrules.support.Receiver.Reply;
import io.github.recordingrules.support.RedisTestResource;
import io.github.recordingrules.support.Sweeps;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.Webhooks.nextTimestamp;
import static io.github.recordingrules.support.Webhooks.participant;
import static io.github.recordingrules.support.Webhooks.post;
import static io.github.recordingrules.support.Webhooks.sid;
import static io.github.recordingrules.support.Webhooks.track;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Acceptance 3 of issue 10 (docs/SPEC.md §11.1.4): receivers that fail, time out or are down get every message
 * eventually, with the same idempotency token on every attempt and in commit order per room; one that never
 * recovers ends with its messages dead-lettered and listed. Retries happen only in requests and in the
 * scheduled sweep (run here as EventBridge runs it, {@link Sweeps}): nothing in the function runs in between,
 * so no instance needs to stay warm. Retry timing is that of {@link OutboundProfile}, scaled down.
 */
@QuarkusTest
@TestProfile(OutboundProfile.class)
class DeliveryRetryTest {

    private final Receiver application = Receiver.start("127.0.0.1");

    @AfterEach
    void stop() {
        application.close();
    }

    @Test
    void aReceiverFailingTheFirstThreeAttemptsOfEachMessageGetsThemAllInOrder() throws Exception {
        Map<String, Integer> attempts = new ConcurrentHashMap<>();
        List<String> accepted = Collections.synchronizedList(new ArrayList<>());
        application.behave(request -> {
            int attempt = attempts.merge(request.header("I-Twilio-Idempotency-Token"), 1, Integer::sum);
            if (attempt <= 3) {
                return Reply.status(500);
            }
            accepted.add(request.param("SequenceNumber"));
            return Reply.status(204);
        });
        String room = roomCallingBack();
        Thread.sleep(1000);
        assertThat(application.requests()).as("no retry without a request or a sweep, however long it waits").hasSize(1);
        String alice = sid("PA", room + "alice");
        post(participant(room, "participant-connected", alice, "alice", nextTimestamp())).statusCode(200);
        post(track(room, "track-added", alice, "alice", sid("MT", room + "mic"), "audio", "mic", nextTimestamp()))
                .statusCode(200);

        Sweeps.untilDelivered(room, Duration.ofMinutes(1));

        assertThat(accepted).as("accepted in commit order").containsExactly("0", "1", "2");
        assertThat(attempts.values()).containsOnly(4);
        assertEveryAttemptRepeatsTheFirst();
    }

    @Test
    void aReceiverThatTimesOutGetsTheSameMessageAgainUntilItAnswers() {
        Map<String, Integer> attempts = new ConcurrentHashMap<>();
        application.behave(request -> attempts.merge(request.header("I-Twilio-Idempotency-Token"), 1, Integer::sum) <= 2
                ? Reply.status(200).after(Duration.ofSeconds(6)) : Reply.status(200));
        String room = roomCallingBack();
        post(participant(room, "participant-connected", sid("PA", room + "slow"), "slow", nextTimestamp())).statusCode(200);

        Sweeps.untilDelivered(room, Duration.ofMinutes(1));

        assertThat(attempts).hasSize(2);
        assertThat(attempts.values()).allSatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(3));
        List<Receiver.Request> first = application.firstDeliveries(r -> r.header("I-Twilio-Idempotency-Token"));
        assertThat(first).extracting(r -> r.param("StatusCallbackEvent")).containsExactly("room-created", "participant-connected");
        assertEveryAttemptRepeatsTheFirst();
    }

    @Test
    void aMediaServerThatIsDownForAWhileGetsEveryPushInOrder() throws Exception {
        Receiver mediaServer = OutboundTestResource.mediaServer();
        String room = api().formParam("Type", "group").formParam("RecordingRules", "[{\"type\":\"include\",\"all\":true}]")
                .post("/v1/Rooms").then().statusCode(201).extract().path("sid");
        mediaServer.down();
        try {
            String bob = sid("PA", room + "bob");
            for (String kind : List.of("audio", "video")) {
                post(track(room, "track-added", bob, "bob", sid("MT", room + kind), kind, kind, nextTimestamp()))
                        .statusCode(200);
            }
            api().formParam("Rules", "[{\"type\":\"include\",\"kind\":\"audio\"}]")
                    .post("/v1/Rooms/{room}/RecordingRules", room).then().statusCode(200);
            // Down for 2.5 s, past several retries: two minutes at the default backoff.
            for (int i = 0; i < 5; i++) {
                Sweeps.run();
                Thread.sleep(500);
            }
            assertThat(Sweeps.pending(room)).isEqualTo(3);
        } finally {
            mediaServer.up();
        }

        Sweeps.untilDelivered(room, Duration.ofMinutes(1));

        List<Receiver.Request> pushes = mediaServer.firstDeliveries(r -> JsonPath.from(r.body()).getString("id")).stream()
                .filter(r -> JsonPath.from(r.body()).getString("room_sid").equals(room)).toList();
        assertThat(pushes).extracting(r -> JsonPath.from(r.body()).getLong("sequence")).containsExactly(1L, 2L, 3L);
        RecordingCommandsReceiver receiver = new RecordingCommandsReceiver(OutboundProfile.MEDIA_SECRET, Duration.ofMinutes(5));
        for (Receiver.Request push : pushes) {
            assertThat(receiver.receive(push.header("X-Recording-Rules-Signature"),
                    push.body().getBytes(StandardCharsets.UTF_8), Instant.now()))
                    .isEqualTo(RecordingCommandsReceiver.Verdict.APPLY);
        }
        assertThat(JsonPath.from(pushes.get(2).body()).getList("recording_tracks.kind", String.class)).containsExactly("audio");
    }

    @Test
    void aReceiverThatNeverRecoversEndsWithItsMessagesDeadLetteredAndListed() throws Exception {
        application.behave(request -> Reply.status(503));
        String room = roomCallingBack();
        post(participant(room, "participant-connected", sid("PA", room + "ghost"), "ghost", nextTimestamp())).statusCode(200);
        api().formParam("Status", "completed").post("/v1/Rooms/{room}", room).then().statusCode(202);

        Sweeps.untilDelivered(room, Duration.ofMillis(OutboundProfile.RETRY_PERIOD_MILLIS).plusMinutes(1));

        JsonPath listed = api().get("/v1/DeadLetters").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> letters = listed.getList("dead_letters.findAll { it.room_sid == '" + room + "' }");
        assertThat(letters).extracting(l -> l.get("event"))
                .containsExactly("room-created", "participant-connected", "participant-disconnected", "room-ended");
        assertThat(letters).extracting(l -> l.get("sequence")).containsExactly(1, 2, 3, 4);
        assertThat(letters).allSatisfy(letter -> {
            assertThat(letter.get("destination")).isEqualTo("callback");
            assertThat(letter.get("reason")).isEqualTo("answered 503");
            assertThat((Integer) letter.get("attempts")).isGreaterThanOrEqualTo(1);
            assertThat(letter.get("date_dead_lettered")).isNotNull();
        });
        assertThat(letters.get(0).get("id")).isEqualTo(application.requests().get(0).header("I-Twilio-Idempotency-Token"));
        assertEveryAttemptRepeatsTheFirst();

        // They expire with the room (docs/SPEC.md §8.5).
        long roomTtl = ttl("rr:{" + room + "}:room");
        long deadTtl = ttl("rr:{" + room + "}:dead:callback");
        assertThat(deadTtl).isPositive().isLessThanOrEqualTo(roomTtl);
        given().get("/v1/DeadLetters").then().statusCode(401);
    }

    @Test
    void theSweepPathAnswersNotFoundToAnythingButTheSchedule() {
        given().contentType("application/json").body("{}").post("/internal/outbound/sweep")
                .then().statusCode(404).body("code", equalTo(20404));
        assertThat(Sweeps.run().getInt("rooms")).isGreaterThanOrEqualTo(0);
    }

    private String roomCallingBack() {
        return api().formParam("Type", "group").formParam("StatusCallback", application.url("/events"))
                .post("/v1/Rooms").then().statusCode(201).extract().path("sid");
    }

    /** Every attempt at a message carries its token and exactly its first attempt's parameters and signature. */
    private void assertEveryAttemptRepeatsTheFirst() {
        Map<String, Receiver.Request> first = new ConcurrentHashMap<>();
        for (Receiver.Request request : application.requests()) {
            Receiver.Request earlier = first.putIfAbsent(request.header("I-Twilio-Idempotency-Token"), request);
            if (earlier != null) {
                assertThat(request.body()).isEqualTo(earlier.body());
                assertThat(request.header("X-Twilio-Signature")).isEqualTo(earlier.header("X-Twilio-Signature"));
            }
        }
        assertThat(first.values()).extracting(r -> r.param("SequenceNumber")).map(Integer::valueOf)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, first.size()).boxed().toList());
    }

    private static long ttl(String key) throws Exception {
        return Long.parseLong(RedisTestResource.redis().command("PTTL " + key).trim().substring(1));
    }
}
