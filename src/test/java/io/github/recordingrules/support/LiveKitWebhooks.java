package io.github.recordingrules.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import io.restassured.response.Response;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;

/**
 * A LiveKit server posting webhooks: WebhookEvents in LiveKit's JSON form, signed and checked by
 * LiveKit's own SDK ({@link LiveKitNode}), posted to {@code /webhooks/livekit} exactly as produced.
 */
public final class LiveKitWebhooks {

    public static final String PATH = "/webhooks/livekit";
    /** The default of recording-rules.livekit.sid-salt. */
    private static final String SALT = "recording-rules";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong CLOCK = new AtomicLong(Instant.parse("2026-02-01T00:00:00Z").getEpochSecond());

    private LiveKitWebhooks() {
    }

    /** A fresh, strictly increasing {@code createdAt} (LiveKit's are whole seconds). */
    public static long nextSecond() {
        return CLOCK.addAndGet(10);
    }

    public static ObjectNode event(String name, String liveKitRoomId, String roomName, long createdAt) {
        ObjectNode event = JSON.createObjectNode().put("event", name).put("id", "EV_" + UUID.randomUUID())
                .put("createdAt", Long.toString(createdAt));
        event.putObject("room").put("sid", liveKitRoomId).put("name", roomName);
        return event;
    }

    public static ObjectNode participant(String name, String liveKitRoomId, String roomName, String participantId,
                                         String identity, long createdAt) {
        ObjectNode event = event(name, liveKitRoomId, roomName, createdAt);
        ObjectNode participant = event.putObject("participant").put("sid", participantId).put("identity", identity);
        if (name.equals("participant_joined")) {
            participant.put("state", "ACTIVE");
        }
        return event;
    }

    /** {@code type} AUDIO is protobuf's default and left out, as LiveKit leaves it out. */
    public static ObjectNode track(String name, String liveKitRoomId, String roomName, String participantId, String identity,
                                   String trackId, String type, String trackName, String source, long createdAt) {
        ObjectNode event = participant(name, liveKitRoomId, roomName, participantId, identity, createdAt);
        ObjectNode track = event.putObject("track").put("sid", trackId);
        if (!type.equals("AUDIO")) {
            track.put("type", type);
        }
        if (trackName != null) {
            track.put("name", trackName);
        }
        track.put("source", source);
        return event;
    }

    public static ObjectNode egress(String name, JsonNode egressInfo, long createdAt) {
        ObjectNode event = JSON.createObjectNode().put("event", name).put("id", "EV_" + UUID.randomUUID())
                .put("createdAt", Long.toString(createdAt));
        event.set("egressInfo", egressInfo);
        return event;
    }

    /** Signs the event as LiveKit does and posts it. */
    public static Response post(ObjectNode event) {
        return post(LiveKitNode.get().webhook(event));
    }

    /** Posts a webhook as made before ({@code body} and {@code authorization}), e.g. again. */
    public static Response post(JsonNode signed) {
        return send(signed.get("body").asText(), signed.get("authorization").asText());
    }

    /** Posts any body with any Authorization header (null: none). */
    public static Response send(String body, String authorization) {
        var request = given().config(RestAssured.config().encoderConfig(RestAssured.config().getEncoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType("application/webhook+json")
                .body(body.getBytes(StandardCharsets.UTF_8));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.post(PATH);
    }

    /**
     * The SID the function derives from a LiveKit id (docs/LIVEKIT.md, "Ids"), computed here on its own:
     * the prefix and the first 32 hex digits of HMAC-SHA256, keyed with the salt, of {@code prefix:id}.
     */
    public static String sid(String prefix, String liveKitId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SALT.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String hex = HexFormat.of().formatHex(mac.doFinal((prefix + ":" + liveKitId).getBytes(StandardCharsets.UTF_8)));
            return prefix + hex.substring(0, 32);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
