package io.github.recordingrules.adapter.http;

import io.github.recordingrules.application.ConcurrentUpdateException;
import io.github.recordingrules.application.Metrics;
import io.github.recordingrules.application.MediaNotFoundException;
import io.github.recordingrules.application.RecordingNotFoundException;
import io.github.recordingrules.application.RefusedCallbackException;
import io.github.recordingrules.application.RoomNotFoundException;
import io.github.recordingrules.application.StoreUnavailableException;
import io.github.recordingrules.application.UniqueNameInUseException;
import io.github.recordingrules.domain.room.RecordingInProgressException;
import io.github.recordingrules.domain.room.RoomTypeNotSupportedException;
import io.github.recordingrules.domain.rules.InvalidRulesException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Every failure answers in Twilio's error body; only a fault of ours is a 500. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    private static final String URL_DECODER = "org.jboss.resteasy.reactive.common.util.URLUtils";

    private final Metrics metrics;

    ErrorMappers(Metrics metrics) {
        this.metrics = metrics;
    }

    @ServerExceptionMapper
    public Response invalidRules(InvalidRulesException e) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (e.ruleIndex() != null) {
            details.put("rule_index", e.ruleIndex());
        }
        details.put("reason", e.reason());
        return TwilioError.of(400, TwilioError.INVALID_RECORDING_RULES, "Invalid Recording Rule(s)", details).toResponse();
    }

    @ServerExceptionMapper
    public Response roomNotFound(RoomNotFoundException e) {
        return notFound("/Rooms/" + e.roomNameOrSid());
    }

    @ServerExceptionMapper
    public Response recordingNotFound(RecordingNotFoundException e) {
        return notFound(recordingPath(e.roomSid(), e.recordingSid()));
    }

    @ServerExceptionMapper
    public Response mediaNotFound(MediaNotFoundException e) {
        return notFound(recordingPath(e.roomSid(), e.recordingSid()) + "/Media");
    }

    @ServerExceptionMapper
    public Response recordingInProgress(RecordingInProgressException e) {
        return TwilioError.of(400, TwilioError.INVALID_PARAMETER, "Recording " + e.recordingSid()
                + " is still processing: it can be deleted once it has completed").toResponse();
    }

    @ServerExceptionMapper
    public Response roomExists(UniqueNameInUseException e) {
        return TwilioError.of(400, TwilioError.ROOM_EXISTS,
                "Room exists: an in-progress room named " + e.uniqueName() + " already exists").toResponse();
    }

    @ServerExceptionMapper
    public Response roomTypeNotSupported(RoomTypeNotSupportedException e) {
        return TwilioError.of(400, TwilioError.ROOM_TYPE_NOT_SUPPORTED, "Recording rules are only supported in group"
                + " rooms, not in " + e.type().wireName() + " rooms").toResponse();
    }

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e) {
        return TwilioError.of(400, TwilioError.INVALID_PARAMETER, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response refusedCallback(RefusedCallbackException e) {
        return TwilioError.of(400, TwilioError.INVALID_PARAMETER, "StatusCallback is refused: " + e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        String message = e.getConstraintViolations().stream()
                .map(ConstraintViolation::getMessage)
                .sorted()
                .collect(Collectors.joining("; "));
        return TwilioError.of(400, TwilioError.INVALID_PARAMETER, message).toResponse();
    }

    @ServerExceptionMapper
    public Response storeUnavailable(StoreUnavailableException e) {
        LOG.warnf("Redis unavailable: %s", e.getMessage());
        metrics.unavailable(Metrics.REDIS_UNAVAILABLE);
        return unavailable("Service unavailable: the state store did not answer; retry later");
    }

    @ServerExceptionMapper
    public Response contended(ConcurrentUpdateException e) {
        metrics.unavailable(Metrics.CONTENTION);
        return unavailable("Room " + e.roomSid() + " is being updated by too many requests at once; retry later");
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        int code = switch (status) {
            case 404 -> TwilioError.NOT_FOUND;
            case 405 -> TwilioError.METHOD_NOT_ALLOWED;
            case 401 -> TwilioError.AUTHENTICATION_FAILED;
            case 403 -> TwilioError.FORBIDDEN;
            default -> status >= 500 ? TwilioError.INTERNAL_ERROR : TwilioError.INVALID_PARAMETER;
        };
        String message = switch (status) {
            case 404 -> "The requested resource was not found";
            case 405 -> "Method not allowed";
            case 415 -> "Unsupported media type: send application/x-www-form-urlencoded";
            default -> e.getResponse().getStatusInfo().getReasonPhrase();
        };
        Response.ResponseBuilder answer = TwilioError.of(status, code, message).toResponseBuilder();
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        if (allow != null) {
            answer.header(HttpHeaders.ALLOW, allow);
        }
        return answer.build();
    }

    /**
     * A form body with a malformed percent escape ({@code Rules=%zz}) fails in RESTEasy's URL decoding
     * with a bare IllegalArgumentException: that is the caller's mistake, not ours. Any other one is.
     */
    @ServerExceptionMapper
    public Response illegalArgument(IllegalArgumentException e) {
        StackTraceElement[] stack = e.getStackTrace();
        if (stack.length > 0 && stack[0].getClassName().equals(URL_DECODER)) {
            return TwilioError.of(400, TwilioError.INVALID_PARAMETER,
                    "The request body is not valid application/x-www-form-urlencoded").toResponse();
        }
        return unexpected(e);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        LOG.error("Unexpected failure", e);
        return TwilioError.of(500, TwilioError.INTERNAL_ERROR, "Internal error").toResponse();
    }

    private static String recordingPath(String roomSid, String recordingSid) {
        return (roomSid == null ? "" : "/Rooms/" + roomSid) + "/Recordings/" + recordingSid;
    }

    private static Response notFound(String path) {
        return TwilioError.of(404, TwilioError.NOT_FOUND, "The requested resource " + path + " was not found").toResponse();
    }

    private static Response unavailable(String message) {
        return TwilioError.of(503, TwilioError.SERVICE_UNAVAILABLE, message).toResponseBuilder()
                .header(HttpHeaders.RETRY_AFTER, "1")
                .build();
    }
}
