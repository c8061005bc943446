package io.github.recordingrules.adapter.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.github.recordingrules.application.Deliverer;
import io.github.recordingrules.application.Destination;
import io.github.recordingrules.application.OutboundMessage.MediaServerPush;
import io.github.recordingrules.application.OutboundMessage.PushRecording;
import io.github.recordingrules.application.OutboundMessage.PushTrack;
import io.github.recordingrules.application.PendingMessage;
import io.github.recordingrules.config.RecordingRulesConfig;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pushes a room's recording tracks to the media server (docs/SPEC.md §11.1.2): a JSON body signed with
 * HMAC-SHA256 over {@code "<unix seconds>.<body>"}, in {@code X-Recording-Rules-Signature: t=<seconds>,v1=<hex>}.
 * The body is the same on every attempt; the time is that of the attempt, so that a receiver can refuse
 * old signatures (replays) and still accept a retry after a long outage.
 */
@Startup
@ApplicationScoped
public class MediaServerPusher implements Deliverer {

    static final String SIGNATURE = "X-Recording-Rules-Signature";

    /** The pushed body. */
    @RegisterForReflection
    record PushJson(String id, String type, long sequence, String roomSid, String roomName, String roomStatus,
                    String cause, Instant timestamp, List<PushTrack> recordingTracks, List<PushRecording> started,
                    List<PushRecording> stopped) {
    }

    private final OutboundHttp http;
    private final Optional<String> url;
    private final byte[] secret;
    private final ObjectMapper json;

    MediaServerPusher(OutboundHttp http, RecordingRulesConfig config, ObjectMapper json) {
        this.http = http;
        this.url = config.mediaServer().url();
        String key = config.mediaServer().secret().orElse("");
        if (url.isPresent() && key.isEmpty()) {
            throw new IllegalStateException("recording-rules.media-server.secret is required with recording-rules.media-server.url");
        }
        url.ifPresent(configured -> {
            if (!configured.startsWith("http://") && !configured.startsWith("https://")) {
                throw new IllegalStateException("recording-rules.media-server.url must be an http or https URL");
            }
        });
        this.secret = key.getBytes(StandardCharsets.UTF_8);
        this.json = json.copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    }

    @Override
    public Destination destination() {
        return Destination.MEDIA_SERVER;
    }

    @Override
    public Result deliver(PendingMessage pending, Duration timeout) {
        if (url.isEmpty()) {
            return new Refused("no media server is configured (recording-rules.media-server.url)");
        }
        MediaServerPush push = (MediaServerPush) pending.message();
        byte[] body;
        try {
            body = json.writeValueAsBytes(new PushJson(push.id(), "recording-tracks", pending.sequence(), push.roomSid(),
                    push.roomName(), push.roomStatus(), push.cause(), push.timestamp(), push.recordingTracks(),
                    push.started(), push.stopped()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a push is always serialisable", e);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", StatusCallbackSender.USER_AGENT);
        headers.put(SIGNATURE, signature(Instant.now().getEpochSecond(), body));
        return StatusCallbackSender.outcome(http.send(HttpMethod.POST, url.get(), headers, body, timeout));
    }

    String signature(long seconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((seconds + ".").getBytes(StandardCharsets.UTF_8));
            return "t=" + seconds + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }
}
