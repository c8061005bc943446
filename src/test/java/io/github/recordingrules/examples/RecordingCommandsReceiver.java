package io.github.recordingrules.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a media server does with the function's pushes (docs/MIGRATING.md §6, which shows this class): it
 * checks the signature and its age, drops a push that is not newer than the last one applied for the room,
 * and otherwise records exactly {@code recording_tracks}. Plain Java and Jackson; the tests run it on every
 * push they receive.
 */
public final class RecordingCommandsReceiver {

    public enum Verdict {
        /** Authentic and newer than anything applied for the room: reconcile against it. */
        APPLY,
        /** Authentic, but a repeat or older than a push already applied: ignore it, answer 2xx. */
        STALE,
        /** Not signed with the secret, or signed too long ago: answer 4xx. */
        REJECTED
    }

    private final byte[] secret;
    private final Duration tolerance;
    private final ObjectMapper json = new ObjectMapper();
    /** Per room, the highest sequence applied. A real media server keeps this with the room. */
    private final Map<String, Long> applied = new ConcurrentHashMap<>();

    public RecordingCommandsReceiver(String secret, Duration tolerance) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.tolerance = tolerance;
    }

    /** @param signature the {@code X-Recording-Rules-Signature} header; {@code body} the raw bytes received */
    public Verdict receive(String signature, byte[] body, Instant now) throws IOException {
        if (!authentic(signature, body, now)) {
            return Verdict.REJECTED;
        }
        JsonNode push = json.readTree(body);
        String room = push.get("room_sid").asText();
        long sequence = push.get("sequence").asLong();
        boolean[] newer = {false};
        applied.compute(room, (key, last) -> {
            newer[0] = last == null || sequence > last;
            return newer[0] ? sequence : last;
        });
        if (!newer[0]) {
            return Verdict.STALE;
        }
        // Reconcile: record exactly push.get("recording_tracks") (each with its recording_sid), stop the rest.
        return Verdict.APPLY;
    }

    private boolean authentic(String header, byte[] body, Instant now) {
        if (header == null) {
            return false;
        }
        Long timestamp = null;
        String presented = null;
        for (String part : header.split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length == 2 && pair[0].equals("t")) {
                try {
                    timestamp = Long.parseLong(pair[1]);
                } catch (NumberFormatException e) {
                    return false;
                }
            } else if (pair.length == 2 && pair[0].equals("v1")) {
                presented = pair[1];
            }
        }
        if (timestamp == null || presented == null
                || Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.UTF_8);
            return MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
