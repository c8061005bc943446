package io.github.recordingrules.adapter.outbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.recordingrules.compat.ExternalCommand;
import io.github.recordingrules.examples.RecordingCommandsReceiver;
import io.github.recordingrules.examples.RecordingCommandsReceiver.Verdict;
import io.github.recordingrules.support.OutboundProfile;
import io.github.recordingrules.support.OutboundTestResource;
import io.github.recordingrules.support.Receiver;
import io.github.recordingrules.support.Sweeps;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.Webhooks.nextTimestamp;
import static io.github.recordingrules.support.Webhooks.participant;
import static io.github.recordingrules.support.Webhooks.post;
import static io.github.recordingrules.support.Webhooks.sid;
import static io.github.recordingrules.support.Webhooks.track;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance 2 of issue 10 (docs/SPEC.md §11.1.2): a rules POST reaches the media server at once, in a signed
 * push naming the complete set to record and what stopped and started; no callback from the media server is
 * needed. The pushes are checked by the Java and Node receiver examples of docs/MIGRATING.md §6.
 */
@QuarkusTest
@TestProfile(OutboundProfile.class)
class MediaServerPushTest {

    private final Receiver mediaServer = OutboundTestResource.mediaServer();

    @Test
    void excludeAllAndIncludeAllArePushedBeforeThePostIsAnswered() throws Exception {
        String room = api().formParam("Type", "group")
                .formParam("RecordingRules", "[{\"type\":\"include\",\"all\":true}]")
                .post("/v1/Rooms").then().statusCode(201).extract().path("sid");
        for (String person : List.of("dora", "emil")) {
            String participant = sid("PA", room + "p-" + person);
            post(participant(room, "participant-connected", participant, person, nextTimestamp())).statusCode(200);
            post(track(room, "track-added", participant, person, sid("MT", room + "a-" + person), "audio", "mic",
                    nextTimestamp())).statusCode(200);
            post(track(room, "track-added", participant, person, sid("MT", room + "v-" + person), "video", "cam",
                    nextTimestamp())).statusCode(200);
        }
        List<String> recording = processing(room);
        assertThat(recording).hasSize(4);

        api().formParam("Rules", "[{\"type\":\"exclude\",\"all\":true}]").post("/v1/Rooms/{room}/RecordingRules", room)
                .then().statusCode(200);
        long excludeAnswered = System.nanoTime();
        api().formParam("Rules", "[{\"type\":\"include\",\"all\":true}]").post("/v1/Rooms/{room}/RecordingRules", room)
                .then().statusCode(200);
        long includeAnswered = System.nanoTime();

        List<Receiver.Request> pushes = pushesOf(room);
        List<Receiver.Request> rulesPushes = pushes.stream()
                .filter(p -> JsonPath.from(p.body()).getString("cause").equals("rules-updated")).toList();
        assertThat(rulesPushes).hasSize(2);
        Receiver.Request excluded = rulesPushes.get(0);
        Receiver.Request included = rulesPushes.get(1);
        assertThat(excluded.received()).as("pushed before the POST answered").isLessThan(excludeAnswered);
        assertThat(included.received()).as("pushed before the POST answered").isLessThan(includeAnswered);

        JsonPath stop = JsonPath.from(excluded.body());
        assertThat(stop.getList("recording_tracks")).isEmpty();
        assertThat(stop.getList("started")).isEmpty();
        assertThat(stop.getList("stopped.sid", String.class)).containsExactlyInAnyOrderElementsOf(recording);
        assertThat(stop.getList("stopped.status", String.class)).containsOnly("completed");
        assertThat(stop.getString("room_sid")).isEqualTo(room);
        assertThat(stop.getString("room_status")).isEqualTo("in-progress");
        assertThat(stop.getString("type")).isEqualTo("recording-tracks");

        JsonPath start = JsonPath.from(included.body());
        List<String> started = start.getList("started.sid", String.class);
        assertThat(started).hasSize(4).doesNotContainAnyElementsOf(recording);
        assertThat(start.getList("recording_tracks.recording_sid", String.class)).containsExactlyInAnyOrderElementsOf(started);
        assertThat(start.getList("stopped")).isEmpty();
        assertThat(processing(room)).containsExactlyInAnyOrderElementsOf(started);
        assertThat(start.getLong("sequence")).isGreaterThan(stop.getLong("sequence"));

        List<Long> sequences = pushes.stream().map(p -> JsonPath.from(p.body()).getLong("sequence")).toList();
        assertThat(sequences).as("one push per change of the set, numbered in commit order")
                .isEqualTo(java.util.stream.LongStream.rangeClosed(1, pushes.size()).boxed().toList());

        RecordingCommandsReceiver receiver = new RecordingCommandsReceiver(OutboundProfile.MEDIA_SECRET, Duration.ofMinutes(5));
        for (Receiver.Request push : pushes) {
            assertThat(receiver.receive(push.header("X-Recording-Rules-Signature"), bytes(push), Instant.now()))
                    .isEqualTo(Verdict.APPLY);
        }
        assertThat(receiver.receive(excluded.header("X-Recording-Rules-Signature"), bytes(excluded), Instant.now()))
                .as("a replayed older push").isEqualTo(Verdict.STALE);
        assertThat(receiver.receive(included.header("X-Recording-Rules-Signature"),
                included.body().replace("\"in-progress\"", "\"completed\"").getBytes(StandardCharsets.UTF_8), Instant.now()))
                .as("a changed body").isEqualTo(Verdict.REJECTED);
        assertThat(receiver.receive(included.header("X-Recording-Rules-Signature"), bytes(included),
                Instant.now().plus(Duration.ofMinutes(6)))).as("a signature too old").isEqualTo(Verdict.REJECTED);

        assertTheNodeReceiverAppliesThem(pushes, excluded);
    }

    @Test
    void aSlowMediaServerDoesNotHoldTheCallerLongerThanTheFirstAttempt() {
        String room = api().formParam("Type", "group").post("/v1/Rooms").then().statusCode(201).extract().path("sid");
        String participant = sid("PA", room + "slow");
        post(track(room, "track-added", participant, "slow", sid("MT", room + "slow"), "audio", "mic", nextTimestamp()))
                .statusCode(200);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        mediaServer.behave(request -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Receiver.Reply.status(200);
        });
        try {
            api().formParam("Rules", "[{\"type\":\"include\",\"all\":true}]").post("/v1/Rooms/{room}/RecordingRules", room)
                    .then().statusCode(200);
            assertThat(pushesOf(room)).as("the push was sent, and the answer did not wait for the receiver").hasSize(1);
        } finally {
            release.countDown();
            mediaServer.behave(request -> Receiver.Reply.status(200));
        }
        Sweeps.untilDelivered(room, Duration.ofMinutes(1));
    }

    private List<Receiver.Request> pushesOf(String room) {
        return mediaServer.firstDeliveries(r -> JsonPath.from(r.body()).getString("id")).stream()
                .filter(r -> JsonPath.from(r.body()).getString("room_sid").equals(room)).toList();
    }

    private static List<String> processing(String room) {
        return api().queryParam("Status", "processing").get("/v1/Rooms/{room}/Recordings", room)
                .then().statusCode(200).extract().jsonPath().getList("recordings.sid", String.class);
    }

    private static byte[] bytes(Receiver.Request request) {
        return request.body().getBytes(StandardCharsets.UTF_8);
    }

    /** compat/node/recording-commands-receiver.js applies each push once and drops a replay. */
    private static void assertTheNodeReceiverAppliesThem(List<Receiver.Request> pushes, Receiver.Request replay)
            throws Exception {
        Path project = ExternalCommand.nodeProject();
        List<Map<String, Object>> recorded = new java.util.ArrayList<>();
        for (Receiver.Request push : pushes) {
            recorded.add(recorded(push));
        }
        recorded.add(recorded(replay));
        Path file = Files.createTempFile("pushes", ".json");
        try {
            Files.writeString(file, new ObjectMapper().writeValueAsString(recorded));
            ExternalCommand.Result result = ExternalCommand.run(project, Duration.ofMinutes(1),
                    Map.of("MEDIA_SERVER_SECRET", OutboundProfile.MEDIA_SECRET),
                    "node", "recording-commands-receiver.js", file.toString());
            System.out.println("node recording-commands-receiver.js: " + result.output());
            assertThat(result.output()).contains(pushes.size() + " applied, 1 stale, 0 rejected");
        } finally {
            Files.delete(file);
        }
    }

    private static Map<String, Object> recorded(Receiver.Request push) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("signature", push.header("X-Recording-Rules-Signature"));
        entry.put("body", push.body());
        entry.put("receivedAt", Instant.now().getEpochSecond());
        return entry;
    }
}
