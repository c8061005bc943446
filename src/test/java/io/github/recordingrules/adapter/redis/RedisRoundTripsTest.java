package io.github.recordingrules.adapter.redis;

import io.github.recordingrules.application.RoomStore;
import io.github.recordingrules.application.RoomStore.StoredRoom;
import io.github.recordingrules.domain.room.Room;
import io.github.recordingrules.domain.room.RoomEvent;
import io.github.recordingrules.domain.room.RoomScope;
import io.github.recordingrules.support.Fixtures;
import io.github.recordingrules.support.RedisTestResource;
import io.github.recordingrules.support.RedisWire;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.RedisTestResource.KEYS;
import static io.github.recordingrules.support.Webhooks.event;
import static io.github.recordingrules.support.Webhooks.nextTimestamp;
import static io.github.recordingrules.support.Webhooks.post;
import static io.github.recordingrules.support.Webhooks.sid;
import static io.github.recordingrules.support.Webhooks.track;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/**
 * What one webhook costs in Redis round trips, counted by Redis itself: {@code MONITOR} shows every
 * command a client sent, and marks those a Lua script ran inside Redis as {@code [0 lua]}; only the
 * others are round trips. A guard against a change that quietly adds round trips to the hot path.
 * <p>
 * A room this instance wrote last is changed by one round trip, the save (its compare-and-set checks that
 * what the instance recalls is still stored); otherwise the save follows a read, or the stale save's answer,
 * which carries the current state: two.
 */
@QuarkusTest
class RedisRoundTripsTest {

    private static final String PARTICIPANT = sid("PA", "counted");
    private static final String LOAD = "EVALSHA " + RedisScript.load("load-room", "room-read").sha1();
    private static final String SAVE = "EVALSHA " + RedisScript.load("save-room", "room-read").sha1();

    @Inject
    RedisDataSource redis;

    @Inject
    OtherInstances otherInstances;

    @Test
    void aWebhookOnARoomThisInstanceWroteLastCostsOneRoundTrip() {
        String room = knownRoom();

        List<String> roundTrips = roundTripsDuring(() -> post(addedTrack(room)).statusCode(200));

        assertThat(roundTrips).containsExactly(SAVE);
    }

    @Test
    void aWebhookOnARoomAnotherInstanceWroteSinceCostsTwoRoundTrips() {
        String room = knownRoom();
        writtenByAnotherInstance(room, "other-writer");

        List<String> roundTrips = roundTripsDuring(() -> post(addedTrack(room)).statusCode(200));

        assertThat(roundTrips).as("the stale save, whose answer is the current state, then the save").containsExactly(SAVE, SAVE);
        api().get("/v1/Rooms/{sid}/Participants", room).then().statusCode(200)
                .body("participants.identity", contains("other-writer", "p"));
    }

    @Test
    void aWebhookOnARoomThisInstanceNeverReadCostsTwoRoundTrips() {
        String room = sid("RM", UUID.randomUUID().toString());
        writtenByAnotherInstance(room, "first");

        List<String> roundTrips = roundTripsDuring(() -> post(addedTrack(room)).statusCode(200));

        assertThat(roundTrips).containsExactly(LOAD, SAVE);
    }

    @Test
    void aRepeatedWebhookCostsOneRead() {
        String room = knownRoom();
        Map<String, String> added = addedTrack(room);
        post(added).statusCode(200);

        List<String> roundTrips = roundTripsDuring(() -> post(added).statusCode(200).body("applied", equalTo(false)));

        assertThat(roundTrips).as("what is recalled says nothing changes: only what is stored can say so").containsExactly(LOAD);
    }

    /**
     * The room this instance recalls expires, and another instance stores a room under the same SID, up to the
     * same version: what is recalled must not be written over it. The save finds another incarnation.
     */
    @Test
    void whatThisInstanceRecallsOfARoomThatExpiredIsNeverWrittenOverTheRoomStoredAgainUnderItsSid() {
        String room = knownRoom();
        post(track(room, "track-added", sid("PA", "before"), "before", sid("MT", UUID.randomUUID().toString()), "audio",
                "mic", nextTimestamp())).statusCode(200);
        String recalledVersion = redis.hash(String.class).hget(KEYS.room(room), RedisKeys.VERSION);
        String recalledIncarnation = redis.hash(String.class).hget(KEYS.room(room), RedisKeys.INCARNATION);

        redis.key().del(KEYS.room(room));
        writtenByAnotherInstance(room, "after");
        assertThat(redis.hash(String.class).hget(KEYS.room(room), RedisKeys.VERSION)).isEqualTo(recalledVersion);
        assertThat(redis.hash(String.class).hget(KEYS.room(room), RedisKeys.INCARNATION)).isNotEqualTo(recalledIncarnation);

        List<String> roundTrips = roundTripsDuring(() -> post(addedTrack(room)).statusCode(200));

        assertThat(roundTrips).containsExactly(SAVE, SAVE);
        api().get("/v1/Rooms/{sid}/Participants", room).then().statusCode(200)
                .body("participants.identity", contains("after", "p"));
    }

    private static String knownRoom() {
        String room = sid("RM", UUID.randomUUID().toString());
        post(event(room, "room-created", nextTimestamp())).statusCode(200);
        return room;
    }

    private static Map<String, String> addedTrack(String room) {
        return track(room, "track-added", PARTICIPANT, "p", sid("MT", UUID.randomUUID().toString()), "audio", "mic",
                nextTimestamp());
    }

    /** A participant connects to the room through another instance's store (the room is created if absent). */
    private void writtenByAnotherInstance(String room, String identity) {
        RoomStore other = otherInstances.newStore();
        StoredRoom read = other.load(room).orElse(null);
        Room changed = read != null ? read.room()
                : Room.discovered(room, null, null, Instant.parse(nextTimestamp()));
        if (read == null) {
            other.save(changed, null, Duration.ofHours(1), Instant.now().plusSeconds(30));
            read = other.load(room, RoomScope.WHOLE).orElseThrow();
            changed = read.room();
        }
        changed.apply(new RoomEvent.ParticipantConnected(Instant.parse(nextTimestamp()), sid("PA", identity), identity),
                Fixtures.countingSids());
        other.save(changed, read.revision(), null, Instant.now().plusSeconds(30));
    }

    private static List<String> roundTripsDuring(Runnable action) {
        List<String> commands = RedisWire.roundTripsDuring(RedisTestResource.redis().port(), action, 2);
        System.out.println("Redis round trips for one webhook: " + commands);
        return commands;
    }
}
