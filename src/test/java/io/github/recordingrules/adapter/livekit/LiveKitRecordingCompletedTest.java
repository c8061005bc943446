package io.github.recordingrules.adapter.livekit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.recordingrules.support.EgressStandIn;
import io.github.recordingrules.support.EgressStandIn.Egress;
import io.github.recordingrules.support.LiveKitCallbacksProfile;
import io.github.recordingrules.support.LiveKitNode;
import io.github.recordingrules.support.LiveKitProfile;
import io.github.recordingrules.support.Receiver;
import io.github.recordingrules.support.Sweeps;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.LiveKitWebhooks.egress;
import static io.github.recordingrules.support.LiveKitWebhooks.event;
import static io.github.recordingrules.support.LiveKitWebhooks.nextSecond;
import static io.github.recordingrules.support.LiveKitWebhooks.post;
import static io.github.recordingrules.support.LiveKitWebhooks.sid;
import static io.github.recordingrules.support.LiveKitWebhooks.track;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance 4 of issue 11: LiveKit's {@code egress_ended} completes the recording with its file, as the REST
 * API shows it and as the application's {@code recording-completed} status callback tells it, sent to a real
 * HTTP receiver at the room's {@code StatusCallback}. Egress is {@link EgressStandIn}, standing in for LiveKit's
 * Egress service; the webhooks are signed by LiveKit's SDK ({@link LiveKitNode}).
 */
@QuarkusTest
@TestProfile(LiveKitCallbacksProfile.class)
class LiveKitRecordingCompletedTest {

    private final Receiver application = Receiver.start("127.0.0.1");

    @AfterEach
    void stop() {
        application.close();
        assertThat(LiveKitProfile.egress().violations()).isEmpty();
    }

    @Test
    void egressEndedReachesTheApplicationAsRecordingCompletedWithItsFile() {
        LiveKitNode.get();
        EgressStandIn standIn = LiveKitProfile.egress();
        standIn.reset();
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String roomId = "RM_" + run;
        String roomName = "done-" + run;
        String carl = "PA_carl" + run;
        String carlAudio = "TR_CA" + run;
        String roomSid = api().formParam("UniqueName", roomName).formParam("Type", "group")
                .formParam("StatusCallback", application.url("/room-events"))
                .formParam("RecordingRules", "[{\"type\":\"include\",\"all\":true}]")
                .post("/v1/Rooms").then().statusCode(201).extract().path("sid");
        play(event("room_started", roomId, roomName, nextSecond()));
        play(track("track_published", roomId, roomName, carl, "Carl", carlAudio, "AUDIO", "carl-audio", "MICROPHONE",
                nextSecond()));
        play(track("track_unpublished", roomId, roomName, carl, "Carl", carlAudio, "AUDIO", "carl-audio", "MICROPHONE",
                nextSecond()));
        Egress started = standIn.started().get(0);
        assertThat(standIn.stopped()).containsExactly(started.egressId());
        Sweeps.untilDelivered(roomSid, Duration.ofMinutes(1));
        assertThat(events()).as("at-media-report: nothing when the track stops").doesNotContain("recording-completed");

        String location = "s3://test-recordings/" + started.filepath() + ".ogg";
        JsonNode ended = play(egress("egress_ended",
                standIn.ended(started.egressId(), roomId, "EGRESS_COMPLETE", location, 48213, 12_400_000_000L), nextSecond()));
        assertThat(post(ended).statusCode()).as("LiveKit delivers it again").isEqualTo(200);
        Sweeps.untilDelivered(roomSid, Duration.ofMinutes(1));

        List<Receiver.Request> completed = application.firstDeliveries(r -> r.header("I-Twilio-Idempotency-Token"))
                .stream().filter(r -> "recording-completed".equals(r.param("StatusCallbackEvent"))).toList();
        assertThat(completed).as("once, though egress_ended came twice").hasSize(1);
        Map<String, String> callback = completed.get(0).form();
        String recordingSid = callback.get("RecordingSid");
        assertThat(callback).containsEntry("RoomSid", roomSid)
                .containsEntry("RoomName", roomName)
                .containsEntry("SourceSid", sid("MT", carlAudio))
                .containsEntry("ParticipantSid", sid("PA", carl))
                .containsEntry("ParticipantIdentity", "Carl")
                .containsEntry("TrackName", "carl-audio")
                .containsEntry("Type", "audio")
                .containsEntry("Container", "ogg")
                .containsEntry("Duration", "12")
                .containsEntry("Size", "48213")
                .containsEntry("MediaExternalLocation", location)
                .containsEntry("RecordingUri", "/v1/Recordings/" + recordingSid);
        assertThat(events()).containsSubsequence("recording-started", "recording-completed");

        for (JsonPath shown : List.of(
                api().get("/v1/Rooms/{room}/Recordings/{sid}", roomSid, recordingSid).then().statusCode(200).extract().jsonPath(),
                api().get("/v1/Recordings/{sid}", recordingSid).then().statusCode(200).extract().jsonPath())) {
            assertThat(shown.getString("status")).isEqualTo("completed");
            assertThat(shown.getString("media_external_location")).isEqualTo(location);
            assertThat(shown.getLong("size")).isEqualTo(48213);
            assertThat(shown.getInt("duration")).isEqualTo(12);
        }
    }

    /** The callbacks' events in the order the application got them, each message once. */
    private List<String> events() {
        return application.firstDeliveries(r -> r.header("I-Twilio-Idempotency-Token")).stream()
                .map(r -> r.param("StatusCallbackEvent")).toList();
    }

    /** Signs the event as LiveKit does and posts it; answers the signed webhook, for posting it again. */
    private static JsonNode play(ObjectNode event) {
        JsonNode signed = LiveKitNode.get().webhook(event);
        assertThat(post(signed).statusCode()).as(event.toString()).isEqualTo(200);
        return signed;
    }
}
