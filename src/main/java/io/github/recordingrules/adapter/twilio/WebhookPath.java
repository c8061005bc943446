package io.github.recordingrules.adapter.twilio;

import io.github.recordingrules.config.RecordingRulesConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.net.URI;

/**
 * Serves the webhook at its configured path, and rebuilds the public URL the sender signed: the
 * configured public base URL, or the scheme the proxy saw ({@code X-Forwarded-Proto}, which API
 * Gateway sets), the Host, and the path and query exactly as they arrived.
 */
@ApplicationScoped
public class WebhookPath {

    static final String INTERNAL = "/webhooks/room-events";
    private static final String RECEIVED_URI = WebhookPath.class.getName() + ".received";

    private final String configured;
    private final RecordingRulesConfig config;

    WebhookPath(RecordingRulesConfig config) {
        this.config = config;
        this.configured = config.webhook().path();
    }

    @ServerRequestFilter(preMatching = true)
    public void route(ContainerRequestContext request) {
        URI received = request.getUriInfo().getRequestUri();
        request.setProperty(RECEIVED_URI, received);
        String path = received.getRawPath();
        if (!configured.equals(INTERNAL)) {
            if (path.equals(configured)) {
                request.setRequestUri(received.resolve(INTERNAL + (received.getRawQuery() == null ? "" : "?" + received.getRawQuery())));
            } else if (path.equals(INTERNAL)) {
                request.setRequestUri(received.resolve("/not-found"));
            }
        }
    }

    String publicUrl(ContainerRequestContext request) {
        URI received = (URI) request.getProperty(RECEIVED_URI);
        String pathAndQuery = received.getRawPath() + (received.getRawQuery() == null ? "" : "?" + received.getRawQuery());
        if (config.publicBaseUrl().isPresent()) {
            String base = config.publicBaseUrl().get();
            return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + pathAndQuery;
        }
        String forwardedProto = request.getHeaderString("X-Forwarded-Proto");
        String scheme = forwardedProto != null && !forwardedProto.isBlank()
                ? forwardedProto.split(",")[0].trim() : received.getScheme();
        String host = request.getHeaderString("Host");
        return scheme + "://" + (host != null && !host.isBlank() ? host : received.getRawAuthority()) + pathAndQuery;
    }
}
