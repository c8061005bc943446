package io.github.recordingrules.adapter.redis;

import io.github.recordingrules.support.OwnRedisProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.TwilioErrors.assertTwilioError;
import static io.github.recordingrules.support.Webhooks.nextTimestamp;
import static io.github.recordingrules.support.Webhooks.post;
import static io.github.recordingrules.support.Webhooks.sid;
import static io.github.recordingrules.support.Webhooks.track;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A deleted recording's metadata is kept for {@code recording-rules.deleted-recording-retention} after its
 * deletion, whatever its room's retention (docs/SPEC.md §4.6): here deleted recordings are kept 8 s (long enough for the first read to come first on a busy machine) and rooms
 * an hour, so a deleted recording of a room still kept disappears once its own retention is over.
 */
@QuarkusTest
@TestProfile(DeletedRecordingRetentionTest.ShortDeletedRetention.class)
class DeletedRecordingRetentionTest {

    public static class ShortDeletedRetention extends OwnRedisProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("recording-rules.retention", "1h", "recording-rules.deleted-recording-retention", "8s");
        }
    }

    @Test
    void aDeletedRecordingDisappearsOnceItsRetentionIsOverThoughItsRoomIsKept() {
        String[] roomAndRecording = endedRoomWithADeletedRecording();
        String room = roomAndRecording[0];
        String recording = roomAndRecording[1];
        assertThat(api().get("/v1/Recordings/{sid}", recording).jsonPath().getString("status")).isEqualTo("deleted");

        await("the deleted recording expires").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> api().get("/v1/Recordings/{sid}", recording).statusCode() == 404);

        assertTwilioError(api().get("/v1/Rooms/{room}/Recordings/{sid}", room, recording), 404, 20404);
        assertThat(api().queryParam("Status", "deleted").get("/v1/Rooms/{room}/Recordings", room).jsonPath()
                .getList("recordings")).isEmpty();
        api().get("/v1/Rooms/{room}", room).then().statusCode(200);
    }

    /** A room, ended, with one recording deleted: its SID and the recording's. */
    static String[] endedRoomWithADeletedRecording() {
        String room = api().formParam("RecordParticipantsOnConnect", "true").post("/v1/Rooms").then().statusCode(201)
                .extract().path("sid");
        String recording = post(track(room, "track-added", sid("PA", room + "a"), "Alice",
                sid("MT", UUID.randomUUID().toString()), "audio", "mic", nextTimestamp()))
                .statusCode(200).extract().path("started[0].sid");
        api().formParam("Status", "completed").post("/v1/Rooms/{room}", room).then().statusCode(202);
        api().delete("/v1/Rooms/{room}/Recordings/{sid}", room, recording).then().statusCode(204);
        return new String[]{room, recording};
    }
}
