package io.github.recordingrules.adapter.rest;

import io.github.recordingrules.config.RecordingRulesConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a request body larger than {@code recording-rules.max-body-size} with 413 and Twilio's
 * error body, before anything reads it. It runs ahead of every route, also ahead of Quarkus' own
 * {@code quarkus.http.limits.max-body-size} check, which would answer an empty 413; that limit is set
 * to the same value (application.properties) and still bounds a body sent without Content-Length.
 */
@ApplicationScoped
public class BodySizeLimit {

    /** Ahead of Quarkus' upload limit (route order -2): a filter's route order is minus its priority. */
    private static final int PRIORITY = 1000;

    void register(@Observes Filters filters, RecordingRulesConfig config) {
        long limit = config.maxBodySize().asLongValue();
        filters.register(request -> check(request, limit), PRIORITY);
    }

    private static void check(RoutingContext request, long limit) {
        String length = request.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            request.next();
            return;
        }
        long declared;
        try {
            declared = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            declared = -1;
        }
        if (declared < 0) {
            answer(request, 400, TwilioError.INVALID_PARAMETER, "Content-Length is not a valid length");
        } else if (declared > limit) {
            answer(request, 413, TwilioError.INVALID_PARAMETER,
                    "Request body too large: at most " + limit + " bytes are accepted");
        } else {
            request.next();
        }
    }

    private static void answer(RoutingContext request, int status, int code, String message) {
        String body = "{\"code\":" + code + ",\"message\":\"" + message + "\",\"more_info\":\"https://www.twilio.com/docs/errors/"
                + code + "\",\"status\":" + status + "}";
        request.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }
}
