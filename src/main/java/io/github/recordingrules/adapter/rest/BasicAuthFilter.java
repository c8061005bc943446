package io.github.recordingrules.adapter.rest;

import io.github.recordingrules.adapter.http.TwilioError;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Base64;

/**
 * HTTP Basic on the REST API, as Twilio has it: the account SID and auth token, or an API key SID
 * and secret ({@link Credentials}). Compared in constant time; neither the header nor the secrets
 * are ever logged.
 */
public class BasicAuthFilter {

    private final Credentials credentials;

    BasicAuthFilter(Credentials credentials) {
        this.credentials = credentials;
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
        return credentials.accepts(presented);
    }
}
