package io.github.recordingrules.adapter.metrics;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.recordingrules.adapter.http.TwilioError;
import io.github.recordingrules.config.RecordingRulesConfig;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Opens each request's {@link RequestRecord} (with the Lambda request id, also put in the MDC so that every
 * log line of the request carries it) and, once the answer is known, writes the request's log line, its
 * fields in the MDC (JSON logs show them as {@code mdc}), and its metric record ({@link EmfWriter}).
 */
public class RequestTelemetry {

    static final String LOGGER = "io.github.recordingrules.request";
    private static final Logger LOG = Logger.getLogger(LOGGER);
    private static final String REQUEST_ID = "requestId";

    private final RequestRecord record;
    private final EmfWriter emf;
    private final CurrentVertxRequest vertxRequest;
    private final String webhookPath;

    RequestTelemetry(RequestRecord record, EmfWriter emf, CurrentVertxRequest vertxRequest, RecordingRulesConfig config) {
        this.record = record;
        this.emf = emf;
        this.vertxRequest = vertxRequest;
        this.webhookPath = config.webhook().path();
    }

    /** First of all filters, so that the record times and names everything, authentication included. */
    @ServerRequestFilter(preMatching = true, priority = 1)
    public void open(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        String requestId = lambdaRequestId();
        record.open(System.nanoTime(), path.equals(webhookPath) ? "webhook" : path.startsWith("/v1/") ? "rest" : "other",
                requestId);
        if (requestId != null) {
            MDC.put(REQUEST_ID, requestId);
        }
    }

    @ServerResponseFilter
    public void close(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        String errorCode = response.getEntity() instanceof TwilioError error ? Integer.toString(error.code()) : "none";
        String outcome = outcome(status);
        double latencyMillis = (System.nanoTime() - record.startNanos()) / 1_000_000.0;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("route", record.route());
        fields.put("status", status);
        fields.put("outcome", outcome);
        putIfPresent(fields, "roomSid", record.roomSid());
        putIfPresent(fields, "event", record.event());
        fields.put("recordingsStarted", record.recordingsStarted());
        fields.put("recordingsStopped", record.recordingsStopped());
        fields.put("redisRoundTrips", record.redisLatencyMillis().size());
        fields.put("redisLatencyMs", round(record.redisMillis()));
        fields.put("compareAndSetRetries", record.compareAndSetRetries());
        fields.put("latencyMs", round(latencyMillis));
        if (status >= 400) {
            fields.put("errorCode", errorCode);
        }
        putIfPresent(fields, "cause", status == 503 ? record.unavailableCause() : null);
        fields.forEach((name, value) -> MDC.put(name, String.valueOf(value)));
        try {
            LOG.infof("%s %s %d %s", request.getMethod(), request.getUriInfo().getPath(), status, outcome);
        } finally {
            fields.keySet().forEach(MDC::remove);
            MDC.remove(REQUEST_ID);
        }
        emf.writeRequest(record, outcome, status, errorCode, latencyMillis);
    }

    /**
     * A callback is {@code applied} or {@code unchanged}; any request that failed is {@code rejected} (4xx),
     * {@code unavailable} (503) or {@code failed} (other 5xx); another success is {@code ok}.
     */
    private String outcome(int status) {
        if (status == 503) {
            return "unavailable";
        }
        if (status >= 500) {
            return "failed";
        }
        if (status >= 400) {
            return "rejected";
        }
        Boolean applied = record.applied();
        if (applied != null) {
            return applied ? "applied" : "unchanged";
        }
        return "ok";
    }

    /** The invocation's id as Lambda reports it (also on its REPORT line), from the context the Lambda handler keeps. */
    private String lambdaRequestId() {
        RoutingContext routing = vertxRequest.getCurrent();
        if (routing != null && routing.request().headers() instanceof QuarkusHttpHeaders headers) {
            Context lambda = headers.getContextObject(Context.class);
            if (lambda != null) {
                return lambda.getAwsRequestId();
            }
        }
        return null;
    }

    private static void putIfPresent(Map<String, Object> fields, String name, Object value) {
        if (value != null) {
            fields.put(name, value);
        }
    }

    private static double round(double millis) {
        return Math.round(millis * 1000) / 1000.0;
    }
}
