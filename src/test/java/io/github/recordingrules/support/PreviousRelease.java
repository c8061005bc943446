package io.github.recordingrules.support;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Rooms as the previous release (3e42a1e) stored them and answered for them, written by that release itself
 * ({@code src/test/resources/redis/previous-release-3e42a1e.json}; how it was made is in its {@code how} field).
 */
public final class PreviousRelease {

    private static final String FIXTURE = "redis/previous-release-3e42a1e.json";

    private final JsonNode fixture;

    private PreviousRelease(JsonNode fixture) {
        this.fixture = fixture;
    }

    public static PreviousRelease load() {
        try (InputStream in = PreviousRelease.class.getClassLoader().getResourceAsStream(FIXTURE)) {
            return new PreviousRelease(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The room in progress (rules, participants, tracks, recordings) and the one that ended. */
    public String inProgressRoom() {
        return fixture.get("rooms").get("in-progress").asText();
    }

    public String endedRoom() {
        return fixture.get("rooms").get("ended").asText();
    }

    public List<String> roomSids() {
        return List.of(inProgressRoom(), endedRoom());
    }

    /** HGETALL of the room's key as the release left it. */
    public Map<String, String> storedHash(String roomSid) {
        return new ObjectMapper().convertValue(fixture.get("keys").get(RedisTestResource.KEYS.room(roomSid)),
                new TypeReference<Map<String, String>>() { });
    }

    /** The unique names the release held: name to room SID. */
    public Map<String, String> names() {
        return new ObjectMapper().convertValue(fixture.get("names"), new TypeReference<Map<String, String>>() { });
    }

    /** What the release answered for the room: {@code room}, {@code rules} or {@code recordings}, URLs cut to their path. */
    public JsonNode answer(String roomSid, String resource) {
        return fixture.get("answers").get(roomSid).get(resource);
    }
}
