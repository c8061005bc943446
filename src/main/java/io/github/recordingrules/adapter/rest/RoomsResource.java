package io.github.recordingrules.adapter.rest;

import io.github.recordingrules.application.NewRoom;
import io.github.recordingrules.application.RoomService;
import io.github.recordingrules.adapter.http.FormValues;
import io.github.recordingrules.adapter.http.InvalidParameterException;
import io.github.recordingrules.adapter.http.PublicUrls;
import io.github.recordingrules.config.RecordingRulesConfig;
import io.github.recordingrules.domain.Limits;
import io.github.recordingrules.domain.Sids;
import io.github.recordingrules.domain.room.Room;
import io.github.recordingrules.domain.room.RoomType;
import io.github.recordingrules.domain.rules.InvalidRulesException;
import io.github.recordingrules.domain.rules.RecordingRules;
import io.github.recordingrules.domain.rules.RulesParser;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

import java.net.URI;
import java.util.Locale;

/** {@code /v1/Rooms}: create, fetch and complete rooms. */
@Path("/v1/Rooms")
@Produces(MediaType.APPLICATION_JSON)
public class RoomsResource {

    private final RoomService rooms;
    private final RecordingRulesConfig config;
    private final PublicUrls urls;

    RoomsResource(RoomService rooms, RecordingRulesConfig config, PublicUrls urls) {
        this.rooms = rooms;
        this.config = config;
        this.urls = urls;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(
            @RestForm("UniqueName") @Size(max = Limits.NAME, message = "UniqueName must be at most {max} characters") String uniqueName,
            @RestForm("Type") String type,
            @RestForm("RecordParticipantsOnConnect") String recordParticipantsOnConnect,
            @RestForm("RecordingRules") @Size(max = Limits.RULES,
                    message = "RecordingRules must be at most {max} characters") String recordingRules,
            @RestForm("StatusCallback") @Size(max = Limits.URL,
                    message = "StatusCallback must be at most {max} characters") String statusCallback,
            @RestForm("StatusCallbackMethod") String statusCallbackMethod) throws InvalidRulesException {
        String name = FormValues.optional(uniqueName);
        if (Sids.isRoom(name)) {
            throw new InvalidParameterException("UniqueName cannot be a Room SID");
        }
        RoomType roomType = type == null || type.isEmpty() ? RoomType.GROUP : RoomType.fromWireName(type);
        if (roomType == null) {
            throw new InvalidParameterException("Type must be one of group, group-small, peer-to-peer or go");
        }
        boolean recordOnConnect = FormValues.bool("RecordParticipantsOnConnect", recordParticipantsOnConnect, false);
        RecordingRules rules = FormValues.optional(recordingRules) == null ? null : RulesParser.parse(recordingRules);
        NewRoom newRoom = new NewRoom(name, roomType, recordOnConnect, rules,
                callbackUrl(statusCallback), callbackMethod(statusCallbackMethod));
        Room room = rooms.createRoom(newRoom);
        RoomJson created = RoomJson.of(room, config.accountSid(), urls.base());
        return Response.created(URI.create(created.url())).entity(created).build();
    }

    @GET
    @Path("/{RoomNameOrSid}")
    public RoomJson fetch(@RestPath("RoomNameOrSid") @Size(max = Limits.NAME,
            message = "RoomNameOrSid must be at most {max} characters") String roomNameOrSid) {
        return RoomJson.of(rooms.findRoom(roomNameOrSid), config.accountSid(), urls.base());
    }

    @POST
    @Path("/{Sid}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RoomJson update(
            @RestPath("Sid") @Size(max = Limits.NAME, message = "Sid must be at most {max} characters") String sid,
            @RestForm("Status") @NotBlank(message = "Status is required") @Pattern(regexp = "completed",
                    message = "Status can only be set to completed") String status) {
        return RoomJson.of(rooms.completeRoom(sid).room(), config.accountSid(), urls.base());
    }

    private static String callbackUrl(String value) {
        String url = FormValues.optional(value);
        if (url == null) {
            return null;
        }
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return url;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new InvalidParameterException("StatusCallback must be an absolute http or https URL");
    }

    private static String callbackMethod(String value) {
        String method = FormValues.optional(value);
        if (method == null) {
            return "POST";
        }
        String upper = method.toUpperCase(Locale.ROOT);
        if (!upper.equals("GET") && !upper.equals("POST")) {
            throw new InvalidParameterException("StatusCallbackMethod must be GET or POST");
        }
        return upper;
    }
}
