package io.github.recordingrules.adapter.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.recordingrules.domain.room.Room;
import io.github.recordingrules.domain.room.RoomSnapshot;
import io.github.recordingrules.support.Fixtures;
import io.github.recordingrules.support.PreviousRelease;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The stored form of a room is pinned: a change to the domain's records that would change what is stored
 * fails here, and must come with a new schema version that still reads the old ones (docs/SPEC.md §8.6).
 */
class RoomDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The fixture holds each field of the room's hash, a JSON value given as JSON and an id as a string. */
    @Test
    void aRoomIsStoredExactlyAsSchema5Says() throws IOException {
        Map<String, String> stored = RoomParts.encode(Fixtures.everyFieldOfSchema4());

        assertThat(asJson(stored)).isEqualTo(JSON.readTree(resource("redis/schema-5-room.json")));
    }

    @Test
    void schema5ReadsBackTheSameRoom() throws IOException {
        Room room = Fixtures.everyFieldOfSchema4();

        Room read = RoomParts.decode(fromJson(JSON.readTree(resource("redis/schema-5-room.json"))), true);

        assertThat(read.snapshot()).isEqualTo(room.snapshot());
        assertThat(read.isWhole()).isTrue();
    }

    private static JsonNode asJson(Map<String, String> fields) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            node.set(field.getKey(), field.getKey().startsWith(RoomParts.EXTERNAL_ID)
                    ? JSON.getNodeFactory().textNode(field.getValue()) : JSON.readTree(field.getValue()));
        }
        return node;
    }

    private static Map<String, String> fromJson(JsonNode node) {
        Map<String, String> fields = new LinkedHashMap<>();
        node.fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString()));
        return fields;
    }

    @Test
    void schema4ReadsBackTheSameRoom() throws IOException {
        Room room = Fixtures.everyFieldOfSchema4();

        Room read = RoomDocuments.decode(4, resource("redis/schema-4-room.json"));

        assertThat(read.snapshot()).isEqualTo(room.snapshot());
        assertThat(read.suspendedTracks()).isNotEmpty();
        assertThat(read.externalId(read.sid())).contains("RM_everyField");
    }

    /** Schema 3 had no media-server ids and no suspended tracks: it reads as a room with none. */
    @Test
    void schema3ReadsBackTheSameRoom() throws IOException {
        Room room = Fixtures.everyField();

        Room read = RoomDocuments.decode(3, resource("redis/schema-3-room.json"));

        assertThat(read.snapshot()).isEqualTo(room.snapshot());
    }

    @Test
    void schema2ReadsAsTheSameRoomWithoutWhatSchema3Added() throws IOException {
        Room room = Fixtures.everyField();

        Room read = RoomDocuments.decode(2, resource("redis/schema-2-room.json"));

        assertThat(read.snapshot()).usingRecursiveComparison()
                .ignoringFields("participants.connectedAt", "recordings.dateDeleted").isEqualTo(room.snapshot());
        assertThat(read.snapshot().participants()).allSatisfy(p -> assertThat(p.connectedAt()).isNull());
    }

    @Test
    void schema1AsThePreviousReleaseWroteItReadsAsTheSameRoom() {
        PreviousRelease release = PreviousRelease.load();
        for (String sid : release.roomSids()) {
            RoomSnapshot read = RoomDocuments.decode(1, release.storedHash(sid).get(RedisKeys.LEGACY_DOCUMENT)).snapshot();

            assertThat(read.sid()).isEqualTo(sid);
            assertThat(read.tracks()).isNotEmpty().allSatisfy(track -> assertThat(track.enabled()).isNull());
            assertThat(read.recordings()).isNotEmpty().allSatisfy(recording -> assertThat(recording.media()).isNull());
            // Whatever schema 1 held, the current schema holds as well.
            assertThat(RoomParts.decode(RoomParts.encode(Room.restore(read)), true).snapshot()).isEqualTo(read);
        }
    }

    @Test
    void aFieldTheSchemaDoesNotKnowIsRefusedNotDropped() throws IOException {
        ObjectNode stored = (ObjectNode) JSON.readTree(resource("redis/schema-2-room.json"));
        ((ObjectNode) stored.get("tracks").get(0)).put("pinned", true);

        assertThatThrownBy(() -> RoomDocuments.decode(2, stored.toString()))
                .isInstanceOf(UnreadableRoomException.class).hasMessageContaining("pinned");
    }

    @Test
    void aNewerSchemaIsRefused() throws IOException {
        String stored = resource("redis/schema-2-room.json");

        assertThatThrownBy(() -> RoomDocuments.decode(RoomDocuments.LAST_SCHEMA + 1, stored))
                .isInstanceOf(UnreadableRoomException.class).hasMessageContaining("schema " + (RoomDocuments.LAST_SCHEMA + 1));
    }

    @Test
    void anEnumerationSpelledAsAnotherSchemaSpellsItIsRefused() throws IOException {
        String stored = resource("redis/schema-2-room.json");

        assertThatThrownBy(() -> RoomDocuments.decode(1, stored)).isInstanceOf(UnreadableRoomException.class)
                .hasMessageContaining("group");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = RoomDocumentTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
