package io.github.recordingrules.adapter.redis;

import io.github.recordingrules.support.OwnRedisProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.TwilioErrors.assertTwilioError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A deleted recording outlives its room (docs/SPEC.md §4.6): rooms are kept 8 s here (long enough for the set-up to finish first on a busy machine) and deleted recordings
 * an hour, so once the room has expired the recording is still read by its SID, from the copy kept of it.
 */
@QuarkusTest
@TestProfile(DeletedRecordingOutlivesItsRoomTest.ShortRoomRetention.class)
class DeletedRecordingOutlivesItsRoomTest {

    public static class ShortRoomRetention extends OwnRedisProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("recording-rules.retention", "8s", "recording-rules.deleted-recording-retention", "1h");
        }
    }

    @Test
    void aDeletedRecordingIsStillReadByItsSidOnceItsRoomHasExpired() {
        String[] roomAndRecording = DeletedRecordingRetentionTest.endedRoomWithADeletedRecording();
        String room = roomAndRecording[0];
        String recording = roomAndRecording[1];

        await("the room expires").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> api().get("/v1/Rooms/{room}", room).statusCode() == 404);

        assertThat(api().get("/v1/Recordings/{sid}", recording).then().statusCode(200).extract().jsonPath()
                .getString("status")).isEqualTo("deleted");
        assertThat(api().queryParam("Status", "deleted").get("/v1/Recordings").jsonPath().getList("recordings.sid"))
                .contains(recording);
        assertTwilioError(api().get("/v1/Rooms/{room}/Recordings/{sid}", room, recording), 404, 20404);
        api().delete("/v1/Recordings/{sid}", recording).then().statusCode(204);
    }
}
