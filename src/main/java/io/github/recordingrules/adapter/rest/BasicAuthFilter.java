package io.github.recordingrules.adapter.rest;

import io.github.recordingrules.config.RecordingRulesConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * HTTP Basic on the REST API, as Twilio has it: the account SID and auth token. Compared in
 * constant time; neither the header nor the secrets are ever logged.
 */
public class BasicAuthFilter {

    private final byte[] expected;

    BasicAuthFilter(RecordingRulesConfig config) {
        this.expected = (config.accountSid() + ":" + config.authToken()).getBytes(StandardCharsets.UTF_8);
    }

    @ServerRequestFilter(preMatching = true)
    public Response authenticate(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/v1/")) {
            return null;
        }
        if (matches(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            return null;
        }
        return TwilioError.of(401, TwilioError.AUTHENTICATION_FAILED, "Authentication Error - invalid username")
                .toResponseBuilder()
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Twilio API\"")
                .build();
    }

    private boolean matches(String authorization) {
        if (authorization == null || authorization.length() < 6
                || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] presented;
        try {
            presented = Base64.getDecoder().decode(authorization.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(presented, expected);
    }
}
