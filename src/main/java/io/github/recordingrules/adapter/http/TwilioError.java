package io.github.recordingrules.adapter.http;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * Twilio's error body, the only shape an error ever takes here. {@code details} is ours: it says
 * more (which rule is wrong and why) and is left out when there is nothing to add.
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TwilioError(int code, String message, String moreInfo, int status,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> details) {

    public static final int INVALID_PARAMETER = 20001;
    public static final int AUTHENTICATION_FAILED = 20003;
    public static final int METHOD_NOT_ALLOWED = 20004;
    public static final int NOT_FOUND = 20404;
    public static final int FORBIDDEN = 20403;
    public static final int INTERNAL_ERROR = 20500;
    public static final int SERVICE_UNAVAILABLE = 20503;
    public static final int ROOM_EXISTS = 53113;
    public static final int INVALID_RECORDING_RULES = 53120;
    public static final int ROOM_TYPE_NOT_SUPPORTED = 53122;

    public static TwilioError of(int status, int code, String message) {
        return of(status, code, message, null);
    }

    public static TwilioError of(int status, int code, String message, Map<String, Object> details) {
        return new TwilioError(code, message, "https://www.twilio.com/docs/errors/" + code, status, details);
    }

    public Response.ResponseBuilder toResponseBuilder() {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(this);
    }

    public Response toResponse() {
        return toResponseBuilder().build();
    }
}
