package io.github.recordingrules.adapter.twilio;

import io.github.recordingrules.config.RecordingRulesConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.net.URI;

/** Serves the webhook at its configured path; the URL its sender signed is {@code PublicUrls.requestUrl()}. */
@ApplicationScoped
public class WebhookPath {

    static final String INTERNAL = "/webhooks/room-events";

    private final String configured;

    WebhookPath(RecordingRulesConfig config) {
        this.configured = config.webhook().path();
    }

    @ServerRequestFilter(preMatching = true)
    public void route(ContainerRequestContext request) {
        URI received = request.getUriInfo().getRequestUri();
        String path = received.getRawPath();
        if (!configured.equals(INTERNAL)) {
            if (path.equals(configured)) {
                request.setRequestUri(received.resolve(INTERNAL + (received.getRawQuery() == null ? "" : "?" + received.getRawQuery())));
            } else if (path.equals(INTERNAL)) {
                request.setRequestUri(received.resolve("/not-found"));
            }
        }
    }
}
