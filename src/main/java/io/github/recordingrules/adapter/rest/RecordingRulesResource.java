package io.github.recordingrules.adapter.rest;

import io.github.recordingrules.adapter.http.TwilioError;
import io.github.recordingrules.application.RoomService;
import io.github.recordingrules.domain.Limits;
import io.github.recordingrules.domain.rules.InvalidRulesException;
import io.github.recordingrules.domain.rules.RulesParser;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

/** {@code /v1/Rooms/{RoomNameOrSid}/RecordingRules}: read and replace a room's rules. */
@Path("/v1/Rooms/{RoomNameOrSid}/RecordingRules")
@Produces(MediaType.APPLICATION_JSON)
public class RecordingRulesResource {

    private final RoomService rooms;

    RecordingRulesResource(RoomService rooms) {
        this.rooms = rooms;
    }

    @GET
    public RecordingRulesJson fetch(@RestPath("RoomNameOrSid") @Size(max = Limits.NAME,
            message = "RoomNameOrSid must be at most {max} characters") String roomNameOrSid) {
        return RecordingRulesJson.of(rooms.findRoomForRules(roomNameOrSid));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RecordingRulesJson update(
            @RestPath("RoomNameOrSid") @Size(max = Limits.NAME,
                    message = "RoomNameOrSid must be at most {max} characters") String roomNameOrSid,
            @RestForm("Rules") @Size(max = Limits.RULES, message = "Rules must be at most {max} characters") String rules)
            throws InvalidRulesException {
        return RecordingRulesJson.of(rooms.updateRules(roomNameOrSid, RulesParser.parse(rules)).room());
    }

    @PUT
    public Response put() {
        return methodNotAllowed();
    }

    @DELETE
    public Response delete() {
        return methodNotAllowed();
    }

    private static Response methodNotAllowed() {
        return TwilioError.of(405, TwilioError.METHOD_NOT_ALLOWED, "Method not allowed: RecordingRules supports GET and POST")
                .toResponseBuilder()
                .header(HttpHeaders.ALLOW, "GET,POST")
                .build();
    }
}
