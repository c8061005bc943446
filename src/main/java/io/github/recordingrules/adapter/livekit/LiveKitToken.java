package io.github.recordingrules.adapter.livekit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * LiveKit's access tokens: JWTs signed with HS256 whose issuer ({@code iss}) is the API key and whose
 * key is that key's secret, checked as LiveKit's own verifier checks them (livekit/protocol
 * auth/verifier.go): HS256 only, the issuer's secret, an expiry that is required, {@code exp} and
 * {@code nbf} with a minute's leeway.
 */
final class LiveKitToken {

    private static final Duration LEEWAY = Duration.ofMinutes(1);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final ObjectMapper json;

    LiveKitToken(ObjectMapper json) {
        this.json = json;
    }

    /** A token from {@code apiKey}, valid from now for {@code validFor}, carrying {@code grants} as claims. */
    String sign(String apiKey, String secret, ObjectNode grants, Instant now, Duration validFor) {
        ObjectNode header = json.createObjectNode().put("alg", "HS256").put("typ", "JWT");
        ObjectNode claims = grants.deepCopy();
        claims.put("iss", apiKey).put("nbf", now.getEpochSecond()).put("exp", now.plus(validFor).getEpochSecond());
        String signed = encode(header) + "." + encode(claims);
        return signed + "." + BASE64URL.encodeToString(hmac(secret, signed));
    }

    /**
     * The claims of a token that is well formed, HS256, signed with the secret of the key it names as
     * issuer, and valid at {@code now}; else empty.
     */
    Optional<JsonNode> verify(String token, Function<String, Optional<String>> secretOfKey, Instant now) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        JsonNode header = decode(parts[0]);
        JsonNode claims = decode(parts[1]);
        if (header == null || claims == null || !header.path("alg").isTextual() || !header.get("alg").asText().equals("HS256")
                || !claims.path("iss").isTextual()) {
            return Optional.empty();
        }
        Optional<String> secret = secretOfKey.apply(claims.get("iss").asText());
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (secret.isEmpty() || !MessageDigest.isEqual(hmac(secret.get(), parts[0] + "." + parts[1]), signature)) {
            return Optional.empty();
        }
        if (!claims.path("exp").canConvertToLong() || now.isAfter(Instant.ofEpochSecond(claims.get("exp").asLong()).plus(LEEWAY))) {
            return Optional.empty();
        }
        if (claims.has("nbf") && (!claims.get("nbf").canConvertToLong()
                || now.isBefore(Instant.ofEpochSecond(claims.get("nbf").asLong()).minus(LEEWAY)))) {
            return Optional.empty();
        }
        return Optional.of(claims);
    }

    private String encode(ObjectNode part) {
        try {
            return BASE64URL.encodeToString(json.writeValueAsBytes(part));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a token part is always serialisable", e);
        }
    }

    /** The JSON object a token part holds, or null when it holds none. */
    private JsonNode decode(String part) {
        try {
            JsonNode node = json.readTree(Base64.getUrlDecoder().decode(part));
            return node != null && node.isObject() ? node : null;
        } catch (IllegalArgumentException | java.io.IOException e) {
            return null;
        }
    }

    private static byte[] hmac(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
