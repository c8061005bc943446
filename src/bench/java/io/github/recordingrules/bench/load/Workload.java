package io.github.recordingrules.bench.load;

import io.github.recordingrules.support.Fixtures;
import io.github.recordingrules.support.Webhooks;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Webhooks as a media server sends them for many rooms at once. Each room follows a script of
 * {@value #PARTICIPANTS_PER_ROOM} participants who connect and publish a microphone and a camera, then
 * unpublish the camera: 64 state-changing callbacks, each starting or stopping a recording under the
 * room's 20 rules. Rooms are served round-robin from a window larger than any concurrency, so one room
 * never has two callbacks in flight (as Twilio sends a room's callbacks one after another), and no
 * compare-and-set conflicts distort the figures; ConcurrentDeliveryTest covers contention.
 */
final class Workload {

    static final int PARTICIPANTS_PER_ROOM = 16;
    static final int WINDOW = 128;
    static final int CALLBACKS_PER_ROOM = PARTICIPANTS_PER_ROOM * 4;

    private final int participants;
    private final int windowSize;
    /** API Gateway sends Content-Length; a direct invocation (or AWS's sample events) may not. */
    private final boolean contentLength;
    private final Deque<String> fresh = new ArrayDeque<>();
    private final List<RoomScript> window = new ArrayList<>();
    private final List<String> finished = new ArrayList<>();
    private int cursor;
    private long clock = Instant.parse("2026-03-01T10:00:00Z").toEpochMilli();

    Workload() {
        this(PARTICIPANTS_PER_ROOM, WINDOW, true);
    }

    Workload(int participants, int windowSize, boolean contentLength) {
        this.participants = participants;
        this.windowSize = windowSize;
        this.contentLength = contentLength;
    }

    int callbacksPerRoom() {
        return participants * 4;
    }

    /** A group room under the 20 rules, created through the REST API. */
    static byte[] createRoom() {
        return ApiGatewayEvents.restPost("/v1/Rooms", Map.of("Type", "group", "RecordingRules", Fixtures.twentyRulesJson()));
    }

    /** The same room with a {@code StatusCallback}: Twilio's status callbacks go there, when they are enabled. */
    static byte[] createRoom(String statusCallback) {
        return ApiGatewayEvents.restPost("/v1/Rooms", Map.of("Type", "group", "RecordingRules", Fixtures.twentyRulesJson(),
                "StatusCallback", statusCallback));
    }

    void addRoom(String sid) {
        fresh.add(sid);
    }

    /** A callback on a room the function has never seen. */
    synchronized byte[] discoveryEvent() {
        String room = Fixtures.sid("RM", "discovered-" + UUID.randomUUID());
        return ApiGatewayEvents.webhook(participantEvent(room, "participant-connected", 0, timestamp()), true, contentLength);
    }

    synchronized byte[] nextWebhook() {
        return ApiGatewayEvents.webhook(nextParams(), true, contentLength);
    }

    /** The next callback, signed for another URL: answered 403 before any Redis call. */
    synchronized byte[] forgedWebhook() {
        return ApiGatewayEvents.webhook(nextParams(), false, contentLength);
    }

    /** A room that has run its whole script, or the one furthest along. */
    synchronized String sampleRoom() {
        return finished.isEmpty() ? window.get(0).sid : finished.get(finished.size() - 1);
    }

    private Map<String, String> nextParams() {
        while (window.size() < windowSize) {
            if (fresh.isEmpty()) {
                throw new IllegalStateException("out of rooms: create more in setup");
            }
            window.add(new RoomScript(fresh.poll(), participants));
        }
        cursor = (cursor + 1) % window.size();
        RoomScript script = window.get(cursor);
        Map<String, String> params = script.next(this);
        if (script.done()) {
            finished.add(script.sid);
            window.remove(cursor);
        }
        return params;
    }

    private String timestamp() {
        clock += 7;
        return Instant.ofEpochMilli(clock).toString();
    }

    /** A callback as Twilio sends it, for participant {@code n} of the room ({@link Webhooks} builds it). */
    private Map<String, String> participantEvent(String room, String event, int n, String at) {
        return asSent(Webhooks.participant(room, event, Fixtures.sid("PA", room + "-" + n), "user-" + n, at));
    }

    private Map<String, String> trackEvent(String room, String event, int n, String name, String kind, String at) {
        return asSent(Webhooks.track(room, event, Fixtures.sid("PA", room + "-" + n), "user-" + n,
                Fixtures.sid("MT", room + "-" + n + "-" + name), kind, name, at));
    }

    /** With the benchmark's account and a sequence number, as Twilio numbers a room's callbacks. */
    private Map<String, String> asSent(Map<String, String> params) {
        params.put("AccountSid", FunctionInstances.ACCOUNT_SID);
        params.put("SequenceNumber", Long.toString(clock % 100000));
        return params;
    }

    /** One room's callbacks, in timestamp order. */
    private static final class RoomScript {
        final String sid;
        final int participants;
        int step;

        RoomScript(String sid, int participants) {
            this.sid = sid;
            this.participants = participants;
        }

        boolean done() {
            return step >= participants * 4;
        }

        Map<String, String> next(Workload w) {
            int s = step++;
            String at = w.timestamp();
            if (s < participants * 3) {
                int participant = s / 3;
                return switch (s % 3) {
                    case 0 -> w.participantEvent(sid, "participant-connected", participant, at);
                    case 1 -> w.trackEvent(sid, "track-added", participant, "mic", "audio", at);
                    default -> w.trackEvent(sid, "track-added", participant, "cam", "video", at);
                };
            }
            return w.trackEvent(sid, "track-removed", s - participants * 3, "cam", "video", at);
        }
    }
}
