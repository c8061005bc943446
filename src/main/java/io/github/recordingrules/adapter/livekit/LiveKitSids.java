package io.github.recordingrules.adapter.livekit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Twilio-shaped SIDs for LiveKit's ids ({@code RM_…}, {@code PA_…}, {@code TR_…}): the prefix and the
 * first 128 bits of HMAC-SHA256 keyed with the configured salt over the prefix and the id. The same id
 * gives the same SID on every instance and every retry, with nothing stored.
 */
final class LiveKitSids {

    private final byte[] salt;

    LiveKitSids(String salt) {
        this.salt = salt.getBytes(StandardCharsets.UTF_8);
    }

    String room(String liveKitRoomId) {
        return derive("RM", liveKitRoomId);
    }

    String participant(String liveKitParticipantId) {
        return derive("PA", liveKitParticipantId);
    }

    String track(String liveKitTrackId) {
        return derive("MT", liveKitTrackId);
    }

    private String derive(String prefix, String liveKitId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            byte[] digest = mac.doFinal((prefix + ":" + liveKitId).getBytes(StandardCharsets.UTF_8));
            return prefix + HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
