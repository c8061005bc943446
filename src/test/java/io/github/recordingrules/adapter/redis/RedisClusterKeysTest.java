package io.github.recordingrules.adapter.redis;

import io.github.recordingrules.devredis.LocalRedis;
import io.github.recordingrules.support.RedisClusterProfile;
import io.github.recordingrules.support.Webhooks;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.RedisTestResource.KEYS;
import static io.github.recordingrules.support.Webhooks.event;
import static io.github.recordingrules.support.Webhooks.nextTimestamp;
import static io.github.recordingrules.support.Webhooks.sid;
import static io.github.recordingrules.support.Webhooks.track;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a Redis Cluster every key of a room carries the room's hash tag, so they all land in one slot (one
 * script touches them atomically), while different rooms spread over the nodes.
 */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class RedisClusterKeysTest {

    private static final int ROOMS = 30;

    @Test
    void everyKeyOfARoomIsInOneSlotAndRoomsSpreadOverTheNodes() throws Exception {
        List<String> rooms = new ArrayList<>();
        for (int i = 0; i < ROOMS; i++) {
            String room = api().formParam("UniqueName", "cluster-" + UUID.randomUUID())
                    .formParam("Rules", "[{\"type\":\"include\",\"all\":true}]").post("/v1/Rooms")
                    .then().statusCode(201).extract().path("sid");
            Webhooks.post(track(room, "track-added", sid("PA", "p" + i), "P" + i, sid("MT", "t" + i), "audio", "mic",
                    nextTimestamp())).statusCode(200);
            if (i % 3 == 0) {
                Webhooks.post(event(room, "room-ended", nextTimestamp())).statusCode(200);
            }
            rooms.add(room);
        }

        Map<Integer, Integer> roomsPerNode = new TreeMap<>();
        int keysChecked = 0;
        for (String room : rooms) {
            Set<Integer> nodesWithKeys = new java.util.TreeSet<>();
            Set<Long> slots = new java.util.TreeSet<>();
            for (LocalRedis node : RedisClusterProfile.nodes()) {
                List<String> keys = keys(node, "*" + room + "*");
                if (!keys.isEmpty()) {
                    nodesWithKeys.add(node.port());
                }
                for (String key : keys) {
                    assertThat(key).as("the room's hash tag").contains("{" + room + "}");
                    slots.add(keySlot(node, key));
                    keysChecked++;
                }
            }
            assertThat(nodesWithKeys).as("nodes holding keys of %s", room).hasSize(1);
            assertThat(slots).as("slots of the keys of %s", room).hasSize(1);
            roomsPerNode.merge(nodesWithKeys.iterator().next(), 1, Integer::sum);
        }

        String nameSlots = RedisClusterProfile.nodes().stream()
                .map(node -> node.port() + "=" + uncheckedKeys(node, KEYS.anyName()).size())
                .collect(Collectors.joining(", "));
        System.out.printf("Cluster: %d rooms, %d room keys each checked with CLUSTER KEYSLOT: one slot per room;"
                + " rooms per node (port=rooms) %s; unique-name keys per node %s%n", ROOMS, keysChecked, roomsPerNode,
                nameSlots);
        assertThat(keysChecked).isGreaterThanOrEqualTo(ROOMS);
        assertThat(roomsPerNode).as("rooms spread over the nodes").hasSizeGreaterThan(1);
    }

    private static List<String> uncheckedKeys(LocalRedis node, String pattern) {
        try {
            return keys(node, pattern);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** KEYS on one node: it answers only for the slots it serves. */
    private static List<String> keys(LocalRedis node, String pattern) throws IOException {
        String reply = node.command("KEYS " + pattern);
        assertThat(reply).startsWith("*");
        return reply.lines().skip(1).filter(l -> !l.startsWith("$") && !l.isEmpty()).toList();
    }

    private static long keySlot(LocalRedis node, String key) throws IOException {
        String reply = node.command("CLUSTER KEYSLOT " + key);
        assertThat(reply).startsWith(":");
        return Long.parseLong(reply.trim().substring(1));
    }
}
