package io.github.recordingrules.adapter.redis;

import io.github.recordingrules.devredis.LocalRedis;
import io.github.recordingrules.support.RedisClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.Api.createGroupRoom;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a page of {@code GET /v1/Rooms} costs on a 3-master Redis Cluster, counted by Redis itself: every
 * node's {@code MONITOR} shows the commands clients sent and those scripts ran ({@code [0 lua]}). A page
 * costs one script on the index's slot and one read per room shown, and it costs the same after a hundred
 * more rooms have ended and are retained: no KEYS, no SCAN, nothing that grows with the rooms stored.
 */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class RoomsListCostTest {

    private static final int PAGE = 5;
    private static final int ENDED = 100;

    @Test
    void aPageCostsTheSameWhateverTheNumberOfEndedRoomsRetained() throws IOException {
        String after = Instant.now().minusMillis(5).toString();
        List<String> open = new ArrayList<>();
        for (int i = 0; i < PAGE; i++) {
            open.add(createGroupRoom("cost-" + UUID.randomUUID()));
        }

        page(after, "in-progress"); // the node learns the script: the first page may send it whole (EVAL) once
        List<String> before = commandsDuring(() -> assertThat(page(after, "in-progress")).containsExactlyElementsOf(open));
        List<String> ended = new ArrayList<>();
        for (int i = 0; i < ENDED; i++) {
            String room = createGroupRoom("cost-ended-" + UUID.randomUUID());
            api().formParam("Status", "completed").post("/v1/Rooms/{room}", room).then().statusCode(202);
            ended.add(room);
        }
        // The ended rooms shown may live on a node that has not run the room's read script yet: it learns it here.
        page(after, "completed");
        List<String> afterEnding = commandsDuring(() -> assertThat(page(after, "in-progress")).containsExactlyElementsOf(open));
        List<String> completedPage = commandsDuring(() -> assertThat(page(after, "completed"))
                .containsExactlyElementsOf(ended.subList(0, PAGE)));

        System.out.printf("Rooms list on a %d-node cluster: one page of %d before %d rooms ended %s, after %s;"
                        + " a page of ended rooms %s%n", RedisClusterProfile.MASTERS, PAGE, ENDED, before, afterEnding,
                completedPage);
        assertThat(afterEnding).isEqualTo(before);
        assertThat(completedPage).isEqualTo(before);
        // The index's script, then each room shown read whole by load-room.lua.
        assertThat(before).filteredOn(c -> !c.startsWith("lua ")).containsOnly("EVALSHA");
        assertThat(before).filteredOn("EVALSHA"::equals).hasSize(1 + PAGE);
        assertThat(before).noneMatch(c -> c.contains("KEYS") || c.contains("SCAN"));
    }

    private static List<String> page(String after, String status) {
        return api().queryParam("Status", status).queryParam("DateCreatedAfter", after).queryParam("PageSize", PAGE)
                .get("/v1/Rooms").then().statusCode(200).extract().jsonPath().getList("rooms.sid");
    }

    /**
     * The commands every node saw while the action ran, clients' as their name and scripts' as
     * {@code lua NAME}, sorted (which node serves which room differs from room to room). The cluster client's own topology refreshes (CLUSTER, PING, INFO,
     * READONLY) are left out: they are not the list's.
     */
    private static List<String> commandsDuring(Runnable action) throws IOException {
        List<LocalRedis> nodes = RedisClusterProfile.nodes();
        List<Socket> monitors = new ArrayList<>();
        List<BufferedReader> readers = new ArrayList<>();
        try {
            for (LocalRedis node : nodes) {
                Socket monitor = new Socket("127.0.0.1", node.port());
                monitor.setSoTimeout(10_000);
                BufferedReader lines = new BufferedReader(new InputStreamReader(monitor.getInputStream(), StandardCharsets.UTF_8));
                monitor.getOutputStream().write("MONITOR\r\n".getBytes(StandardCharsets.UTF_8));
                assertThat(lines.readLine()).isEqualTo("+OK");
                monitors.add(monitor);
                readers.add(lines);
            }
            action.run();
            String marker = "end-" + UUID.randomUUID();
            List<String> commands = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                nodes.get(i).command("ECHO " + marker);
                for (String line = readers.get(i).readLine(); line != null && !line.contains(marker);
                     line = readers.get(i).readLine()) {
                    int start = line.indexOf("] \"") + 3;
                    String command = line.substring(start, line.indexOf('"', start)).toUpperCase();
                    if (!List.of("CLUSTER", "PING", "INFO", "READONLY", "COMMAND", "HELLO").contains(command)) {
                        commands.add(line.contains(" lua]") ? "lua " + command : command);
                    }
                }
            }
            commands.sort(null);
            return commands;
        } finally {
            for (Socket monitor : monitors) {
                monitor.close();
            }
        }
    }
}
