package io.github.recordingrules.adapter.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.TwilioErrors.assertTwilioError;
import static io.github.recordingrules.support.Webhooks.nextTimestamp;
import static io.github.recordingrules.support.Webhooks.post;
import static io.github.recordingrules.support.Webhooks.sid;
import static io.github.recordingrules.support.Webhooks.track;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deleting recordings (docs/SPEC.md §4.6): through the room or by SID alone, a deleted recording keeps its
 * metadata with status {@code deleted} and is left out of every list unless {@code Status=deleted} asks for it.
 */
@QuarkusTest
class RecordingDeletionTest {

    private String room;
    private String mic;
    private String cam;
    private String micRecording;
    private String camRecording;

    @BeforeEach
    void aRoomWithTwoEndedRecordings() {
        room = api().formParam("RecordParticipantsOnConnect", "true").post("/v1/Rooms").then().statusCode(201)
                .extract().path("sid");
        String alice = sid("PA", room + "alice");
        mic = sid("MT", room + "mic");
        cam = sid("MT", room + "cam");
        micRecording = post(track(room, "track-added", alice, "Alice", mic, "audio", "mic", nextTimestamp()))
                .statusCode(200).extract().path("started[0].sid");
        camRecording = post(track(room, "track-added", alice, "Alice", cam, "video", "cam", nextTimestamp()))
                .statusCode(200).extract().path("started[0].sid");
    }

    @Test
    void aProcessingRecordingCannotBeDeleted() {
        assertTwilioError(api().delete("/v1/Rooms/{room}/Recordings/{sid}", room, micRecording), 400, 20001);
        assertTwilioError(api().delete("/v1/Recordings/{sid}", micRecording), 400, 20001);
        assertThat(api().get("/v1/Recordings/{sid}", micRecording).jsonPath().getString("status")).isEqualTo("processing");
    }

    @Test
    void aDeletedRecordingKeepsItsMetadataAndLeavesTheListsUnlessAskedFor() {
        api().formParam("Status", "completed").post("/v1/Rooms/{room}", room).then().statusCode(202);

        api().delete("/v1/Rooms/{room}/Recordings/{sid}", room, micRecording).then().statusCode(204);

        JsonPath deleted = api().get("/v1/Rooms/{room}/Recordings/{sid}", room, micRecording).then().statusCode(200)
                .extract().jsonPath();
        assertThat(deleted.getString("status")).isEqualTo("deleted");
        assertThat(deleted.getString("source_sid")).isEqualTo(mic);
        assertThat(deleted.getInt("duration")).isPositive();
        assertThat(api().get("/v1/Recordings/{sid}", micRecording).jsonPath().getString("status")).isEqualTo("deleted");
        assertThat(api().get("/v1/Rooms/{room}/Recordings", room).jsonPath().getList("recordings.sid"))
                .containsExactly(camRecording);
        assertThat(api().queryParam("Status", "deleted").get("/v1/Rooms/{room}/Recordings", room).jsonPath()
                .getList("recordings.sid")).containsExactly(micRecording);
        assertThat(api().queryParam("GroupingSid", room).get("/v1/Recordings").jsonPath().getList("recordings.sid"))
                .containsExactly(camRecording);
        assertThat(api().queryParam("GroupingSid", room).queryParam("Status", "deleted").get("/v1/Recordings").jsonPath()
                .getList("recordings.sid")).containsExactly(micRecording);
        assertTwilioError(api().get("/v1/Rooms/{room}/Recordings/{sid}/Media", room, micRecording), 404, 20404);

        api().delete("/v1/Recordings/{sid}", micRecording).then().statusCode(204);
        api().delete("/v1/Rooms/{room}/Recordings/{sid}", room, micRecording).then().statusCode(204);
        assertThat(api().get("/v1/Recordings/{sid}", micRecording).jsonPath().getString("status")).isEqualTo("deleted");
    }

    @Test
    void aRecordingIsDeletedByItsSidAlone() {
        post(track(room, "track-removed", sid("PA", room + "alice"), "Alice", cam, "video", "cam", nextTimestamp()))
                .statusCode(200);

        api().delete("/v1/Recordings/{sid}", camRecording).then().statusCode(204);

        assertThat(api().get("/v1/Rooms/{room}/Recordings/{sid}", room, camRecording).jsonPath().getString("status"))
                .isEqualTo("deleted");
        assertThat(api().get("/v1/Rooms/{room}/Recordings", room).jsonPath().getList("recordings.sid"))
                .containsExactly(micRecording);
    }

    @Test
    void anUnknownRecordingIs404() {
        String unknown = sid("RT", UUID.randomUUID().toString());
        assertTwilioError(api().delete("/v1/Recordings/{sid}", unknown), 404, 20404);
        assertTwilioError(api().delete("/v1/Rooms/{room}/Recordings/{sid}", room, unknown), 404, 20404);
        assertTwilioError(api().get("/v1/Recordings/{sid}", unknown), 404, 20404);
        assertTwilioError(api().get("/v1/Recordings/{sid}/Media", unknown), 404, 20404);
    }
}
