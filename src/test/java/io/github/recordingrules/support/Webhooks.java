package io.github.recordingrules.support;

import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;

/**
 * A media server posting Twilio-style room status callbacks, signed as Twilio signs them
 * ({@link TwilioSigner}).
 */
public final class Webhooks {

    public static final String PATH = "/webhooks/room-events";
    private static final AtomicLong CLOCK = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());

    private Webhooks() {
    }

    /** A fresh, strictly increasing event time, so that serial order is timestamp order. */
    public static String nextTimestamp() {
        return Instant.ofEpochMilli(CLOCK.addAndGet(1000)).toString();
    }

    public static String url() {
        return "http://localhost:" + RestAssured.port + PATH;
    }

    public static String sign(String url, Map<String, String> params, String token) {
        return TwilioSigner.sign(url, params, token);
    }

    /** Posts the callback with a valid signature. */
    public static ValidatableResponse post(Map<String, String> params) {
        return given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .header("X-Twilio-Signature", sign(url(), params, Api.AUTH_TOKEN))
                .formParams(params)
                .post(PATH)
                .then();
    }

    public static Map<String, String> event(String roomSid, String event, String timestamp) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", Api.ACCOUNT_SID);
        params.put("RoomSid", roomSid);
        params.put("RoomName", roomSid);
        params.put("RoomStatus", "in-progress");
        params.put("RoomType", "group");
        params.put("StatusCallbackEvent", event);
        params.put("Timestamp", timestamp);
        return params;
    }

    public static Map<String, String> participant(String roomSid, String event, String participantSid, String identity,
                                                  String timestamp) {
        Map<String, String> params = event(roomSid, event, timestamp);
        params.put("ParticipantSid", participantSid);
        params.put("ParticipantIdentity", identity);
        params.put("ParticipantStatus", event.equals("participant-disconnected") ? "disconnected" : "connected");
        return params;
    }

    public static Map<String, String> track(String roomSid, String event, String participantSid, String identity,
                                            String trackSid, String kind, String name, String timestamp) {
        Map<String, String> params = participant(roomSid, event, participantSid, identity, timestamp);
        params.put("ParticipantStatus", "connected");
        params.put("TrackSid", trackSid);
        params.put("TrackKind", kind);
        if (name != null) {
            params.put("TrackName", name);
        }
        return params;
    }

    /** A SID with the given prefix, its 32 hex digits derived from the label, so tests read well. */
    public static String sid(String prefix, String label) {
        return Fixtures.sid(prefix, label);
    }
}
