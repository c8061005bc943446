package io.github.recordingrules.bench.load;

import io.github.recordingrules.support.Fixtures;
import io.github.recordingrules.support.Webhooks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rooms of one size: {@code participants} participants, each publishing a microphone and a camera, under the
 * 20 rules (every one of their tracks is recorded). The measured callbacks keep the size: they take a
 * camera down and put it back up, in turn over the participants and the rooms, so every one starts or stops
 * one recording, as a track event in a room of that size does.
 */
final class SizedRooms {

    private final int participants;
    private final List<String> rooms = new ArrayList<>();
    private final List<boolean[]> camerasUp = new ArrayList<>();
    private long clock;
    private int next;

    SizedRooms(int participants, Instant start) {
        this.participants = participants;
        this.clock = start.toEpochMilli();
    }

    int participants() {
        return participants;
    }

    String sampleRoom() {
        return rooms.get(0);
    }

    /** The callbacks that fill a room created through the REST API: each participant connects and publishes. */
    List<byte[]> fill(String room) {
        rooms.add(room);
        boolean[] up = new boolean[participants];
        camerasUp.add(up);
        List<byte[]> events = new ArrayList<>();
        for (int p = 0; p < participants; p++) {
            events.add(signed(Webhooks.participant(room, "participant-connected", participant(room, p), "user-" + p, timestamp())));
            events.add(signed(track(room, "track-added", p, "mic", "audio")));
            events.add(signed(track(room, "track-added", p, "cam", "video")));
            up[p] = true;
        }
        return events;
    }

    /** The next camera down or up: one recording stopped or started. */
    synchronized byte[] nextToggle() {
        int room = next % rooms.size();
        int p = (next / rooms.size()) % participants;
        next++;
        boolean[] up = camerasUp.get(room);
        Map<String, String> event = track(rooms.get(room), up[p] ? "track-removed" : "track-added", p, "cam", "video");
        up[p] = !up[p];
        return signed(event);
    }

    private Map<String, String> track(String room, String event, int p, String name, String kind) {
        return Webhooks.track(room, event, participant(room, p), "user-" + p, Fixtures.sid("MT", room + "-" + p + "-" + name),
                kind, name, timestamp());
    }

    private static String participant(String room, int p) {
        return Fixtures.sid("PA", room + "-" + p);
    }

    /** With the benchmark's account and a sequence number, as {@link Workload} sends them. */
    private byte[] signed(Map<String, String> params) {
        params.put("AccountSid", FunctionInstances.ACCOUNT_SID);
        params.put("SequenceNumber", Long.toString(clock % 100000));
        return ApiGatewayEvents.webhook(params, true, true);
    }

    private String timestamp() {
        clock += 3;
        return Instant.ofEpochMilli(clock).toString();
    }
}
