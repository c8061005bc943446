package io.github.recordingrules.adapter.redis;

import io.github.recordingrules.support.RedisTestResource;
import io.github.recordingrules.support.RedisWire;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.github.recordingrules.support.Webhooks.event;
import static io.github.recordingrules.support.Webhooks.nextTimestamp;
import static io.github.recordingrules.support.Webhooks.post;
import static io.github.recordingrules.support.Webhooks.sid;
import static io.github.recordingrules.support.Webhooks.track;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one webhook costs in Redis round trips, counted by Redis itself: {@code MONITOR} shows every
 * command a client sent, and marks those a Lua script ran inside Redis as {@code [0 lua]}; only the
 * others are round trips. A guard against a change that quietly adds round trips to the hot path.
 */
@QuarkusTest
class RedisRoundTripsTest {

    private static final String PARTICIPANT = sid("PA", "counted");

    @Test
    void aWebhookThatChangesTheRoomCostsOneReadAndOneScript() {
        String room = knownRoom();

        List<String> roundTrips = roundTripsDuring(() -> post(track(room, "track-added", PARTICIPANT, "p",
                sid("MT", UUID.randomUUID().toString()), "audio", "mic", nextTimestamp())).statusCode(200));

        assertThat(roundTrips).containsExactly("HMGET", "EVALSHA");
    }

    @Test
    void aRepeatedWebhookCostsOneRead() {
        String room = knownRoom();
        Map<String, String> added = track(room, "track-added", PARTICIPANT, "p",
                sid("MT", UUID.randomUUID().toString()), "audio", "mic", nextTimestamp());
        post(added).statusCode(200);

        List<String> roundTrips = roundTripsDuring(() -> post(added).statusCode(200));

        assertThat(roundTrips).containsExactly("HMGET");
    }

    private static String knownRoom() {
        String room = sid("RM", UUID.randomUUID().toString());
        post(event(room, "room-created", nextTimestamp())).statusCode(200);
        return room;
    }

    private static List<String> roundTripsDuring(Runnable action) {
        List<String> commands = RedisWire.roundTripsDuring(RedisTestResource.redis().port(), action);
        System.out.println("Redis round trips for one webhook: " + commands);
        return commands;
    }
}
