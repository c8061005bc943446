package io.github.recordingrules.adapter.livekit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LiveKit's token rules (livekit/protocol auth/verifier.go), on tokens built here by hand, independently of
 * the verifier; LiveKitWebhookTest checks tokens made by LiveKit's own SDK.
 */
class LiveKitTokenTest {

    private static final Instant NOW = Instant.parse("2026-02-01T12:00:00Z");
    private static final String KEY = "APIkey";
    private static final String SECRET = "the-secret";

    private final LiveKitToken tokens = new LiveKitToken(new ObjectMapper());

    private Optional<JsonNode> verify(String token) {
        return tokens.verify(token, key -> key.equals(KEY) ? Optional.of(SECRET) : Optional.empty(), NOW);
    }

    private static String token(String header, String claims, String secret) {
        String signed = b64(header) + "." + b64(claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signed + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String claims(long exp) {
        return "{\"iss\":\"" + KEY + "\",\"sha256\":\"abc\",\"exp\":" + exp + ",\"nbf\":" + (NOW.getEpochSecond() - 5) + "}";
    }

    private static final String HS256 = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

    @Test
    void aTokenSignedWithTheIssuersSecretIsAccepted() {
        assertThat(verify(token(HS256, claims(NOW.getEpochSecond() + 300), SECRET)))
                .hasValueSatisfying(c -> assertThat(c.get("sha256").asText()).isEqualTo("abc"));
    }

    @Test
    void itsOwnTokensVerify() {
        var grants = new ObjectMapper().createObjectNode();
        grants.putObject("video").put("roomRecord", true);

        String token = tokens.sign(KEY, SECRET, grants, NOW, Duration.ofMinutes(10));

        assertThat(verify(token)).hasValueSatisfying(c -> {
            assertThat(c.get("iss").asText()).isEqualTo(KEY);
            assertThat(c.get("video").get("roomRecord").asBoolean()).isTrue();
            assertThat(c.get("exp").asLong()).isEqualTo(NOW.getEpochSecond() + 600);
        });
    }

    @Test
    void anExpiryWithinTheMinutesLeewayIsAccepted() {
        assertThat(verify(token(HS256, claims(NOW.getEpochSecond() - 50), SECRET))).isPresent();
    }

    @Test
    void refused() {
        long later = NOW.getEpochSecond() + 300;
        assertThat(verify(token(HS256, claims(later), "another-secret"))).as("another secret").isEmpty();
        assertThat(verify(token(HS256, claims(later).replace(KEY, "APIother"), SECRET))).as("unknown key").isEmpty();
        assertThat(verify(token(HS256, claims(NOW.getEpochSecond() - 61), SECRET))).as("expired").isEmpty();
        assertThat(verify(token(HS256, "{\"iss\":\"" + KEY + "\"}", SECRET))).as("no expiry").isEmpty();
        assertThat(verify(token(HS256, "{\"iss\":\"" + KEY + "\",\"exp\":" + later + ",\"nbf\":"
                + (NOW.getEpochSecond() + 120) + "}", SECRET))).as("not yet valid").isEmpty();
        assertThat(verify(token("{\"alg\":\"HS512\"}", claims(later), SECRET))).as("another algorithm").isEmpty();
        String valid = token(HS256, claims(later), SECRET);
        assertThat(verify(b64("{\"alg\":\"none\"}") + "." + valid.split("\\.")[1] + ".")).as("alg none").isEmpty();
        assertThat(verify(valid.substring(0, valid.length() - 2))).as("truncated signature").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "a.b", "a.b.c.d", "!!.!!.!!", "e30.e30.", "W10.e30.x"})
    void malformedTokensAreRefused(String token) {
        assertThat(verify(token)).isEmpty();
    }
}
