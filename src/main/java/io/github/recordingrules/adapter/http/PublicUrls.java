package io.github.recordingrules.adapter.http;

import io.github.recordingrules.config.RecordingRulesConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriInfo;

/** The base URL resources link to: the configured public one, else the one the request came in on. */
@ApplicationScoped
public class PublicUrls {

    private final RecordingRulesConfig config;

    PublicUrls(RecordingRulesConfig config) {
        this.config = config;
    }

    public String base(UriInfo request) {
        String base = config.publicBaseUrl().orElseGet(() -> request.getBaseUri().toString());
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
