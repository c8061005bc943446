package io.github.recordingrules.adapter.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.github.recordingrules.config.RecordingRulesConfig;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Optional;

/**
 * The function's public URLs (docs/SPEC.md §5.1, §7.11), computed once per request: the base URL that
 * resources and paging links start with, and the URL the request was sent to, which a callback's sender
 * signed. The base is {@code recording-rules.public-base-url} when set; otherwise the scheme the client
 * used ({@code X-Forwarded-Proto}, which API Gateway sets; else the request's), the {@code Host}, and the
 * path prefix API Gateway kept in front of the function's own paths.
 * <p>
 * API Gateway keeps a named stage's segment ({@code /prod/v1/Rooms}) and a custom domain's API mapping
 * ({@code /rules/v1/Rooms}) in the path it passes. That prefix is taken off here, before anything else
 * sees the request (body size, authentication, routing), so that every other part works with the
 * function's own paths, and kept in the public URLs.
 */
@ApplicationScoped
public class PublicUrls {

    /** Ahead of every other filter, BodySizeLimit's (1000) included. */
    private static final int PRIORITY = 2000;
    private static final String RESOLVED = PublicUrls.class.getName();
    private static final String DEFAULT_STAGE = "$default";

    /** A request's public base URL, and its path and query relative to it, as they arrived. */
    private record Resolved(String base, String pathAndQuery) {
    }

    private final Optional<String> configuredBase;
    private final String webhookPath;
    private final CurrentVertxRequest current;

    PublicUrls(RecordingRulesConfig config, CurrentVertxRequest current) {
        this.configuredBase = config.publicBaseUrl().map(PublicUrls::withoutTrailingSlash);
        this.webhookPath = config.webhook().path();
        this.current = current;
    }

    void register(@Observes Filters filters) {
        filters.register(this::resolve, PRIORITY);
    }

    /** The base URL resources link to, without a trailing {@code /}. */
    public String base() {
        return resolved().base();
    }

    /** The public URL of this request: the base, then the path and query exactly as they arrived. */
    public String requestUrl() {
        Resolved resolved = resolved();
        return resolved.base() + resolved.pathAndQuery();
    }

    private Resolved resolved() {
        return current.getCurrent().get(RESOLVED);
    }

    private void resolve(RoutingContext context) {
        if (context.get(RESOLVED) != null) {
            context.next();
            return;
        }
        HttpServerRequest request = context.request();
        String path = request.path();
        String prefix = prefix(path, apiGatewayRequest(request), webhookPath);
        String query = request.query();
        String pathAndQuery = path.substring(prefix.length()) + (query == null ? "" : "?" + query);
        context.put(RESOLVED, new Resolved(configuredBase.orElseGet(() -> requestBase(request) + prefix), pathAndQuery));
        if (prefix.isEmpty()) {
            context.next();
        } else {
            // Routes again from the start, with the function's own path; this filter then lets it through.
            context.reroute(pathAndQuery);
        }
    }

    /**
     * What API Gateway put in front of the function's own paths ({@code /v1…} and the webhook path): on its
     * own endpoint, a named stage's segment; on a custom domain, whose API mapping the event does not name,
     * the whole segments in front of the first of the function's paths (a stage's segment first, as there).
     * Empty for a request that did not come through API Gateway, or came to the function's own paths.
     */
    static String prefix(String path, APIGatewayV2HTTPEvent.RequestContext apiGateway, String webhookPath) {
        if (path == null || apiGateway == null) {
            return "";
        }
        String stage = apiGateway.getStage();
        if (stage != null && !stage.equals(DEFAULT_STAGE) && path.startsWith("/" + stage)
                && isOwn(path.substring(stage.length() + 1), webhookPath)) {
            return "/" + stage;
        }
        if (isOwn(path, webhookPath) || !isCustomDomain(apiGateway)) {
            return "";
        }
        for (int slash = path.indexOf('/', 1); slash > 0; slash = path.indexOf('/', slash + 1)) {
            if (isOwn(path.substring(slash), webhookPath)) {
                return path.substring(0, slash);
            }
        }
        return "";
    }

    private static boolean isOwn(String path, String webhookPath) {
        return path.equals("/v1") || path.startsWith("/v1/") || path.equals(webhookPath);
    }

    /** A domain other than API Gateway's own for the API ({@code <api-id>.execute-api.<region>.amazonaws.com}). */
    private static boolean isCustomDomain(APIGatewayV2HTTPEvent.RequestContext apiGateway) {
        String domain = apiGateway.getDomainName();
        String apiId = apiGateway.getApiId();
        return domain != null && apiId != null && !domain.startsWith(apiId + ".execute-api.");
    }

    /** The request context of the API Gateway event this request came from, if it came from one. */
    private static APIGatewayV2HTTPEvent.RequestContext apiGatewayRequest(HttpServerRequest request) {
        if (request.headers() instanceof QuarkusHttpHeaders headers) {
            return (APIGatewayV2HTTPEvent.RequestContext) headers.getContextObjects()
                    .get(APIGatewayV2HTTPEvent.RequestContext.class);
        }
        return null;
    }

    private static String requestBase(HttpServerRequest request) {
        String forwardedProto = request.getHeader("X-Forwarded-Proto");
        String scheme = forwardedProto != null && !forwardedProto.isBlank()
                ? forwardedProto.split(",")[0].trim() : request.scheme();
        String host = request.getHeader(HttpHeaders.HOST);
        return scheme + "://" + (host != null && !host.isBlank() ? host : request.authority());
    }

    private static String withoutTrailingSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
