package io.github.recordingrules.adapter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.recordingrules.config.RecordingRulesConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a request body larger than {@code recording-rules.max-body-size} with 413 and Twilio's
 * error body, before anything reads it. It runs ahead of every route, also ahead of Quarkus' own
 * {@code quarkus.http.limits.max-body-size} check, which would answer an empty 413; that limit is set
 * to the same value (application.properties). A body sent without Content-Length is read here up to
 * the limit, so it too is refused in Twilio's body.
 */
@ApplicationScoped
public class BodySizeLimit {

    /** Ahead of Quarkus' upload limit (route order -2): a filter's route order is minus its priority. */
    private static final int PRIORITY = 1000;

    private final ObjectMapper json;

    BodySizeLimit(ObjectMapper json) {
        this.json = json;
    }

    void register(@Observes Filters filters, RecordingRulesConfig config) {
        long limit = config.maxBodySize().asLongValue();
        filters.register(request -> check(request, limit), PRIORITY);
    }

    private void check(RoutingContext request, long limit) {
        String length = request.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            if (request.request().getHeader(HttpHeaders.TRANSFER_ENCODING) == null) {
                request.next();
            } else {
                bufferUpTo(request, limit);
            }
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

    /**
     * A body of undeclared length (chunked; the Lambda adapter marks every event body so) is read here,
     * at most {@code limit} bytes of it, and handed on as the request's body, which RESTEasy reads
     * instead of the stream; one byte more answers 413 at once.
     */
    private void bufferUpTo(RoutingContext request, long limit) {
        HttpServerRequest http = request.request();
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        http.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + (long) chunk.length() > limit) {
                refused[0] = true;
                answer(request, 413, TwilioError.INVALID_PARAMETER,
                        "Request body too large: at most " + limit + " bytes are accepted");
            } else {
                body.appendBuffer(chunk);
            }
        });
        http.endHandler(end -> {
            if (!refused[0]) {
                request.setBody(body);
                request.next();
            }
        });
        http.resume();
    }

    private void answer(RoutingContext request, int status, int code, String message) {
        String body;
        try {
            body = json.writeValueAsString(TwilioError.of(status, code, message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Twilio's error body is always serialisable", e);
        }
        request.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }
}
