package io.github.recordingrules.adapter.rest;

import io.github.recordingrules.adapter.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.RedisTestResource.KEYS;
import static io.github.recordingrules.support.TwilioErrors.assertTwilioError;
import static io.github.recordingrules.support.Webhooks.nextTimestamp;
import static io.github.recordingrules.support.Webhooks.participant;
import static io.github.recordingrules.support.Webhooks.post;
import static io.github.recordingrules.support.Webhooks.sid;
import static io.github.recordingrules.support.Webhooks.track;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile strings are data: room names, identities and track names made of Redis key syntax
 * ({@code {}} hash tags, {@code *} globs, {@code :} separators), protocol injection (CR LF and an
 * inline command), unicode and maximum lengths are stored and answered verbatim, and never reach a
 * key other than the room's own and its name's. Another room stays exactly as it was.
 */
@QuarkusTest
class HostileNamesTest {

    @Inject
    RedisDataSource redis;

    private static String roomKey(String sid) {
        return KEYS.room(sid);
    }

    /** The strings under test; the victim's SID and name are folded in to aim at its keys. */
    private static List<String> hostile(String victimSid, String victimName) {
        return List.of(
                "a}{" + victimSid + "}",
                "{" + victimSid + "}",
                "{" + victimSid + "}:room",
                KEYS.room(victimSid),
                "rm" + victimSid.substring(2),
                "*",
                "*" + victimSid.substring(10) + "*",
                "?",
                "[a-z]*",
                "\r\nFLUSHALL\r\n",
                "x\r\nSET " + KEYS.room(victimSid) + " pwned\r\n",
                "\"; redis.call('FLUSHALL'); --",
                "name:" + victimName,
                victimName.toUpperCase(),
                " ",
                "%2F..%2F",
                "a+b%20c&d=e",
                "Zoë 🎥 مرحبا 你好",
                "\u202Eevil\u200B\uFEFF",
                "nul\u0000byte",
                "}{".repeat(128));
    }

    private Set<String> keys() {
        return new HashSet<>(redis.key(String.class).keys("*"));
    }

    private Map<String, String> stateOf(String sid) {
        return redis.hash(String.class).hgetall(roomKey(sid));
    }

    @Test
    void hostileRoomNamesIdentitiesAndTrackNamesStayData() {
        String victimName = "victim-" + UUID.randomUUID();
        String victim = api().formParam("UniqueName", victimName)
                .formParam("RecordingRules", "[{\"type\":\"include\",\"all\":true}]")
                .post("/v1/Rooms").then().statusCode(201).extract().path("sid");
        String victimParticipant = sid("PA", "victim-" + victim);
        post(participant(victim, "participant-connected", victimParticipant, "Victim", nextTimestamp())).statusCode(200);
        post(track(victim, "track-added", victimParticipant, "Victim", sid("MT", "victim-" + victim), "audio", "mic",
                nextTimestamp())).statusCode(200).body("started.size()", org.hamcrest.Matchers.is(1));
        Map<String, String> victimBefore = stateOf(victim);
        Set<String> keysBefore = keys();

        List<String> strings = hostile(victim, victimName);
        Set<String> expectedNewKeys = new HashSet<>();
        Map<String, String> roomOfName = new HashMap<>();
        List<String> created = new ArrayList<>();

        // Rooms created by the REST API under every hostile name, with rules naming the same strings.
        for (String name : strings) {
            Response response = api().formParam("UniqueName", name).post("/v1/Rooms");
            assertThat(response.statusCode()).as("create %s: %s", name, response.asString()).isEqualTo(201);
            String sid = response.jsonPath().getString("sid");
            assertThat(response.jsonPath().getString("unique_name")).isEqualTo(name);
            roomOfName.put(name, sid);
            created.add(sid);
            expectedNewKeys.add(roomKey(sid));
            expectedNewKeys.add(KEYS.name(name));

            Response rules = api().formParam("Rules", "[{\"type\":\"include\",\"publisher\":" + json(name)
                            + "},{\"type\":\"exclude\",\"track\":" + json(name) + "}]")
                    .post(rules(sid));
            assertThat(rules.statusCode()).as("rules for %s: %s", name, rules.asString()).isEqualTo(200);
            assertThat(rules.jsonPath().getString("rules[0].publisher")).isEqualTo(name);
            assertThat(rules.jsonPath().getString("rules[1].track")).isEqualTo(name);
        }

        // The same strings as identities and track names, in a room the callbacks make known with a hostile name.
        for (String value : strings) {
            String room = sid("RM", "hostile-" + UUID.randomUUID());
            String roomName = ("cb-" + value).substring(0, Math.min(value.length() + 3, 256));
            Map<String, String> joined = participant(room, "participant-connected", sid("PA", value), value, nextTimestamp());
            joined.put("RoomName", roomName);
            post(joined).statusCode(200);
            api().formParam("Rules", "[{\"type\":\"include\",\"publisher\":" + json(value) + "}]")
                    .post(rules(room)).then().statusCode(200);
            Map<String, String> published = track(room, "track-added", sid("PA", value), value, sid("MT", value), "video",
                    value, nextTimestamp());
            published.put("RoomName", roomName);
            Response answer = post(published).statusCode(200).extract().response();
            assertThat(answer.jsonPath().getString("recording_tracks[0].participant_identity")).isEqualTo(value);
            assertThat(answer.jsonPath().getString("recording_tracks[0].track_name")).isEqualTo(value);
            // An identity that differs by one character is not matched by the rule.
            String near = value.length() < 256 ? value + "x" : "x" + value.substring(1);
            Map<String, String> other = track(room, "track-added", sid("PA", "near-" + UUID.randomUUID()), near,
                    sid("MT", "near-" + UUID.randomUUID()), "video", value, nextTimestamp());
            post(other).statusCode(200).body("started.size()", org.hamcrest.Matchers.is(0));
            created.add(room);
            roomOfName.put(roomName, room);
            expectedNewKeys.add(roomKey(room));
            expectedNewKeys.add(KEYS.name(roomName));
        }

        // Every name finds its own room; the victim is untouched; the only new keys are the rooms' and their names'.
        for (Map.Entry<String, String> named : roomOfName.entrySet()) {
            if (named.getKey().contains("/") || named.getKey().isBlank()) {
                continue; // a path segment cannot carry these; the SID still works
            }
            assertThat(api().urlEncodingEnabled(false).get(room(named.getKey())).jsonPath().getString("sid"))
                    .as("room named %s", named.getKey()).isEqualTo(named.getValue());
        }
        assertThat(stateOf(victim)).isEqualTo(victimBefore);
        assertThat(api().get(room(victimName)).jsonPath().getString("sid")).isEqualTo(victim);
        Set<String> keysAfter = keys();
        assertThat(keysAfter).containsAll(keysBefore);
        Set<String> added = new HashSet<>(keysAfter);
        added.removeAll(keysBefore);
        assertThat(added).isEqualTo(expectedNewKeys);
        for (String sid : created) {
            // Names are values: a field is named only by the schema or by one of the room's SIDs.
            assertThat(stateOf(sid).keySet()).contains(RedisKeys.VERSION, RedisKeys.INCARNATION, RedisKeys.SCHEMA, RedisKeys.HEADER)
                    .allMatch(field -> field.length() <= 2 || field.matches("[ptrx]:(RM|PA|MT|RT)[0-9a-f]{32}"));
        }

        // Done: end them all, so their names are free again for other tests.
        for (String sid : created) {
            api().formParam("Status", "completed").post(room(sid)).then().statusCode(202);
        }
    }

    @Test
    void namesAndValuesOverTheLimitAreRefusedAndWriteNothing() {
        Set<String> keysBefore = keys();
        String tooLong = "}{".repeat(128) + "x";

        assertTwilioError(api().formParam("UniqueName", tooLong).post("/v1/Rooms"), 400, 20001);
        String room = sid("RM", "too-long-" + UUID.randomUUID());
        Map<String, String> joined = participant(room, "participant-connected", sid("PA", "p"), tooLong, nextTimestamp());
        assertTwilioError(post(joined).extract().response(), 400, 20001);
        Map<String, String> named = participant(room, "participant-connected", sid("PA", "p"), "p", nextTimestamp());
        named.put("RoomName", tooLong);
        assertTwilioError(post(named).extract().response(), 400, 20001);
        Map<String, String> published = track(room, "track-added", sid("PA", "p"), "p", sid("MT", "t"), "audio", tooLong,
                nextTimestamp());
        assertTwilioError(post(published).extract().response(), 400, 20001);

        assertThat(keys()).isEqualTo(keysBefore);
    }

    /** The room's path, its name percent-encoded by hand: RestAssured's path templates choke on braces. */
    private static String room(String nameOrSid) {
        return "/v1/Rooms/" + java.net.URLEncoder.encode(nameOrSid, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String rules(String sid) {
        return room(sid) + "/RecordingRules";
    }

    private static String json(String value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
