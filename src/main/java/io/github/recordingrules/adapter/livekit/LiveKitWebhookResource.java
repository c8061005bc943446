package io.github.recordingrules.adapter.livekit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.recordingrules.adapter.http.TwilioError;
import io.github.recordingrules.application.MediaServerRooms;
import io.github.recordingrules.application.RoomChange;
import io.github.recordingrules.application.RoomService;
import io.github.recordingrules.config.RecordingRulesConfig;
import io.github.recordingrules.domain.room.RoomType;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * LiveKit's webhooks (docs/LIVEKIT.md). Each is authenticated as LiveKit's receivers do it: the
 * {@code Authorization} header holds a token signed with the API secret, whose {@code sha256} claim is the
 * Base64 SHA-256 of the exact body. Only then is the body read, and applied to its room atomically.
 */
@Path(LiveKitWebhookResource.PATH)
public class LiveKitWebhookResource {

    static final String PATH = "/webhooks/livekit";

    private final RoomService rooms;
    private final MediaServerRooms liveKitRooms;
    private final ObjectMapper json;
    private final LiveKitToken tokens;
    private final LiveKitSids sids;
    private final LiveKitEvents events;
    private final RecordingRulesConfig.LiveKit config;

    LiveKitWebhookResource(RoomService rooms, MediaServerRooms liveKitRooms, ObjectMapper json, RecordingRulesConfig config) {
        this.rooms = rooms;
        this.liveKitRooms = liveKitRooms;
        this.json = json;
        this.config = config.livekit();
        this.tokens = new LiveKitToken(json);
        this.sids = new LiveKitSids(this.config.sidSalt());
        this.events = new LiveKitEvents(sids);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (!isJson(contentType)) {
            return TwilioError.of(415, TwilioError.INVALID_PARAMETER,
                    "Unsupported media type: send application/webhook+json").toResponse();
        }
        if (authorization == null || authorization.isBlank()) {
            return TwilioError.of(401, TwilioError.AUTHENTICATION_FAILED,
                    "Missing Authorization: LiveKit webhooks carry a token signed with the API secret").toResponse();
        }
        if (!signedByLiveKit(body, authorization)) {
            return TwilioError.of(403, TwilioError.FORBIDDEN, "Invalid LiveKit webhook signature for " + PATH).toResponse();
        }
        WebhookEventJson webhook;
        try {
            webhook = json.readValue(body, WebhookEventJson.class);
        } catch (IOException e) {
            return TwilioError.of(400, TwilioError.INVALID_PARAMETER, "The body is not a LiveKit WebhookEvent").toResponse();
        }
        if (webhook == null) {
            return TwilioError.of(400, TwilioError.INVALID_PARAMETER, "The body is not a LiveKit WebhookEvent").toResponse();
        }
        Optional<LiveKitEvents.Translated> translated = events.translate(webhook, Instant.now());
        if (translated.isEmpty()) {
            return Response.ok(new LiveKitAnswerJson(null, webhook.event(), false)).build();
        }
        LiveKitEvents.Translated event = translated.get();
        String roomSid = liveKitRooms.roomSidFor(event.liveKitRoomId(), event.roomName(), sids.room(event.liveKitRoomId()));
        Map<String, String> ids = new LinkedHashMap<>(event.externalIds());
        ids.put(roomSid, event.liveKitRoomId());
        RoomChange change = rooms.handleEvent(roomSid, event.roomName(), RoomType.GROUP, webhook.event(), event.event(), ids);
        return Response.ok(new LiveKitAnswerJson(roomSid, webhook.event(), change.outcome().changed())).build();
    }

    private boolean signedByLiveKit(byte[] body, String authorization) {
        String token = authorization.startsWith("Bearer ") ? authorization.substring(7).trim() : authorization.trim();
        Optional<JsonNode> claims = tokens.verify(token, this::secretOf, Instant.now());
        if (claims.isEmpty() || !claims.get().path("sha256").isTextual()) {
            return false;
        }
        byte[] expected = Base64.getEncoder().encode(sha256(body));
        return MessageDigest.isEqual(expected, claims.get().get("sha256").asText().getBytes(StandardCharsets.US_ASCII));
    }

    private Optional<String> secretOf(String apiKey) {
        return config.apiKey().filter(apiKey::equals).flatMap(key -> config.apiSecret());
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/webhook+json") || type.equals("application/json");
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
