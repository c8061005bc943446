package io.github.recordingrules.adapter.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.recordingrules.application.RoomStore;
import io.github.recordingrules.application.StoreUnavailableException;
import io.github.recordingrules.support.PreviousRelease;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.Api.createGroupRoom;
import static io.github.recordingrules.support.RedisTestResource.KEYS;
import static io.github.recordingrules.support.TwilioErrors.assertTwilioError;
import static io.github.recordingrules.support.Webhooks.event;
import static io.github.recordingrules.support.Webhooks.post;
import static io.github.recordingrules.support.Webhooks.sid;
import static io.github.recordingrules.support.Webhooks.track;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/**
 * Rolling deploys (docs/SPEC.md §8.6): this version reads and updates rooms the previous release stored
 * (a fixture that release wrote itself), and never writes back a room stored in a schema newer than its own:
 * such a request answers 503 with Twilio's body and Retry-After, which senders retry until the newer version
 * serves.
 */
@QuarkusTest
class StoredSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PreviousRelease RELEASE = PreviousRelease.load();

    @Inject
    RedisDataSource redis;

    @Inject
    RoomStore store;

    @BeforeEach
    void storeTheRoomsAsThePreviousReleaseLeftThem() {
        for (String sid : RELEASE.roomSids()) {
            redis.key().del(KEYS.room(sid));
            redis.hash(String.class).hset(KEYS.room(sid), RELEASE.storedHash(sid));
            redis.key().pexpire(KEYS.room(sid), Duration.ofHours(1));
        }
        RELEASE.names().forEach((name, sid) -> redis.value(String.class).set(KEYS.name(name), sid));
    }

    @Test
    void roomsThePreviousReleaseStoredAreAnsweredAsThatReleaseAnsweredThem() throws IOException {
        for (String sid : RELEASE.roomSids()) {
            assertSameAs(RELEASE.answer(sid, "room"), api().get("/v1/Rooms/{sid}", sid));
            assertSameAs(RELEASE.answer(sid, "rules"), api().get("/v1/Rooms/{sid}/RecordingRules", sid));
            assertSameAs(RELEASE.answer(sid, "recordings"), api().get("/v1/Rooms/{sid}/Recordings", sid));
        }
        api().get("/v1/Rooms/fixture-room").then().statusCode(200).body("sid", equalTo(RELEASE.inProgressRoom()));
        assertThat(redis.hash(String.class).hgetall(KEYS.room(RELEASE.inProgressRoom())))
                .as("reading migrates nothing").isEqualTo(RELEASE.storedHash(RELEASE.inProgressRoom()));
    }

    @Test
    void aRoomThePreviousReleaseStoredIsUpdatedAndWrittenInThisSchema() {
        String room = RELEASE.inProgressRoom();
        String bob = sid("PA", "bob");
        String bobMicRecording = recordingOf(room, sid("MT", "bob-mic"));

        post(track(room, "track-removed", bob, "bob", sid("MT", "bob-mic"), "audio", null, "2026-03-01T10:01:00Z"))
                .statusCode(200)
                .body("applied", equalTo(true))
                .body("stopped.sid", contains(bobMicRecording))
                .body("recording_tracks.track_sid", contains(sid("MT", "alice-mic")));

        Map<String, String> stored = redis.hash(String.class).hgetall(KEYS.room(room));
        assertWrittenInFields(stored);
        assertThat(stored).containsKeys("p:" + bob, "t:" + sid("MT", "bob-mic"), "r:" + bobMicRecording);
        assertThat(stored.get(RedisKeys.VERSION)).isEqualTo(
                Long.toString(Long.parseLong(RELEASE.storedHash(room).get(RedisKeys.VERSION)) + 1));
        api().get("/v1/Rooms/{sid}/Recordings/{rt}", room, bobMicRecording).then().statusCode(200)
                .body("status", equalTo("completed")).body("duration", equalTo(55));
        api().get("/v1/Rooms/{sid}/Recordings", room).then().body("recordings.status",
                contains("processing", "completed", "completed"));
        api().formParam("Rules", "[{\"type\":\"include\",\"kind\":\"video\"}]")
                .post("/v1/Rooms/{sid}/RecordingRules", "fixture-room").then().statusCode(200);
        api().get("/v1/Rooms/{sid}/Recordings", room).then()
                .body("recordings.findAll { it.status == 'processing' }.source_sid", contains(sid("MT", "bob-cam")));

        String ended = RELEASE.endedRoom();
        String micRecording = recordingOf(ended, sid("MT", "alice-mic"));
        Map<String, String> report = event(ended, "recording-completed", "2026-03-01T11:20:00Z");
        report.put("RecordingSid", micRecording);
        report.put("Duration", "600");
        post(report).statusCode(200).body("applied", equalTo(true)).body("room_status", equalTo("completed"));
        api().get("/v1/Rooms/{sid}/Recordings/{rt}", ended, micRecording).then().body("duration", equalTo(600));
        assertWrittenInFields(redis.hash(String.class).hgetall(KEYS.room(ended)));
    }

    /** Schema 5: the document is gone, the room is in fields of its own, with an incarnation. */
    private static void assertWrittenInFields(Map<String, String> stored) {
        assertThat(stored).containsKeys(RedisKeys.VERSION, RedisKeys.INCARNATION, RedisKeys.SCHEMA, RedisKeys.HEADER,
                        RedisKeys.RULES)
                .doesNotContainKeys(RedisKeys.DOCUMENT, RedisKeys.LEGACY_DOCUMENT);
        assertThat(stored.get(RedisKeys.SCHEMA)).isEqualTo(Integer.toString(RoomParts.SCHEMA));
    }

    @Test
    void aRoomStoredInANewerSchemaIsNeverWrittenBackAndEveryRequestOnItAnswers503() {
        String room = sid("RM", "from-a-newer-version");
        redis.key().del(KEYS.room(room));
        Map<String, String> newer = Map.of(RedisKeys.VERSION, "7", RedisKeys.SCHEMA, Integer.toString(RoomParts.SCHEMA + 1),
                RedisKeys.DOCUMENT, "{\"written\":\"by a version this one does not know\"}");
        redis.hash(String.class).hset(KEYS.room(room), newer);
        redis.key().pexpire(KEYS.room(room), Duration.ofHours(1));

        assertUnavailable(api().get("/v1/Rooms/{sid}", room));
        assertUnavailable(api().get("/v1/Rooms/{sid}/RecordingRules", room));
        assertUnavailable(api().get("/v1/Rooms/{sid}/Recordings", room));
        assertUnavailable(api().formParam("Rules", "[{\"type\":\"include\",\"all\":true}]")
                .post("/v1/Rooms/{sid}/RecordingRules", room));
        assertUnavailable(api().formParam("Status", "completed").post("/v1/Rooms/{sid}", room));
        assertUnavailable(post(track(room, "track-added", sid("PA", "p"), "p", sid("MT", "m"), "audio", "mic",
                "2026-03-01T10:00:00Z")).extract().response());
        assertUnavailable(post(event(room, "room-ended", "2026-03-01T10:00:01Z")).extract().response());

        assertThat(redis.hash(String.class).hgetall(KEYS.room(room))).isEqualTo(newer);
    }

    /** The newer version may write between this version's read and its write: the script itself refuses. */
    @Test
    void theSaveScriptRefusesARoomANewerVersionWroteSinceItWasRead() {
        String room = createGroupRoom(null);
        RoomStore.StoredRoom read = store.load(room).orElseThrow();
        redis.hash(String.class).hset(KEYS.room(room), RedisKeys.SCHEMA, Integer.toString(RoomParts.SCHEMA + 1));
        Map<String, String> before = redis.hash(String.class).hgetall(KEYS.room(room));

        assertThatThrownBy(() -> store.save(read.room(), read.revision(), null, Instant.now().plusSeconds(30)))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("newer");

        assertThat(redis.hash(String.class).hgetall(KEYS.room(room))).isEqualTo(before);
    }

    /**
     * During this version's deploy, instances of the version before it (schema 4, main 43a1745) still run: its
     * save script (kept as it was, in the test resources) refuses to write over a room this version stored in
     * fields, so it never replaces the fields by a document of its own.
     */
    @Test
    void theVersionBeforeThisOneNeverWritesOverARoomStoredInSchema5() throws IOException {
        String room = createGroupRoom(null);
        Map<String, String> before = redis.hash(String.class).hgetall(KEYS.room(room));
        String script;
        try (var in = StoredSchemaTest.class.getResourceAsStream("/redis/save-room-of-schema-4.lua")) {
            script = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }

        var answer = redis.execute("EVAL", script, "2", KEYS.room(room), KEYS.room(room) + ":outbox",
                before.get(RedisKeys.VERSION), "4", "{\"sid\":\"" + room + "\"}", "0",
                Long.toString(Instant.now().plusSeconds(30).toEpochMilli()), "0", "0");

        assertThat(answer.get(0).toInteger()).isEqualTo(-1);
        assertThat(answer.get(1).toString()).isEqualTo(Integer.toString(RoomParts.SCHEMA));
        assertThat(redis.hash(String.class).hgetall(KEYS.room(room))).isEqualTo(before);
    }

    private static void assertUnavailable(Response response) {
        assertTwilioError(response, 503, 20503);
        assertThat(response.header("Retry-After")).isEqualTo("1");
    }

    private static String recordingOf(String room, String trackSid) {
        return api().queryParam("SourceSid", trackSid).get("/v1/Rooms/{sid}/Recordings", room)
                .then().statusCode(200).extract().path("recordings[0].sid");
    }

    /**
     * Every field the release answered is answered the same; fields added since may come on top. A room's
     * {@code duration} is left out: since that release it counts the seconds between the dates as shown
     * (whole seconds), so that {@code end_time - date_created = duration}, and may differ by one.
     */
    private static void assertSameAs(JsonNode released, Response answer) throws IOException {
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
        JsonNode now = JSON.readTree(answer.asString().replaceAll("http://localhost:\\d+", ""));
        if (now.has("end_time")) {
            ((ObjectNode) now).remove("duration");
            released = released.deepCopy();
            ((ObjectNode) released).remove("duration");
        }
        assertContains(now, released, "$");
    }

    private static void assertContains(JsonNode now, JsonNode released, String path) {
        if (released.isObject()) {
            assertThat(now.isObject()).as(path).isTrue();
            for (Iterator<Map.Entry<String, JsonNode>> fields = released.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                assertThat(now.has(field.getKey())).as(path + "." + field.getKey()).isTrue();
                assertContains(now.get(field.getKey()), field.getValue(), path + "." + field.getKey());
            }
        } else if (released.isArray()) {
            assertThat(now.size()).as(path + " size").isEqualTo(released.size());
            for (int i = 0; i < released.size(); i++) {
                assertContains(now.get(i), released.get(i), path + "[" + i + "]");
            }
        } else {
            assertThat(now).as(path).isEqualTo(released);
        }
    }
}
