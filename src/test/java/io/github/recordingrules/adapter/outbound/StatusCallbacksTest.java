package io.github.recordingrules.adapter.outbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.security.RequestValidator;
import io.github.recordingrules.compat.ExternalCommand;
import io.github.recordingrules.support.Api;
import io.github.recordingrules.support.OutboundProfile;
import io.github.recordingrules.support.Receiver;
import io.github.recordingrules.support.Sweeps;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.Webhooks.nextTimestamp;
import static io.github.recordingrules.support.Webhooks.participant;
import static io.github.recordingrules.support.Webhooks.post;
import static io.github.recordingrules.support.Webhooks.sid;
import static io.github.recordingrules.support.Webhooks.track;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance 1 of issue 10 (docs/SPEC.md §11.1.1): the seed's Alice, Bob and Carl, known to the function only
 * through signed callbacks, in a room created with a {@code StatusCallback} that points at a real HTTP
 * receiver. The receiver gets Twilio's event sequence, and every request passes the official Java library's
 * {@code RequestValidator} and npm {@code twilio}'s {@code validateRequest}.
 */
@QuarkusTest
@TestProfile(OutboundProfile.class)
class StatusCallbacksTest {

    private static final String ALICE = sid("PA", "cb-alice");
    private static final String BOB = sid("PA", "cb-bob");
    private static final String CARL = sid("PA", "cb-carl");
    private static final String MTA_A = sid("MT", "cb-MTA_A");
    private static final String MTA_C = sid("MT", "cb-MTA_C");
    private static final String MTA_S = sid("MT", "cb-MTA_S");
    private static final String MTB_A = sid("MT", "cb-MTB_A");
    private static final String MTB_C = sid("MT", "cb-MTB_C");
    private static final String MTB_S = sid("MT", "cb-MTB_S");
    private static final String MTC_A = sid("MT", "cb-MTC_A");
    private static final String MTC_C = sid("MT", "cb-MTC_C");

    private final Receiver application = Receiver.start("127.0.0.1");

    @AfterEach
    void stop() {
        application.close();
    }

    @Test
    void theApplicationGetsTwilioEventSequenceSignedAsTwilioSignsIt() throws Exception {
        String name = "seed-" + UUID.randomUUID();
        String callbackUrl = application.url("/room-events?app=seed");
        String room = api().formParam("UniqueName", name).formParam("Type", "group")
                .formParam("StatusCallback", callbackUrl).post("/v1/Rooms").then().statusCode(201).extract().path("sid");
        Map<String, String> connectedAt = new LinkedHashMap<>();
        for (String[] person : new String[][]{{ALICE, "Alice"}, {BOB, "Bob"}, {CARL, "Carl"}}) {
            String at = nextTimestamp();
            connectedAt.put(person[0], at);
            post(participant(room, "participant-connected", person[0], person[1], at)).statusCode(200);
        }
        publish(room, ALICE, "Alice", MTA_A, "audio", "alice-audio");
        publish(room, ALICE, "Alice", MTA_C, "video", "alice-cam");
        publish(room, ALICE, "Alice", MTA_S, "video", "screen");
        publish(room, BOB, "Bob", MTB_A, "audio", "bob-audio");
        publish(room, BOB, "Bob", MTB_C, "video", "bob-cam");
        publish(room, BOB, "Bob", MTB_S, "video", "screen");
        publish(room, CARL, "Carl", MTC_A, "audio", "carl-audio");
        publish(room, CARL, "Carl", MTC_C, "video", "carl-cam");
        api().formParam("Rules", "[{\"type\": \"include\", \"publisher\": \"Alice\"}, {\"type\": \"include\", \"kind\": \"audio\"}]")
                .post("/v1/Rooms/{room}/RecordingRules", room).then().statusCode(200);
        String aliceLeft = nextTimestamp();
        post(participant(room, "participant-disconnected", ALICE, "Alice", aliceLeft)).statusCode(200);
        List<Map<String, Object>> recordings = api().queryParam("PageSize", 100).get("/v1/Rooms/{room}/Recordings", room)
                .then().statusCode(200).extract().jsonPath().getList("recordings");
        api().formParam("Status", "completed").post("/v1/Rooms/{room}", room).then().statusCode(202);
        // Normally the first attempts delivered everything; on a loaded machine the sweep finishes the job.
        Sweeps.untilDelivered(room, Duration.ofMinutes(1));

        // Retries (the same token, the same body) may repeat a message when an answer was slow; each counts once.
        List<Receiver.Request> received = application.firstDeliveries(r -> r.header("I-Twilio-Idempotency-Token"));
        List<String> events = received.stream().map(r -> r.param("StatusCallbackEvent")).toList();
        List<String> expected = new ArrayList<>();
        expected.add("room-created");
        expected.addAll(Collections.nCopies(3, "participant-connected"));
        expected.addAll(Collections.nCopies(8, "track-added"));
        expected.addAll(Collections.nCopies(5, "recording-started"));
        expected.addAll(Collections.nCopies(3, "track-removed"));
        expected.add("participant-disconnected");
        expected.addAll(Collections.nCopies(3, "recording-completed"));
        expected.addAll(Collections.nCopies(5, "track-removed"));
        expected.addAll(Collections.nCopies(2, "participant-disconnected"));
        expected.addAll(Collections.nCopies(2, "recording-completed"));
        expected.add("room-ended");
        assertThat(events).as("the events, in the order received").isEqualTo(expected);

        RequestValidator validator = new RequestValidator(Api.AUTH_TOKEN);
        for (int i = 0; i < received.size(); i++) {
            Receiver.Request request = received.get(i);
            Map<String, String> params = request.form();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
            assertThat(validator.validate(calledUrl(request), params, request.header("X-Twilio-Signature")))
                    .as("RequestValidator on %s", params.get("StatusCallbackEvent")).isTrue();
            assertThat(request.header("I-Twilio-Idempotency-Token")).matches("[0-9a-f]{32}");
            assertThat(params).containsEntry("AccountSid", Api.ACCOUNT_SID).containsEntry("RoomSid", room)
                    .containsEntry("RoomName", name).containsEntry("RoomType", "group")
                    .containsEntry("SequenceNumber", Integer.toString(i)); // so each token is one event
            assertThat(params.get("Timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        }
        Map<String, String> tampered = new LinkedHashMap<>(received.get(1).form());
        tampered.put("ParticipantIdentity", "Mallory");
        assertThat(validator.validate(calledUrl(received.get(1)), tampered, received.get(1).header("X-Twilio-Signature")))
                .as("the validator refuses a changed callback").isFalse();

        Map<String, String> aliceGone = received.get(20).form();
        assertThat(aliceGone).containsEntry("StatusCallbackEvent", "participant-disconnected")
                .containsEntry("ParticipantSid", ALICE).containsEntry("ParticipantIdentity", "Alice")
                .containsEntry("ParticipantStatus", "disconnected").containsEntry("RoomStatus", "in-progress")
                .containsEntry("ParticipantDuration", Long.toString(Duration.between(
                        Instant.parse(connectedAt.get(ALICE)), Instant.parse(aliceLeft)).toSeconds()));
        assertThat(received.get(1).form()).containsEntry("ParticipantSid", ALICE)
                .containsEntry("ParticipantStatus", "connected").doesNotContainKey("ParticipantDuration");
        assertThat(received.get(4).form()).containsEntry("StatusCallbackEvent", "track-added")
                .containsEntry("TrackSid", MTA_A).containsEntry("TrackKind", "audio").containsEntry("ParticipantSid", ALICE);
        Map<String, String> ended = received.get(received.size() - 1).form();
        assertThat(ended).containsEntry("RoomStatus", "completed").containsKey("RoomDuration");

        // recording-started names the recordings the REST API lists, one per recorded track.
        Map<String, String> sourceByRecording = new LinkedHashMap<>();
        recordings.forEach(r -> sourceByRecording.put((String) r.get("sid"), (String) r.get("source_sid")));
        Map<String, String> started = new LinkedHashMap<>();
        Map<String, String> completed = new LinkedHashMap<>();
        for (Receiver.Request request : received) {
            Map<String, String> params = request.form();
            if (params.get("StatusCallbackEvent").startsWith("recording-")) {
                assertThat(params.get("RecordingUri")).isEqualTo("/v1/Recordings/" + params.get("RecordingSid"));
                assertThat(params.get("Container")).isEqualTo(params.get("Type").equals("audio") ? "mka" : "mkv");
                (params.get("StatusCallbackEvent").equals("recording-started") ? started : completed)
                        .put(params.get("RecordingSid"), params.get("SourceSid"));
            }
            if (params.get("StatusCallbackEvent").equals("recording-completed")) {
                assertThat(params.get("Duration")).matches("\\d+");
            }
        }
        assertThat(started).isEqualTo(sourceByRecording);
        assertThat(started.values()).containsExactlyInAnyOrder(MTA_A, MTA_C, MTA_S, MTB_A, MTC_A);
        assertThat(completed).as("each recording completed exactly once").isEqualTo(started);

        assertTheNpmLibraryValidates(received);
    }

    @Test
    void withStatusCallbackMethodGetTheParametersAreInTheSignedQuery() {
        String room = api().formParam("StatusCallback", application.url("/events?key=value"))
                .formParam("StatusCallbackMethod", "GET").post("/v1/Rooms").then().statusCode(201).extract().path("sid");

        Receiver.Request created = application.firstDeliveries(r -> r.header("I-Twilio-Idempotency-Token")).get(0);
        assertThat(created.method()).isEqualTo("GET");
        assertThat(created.body()).isEmpty();
        assertThat(created.query()).startsWith("key=value&");
        assertThat(created.form()).containsEntry("StatusCallbackEvent", "room-created").containsEntry("RoomSid", room)
                .containsEntry("RoomName", room).containsEntry("SequenceNumber", "0");
        assertThat(new RequestValidator(Api.AUTH_TOKEN).validate(calledUrl(created), Map.of(),
                created.header("X-Twilio-Signature"))).isTrue();
    }

    private void publish(String room, String participant, String identity, String trackSid, String kind, String name) {
        post(track(room, "track-added", participant, identity, trackSid, kind, name, nextTimestamp())).statusCode(200);
    }

    private String calledUrl(Receiver.Request request) {
        return application.url(request.path()) + (request.query() == null ? "" : "?" + request.query());
    }

    /** Every callback through npm twilio's validateRequest (compat/node/validate-callbacks.js). */
    private void assertTheNpmLibraryValidates(List<Receiver.Request> received) throws Exception {
        Path project = ExternalCommand.nodeProject();
        List<Map<String, Object>> callbacks = IntStream.range(0, received.size()).mapToObj(i -> {
            Receiver.Request request = received.get(i);
            Map<String, Object> callback = new LinkedHashMap<>();
            callback.put("url", calledUrl(request));
            callback.put("params", request.form());
            callback.put("signature", request.header("X-Twilio-Signature"));
            return callback;
        }).toList();
        Path file = Files.createTempFile("callbacks", ".json");
        try {
            Files.writeString(file, new ObjectMapper().writeValueAsString(callbacks));
            ExternalCommand.Result result = ExternalCommand.run(project, Duration.ofMinutes(1),
                    Map.of("TWILIO_AUTH_TOKEN", Api.AUTH_TOKEN), "node", "validate-callbacks.js", file.toString());
            System.out.println("node validate-callbacks.js: " + result.output());
            assertThat(result.output()).contains(received.size() + " valid, 0 invalid");
            assertThat(result.exitCode()).isZero();
        } finally {
            Files.delete(file);
        }
    }
}
