package io.github.recordingrules.adapter.livekit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * LiveKit's Egress service over Twirp with JSON ({@code POST {url}/twirp/livekit.Egress/<Method>}), each
 * call authorised by a fresh token with the {@code roomRecord} grant, as LiveKit's server SDKs send it.
 */
final class EgressApi {

    /** Twirp error codes after which the same call cannot succeed; any other failure may be retried. */
    private static final Set<String> FINAL_CODES = Set.of("invalid_argument", "malformed", "not_found", "bad_route",
            "already_exists", "permission_denied", "unauthenticated", "failed_precondition", "out_of_range",
            "unimplemented");
    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(10);

    /** LiveKit answered with a Twirp error. */
    static final class TwirpException extends RuntimeException {
        private final String code;

        TwirpException(String method, int status, String code, String message) {
            super(method + " answered " + status + " " + code + ": " + message);
            this.code = code;
        }

        /** Whether trying the same call again cannot help. */
        boolean isFinal() {
            return FINAL_CODES.contains(code);
        }
    }

    /** No answer: the call may or may not have reached LiveKit. */
    static final class UnansweredException extends RuntimeException {
        UnansweredException(String method, Exception cause) {
            super(method + " got no answer: " + cause, cause);
        }
    }

    private final HttpClient http;
    private final URI base;
    private final String apiKey;
    private final String apiSecret;
    private final Duration timeout;
    private final LiveKitToken tokens;
    private final ObjectMapper json;

    EgressApi(URI base, String apiKey, String apiSecret, Duration timeout, ObjectMapper json) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.base = base;
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
        this.timeout = timeout;
        this.tokens = new LiveKitToken(json);
        this.json = json;
    }

    JsonNode call(String method, ObjectNode request) {
        ObjectNode grants = json.createObjectNode();
        grants.putObject("video").put("roomRecord", true);
        String token = tokens.sign(apiKey, apiSecret, grants, Instant.now(), TOKEN_LIFETIME);
        HttpRequest post = HttpRequest.newBuilder(base.resolve("/twirp/livekit.Egress/" + method))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(request.toString()))
                .build();
        HttpResponse<String> answer;
        try {
            answer = http.send(post, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UnansweredException(method, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnansweredException(method, e);
        }
        JsonNode body = parse(answer.body());
        if (answer.statusCode() == 200 && body != null) {
            return body;
        }
        String code = body != null && body.path("code").isTextual() ? body.get("code").asText() : "unknown";
        String message = body != null && body.path("msg").isTextual() ? body.get("msg").asText() : "no Twirp error body";
        throw new TwirpException(method, answer.statusCode(), code, message);
    }

    private JsonNode parse(String body) {
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
