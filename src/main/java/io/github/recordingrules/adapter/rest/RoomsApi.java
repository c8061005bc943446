package io.github.recordingrules.adapter.rest;

import io.github.recordingrules.application.NewRoom;
import io.github.recordingrules.application.RoomService;
import io.github.recordingrules.config.RecordingRulesConfig;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

import java.net.URI;
import java.util.Locale;

/** {@code /v1/Rooms}: create, fetch and complete rooms. */
@Path("/v1/Rooms")
@Produces(MediaType.APPLICATION_JSON)
public class RoomsApi {

    static final int MAX_NAME_LENGTH = 256;
    static final int MAX_URL_LENGTH = 2048;

    private final RoomService rooms;
    private final RecordingRulesConfig config;
    private final PublicUrls urls;

    RoomsApi(RoomService rooms, RecordingRulesConfig config, PublicUrls urls) {
        this.rooms = rooms;
        this.config = config;
        this.urls = urls;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(
            @RestForm("UniqueName") @Size(max = MAX_NAME_LENGTH, message = "UniqueName must be at most 256 characters") String uniqueName,
            @RestForm("Type") String type,
            @RestForm("RecordParticipantsOnConnect") String recordParticipantsOnConnect,
            @RestForm("RecordingRules") @Size(max = RecordingRulesApi.MAX_RULES_LENGTH,
                    message = "RecordingRules must be at most 16384 characters") String recordingRules,
            @RestForm("StatusCallback") @Size(max = MAX_URL_LENGTH, message = "StatusCallback is too long") String statusCallback,
            @RestForm("StatusCallbackMethod") String statusCallbackMethod,
            @Context UriInfo request) throws InvalidRulesException {
        String name = FormValues.optional(uniqueName);
        if (RoomService.isRoomSid(name)) {
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
        RoomResource created = RoomResource.of(room, config.accountSid(), urls.base(request));
        return Response.created(URI.create(created.url())).entity(created).build();
    }

    @GET
    @Path("/{RoomNameOrSid}")
    public RoomResource fetch(@RestPath("RoomNameOrSid") @Size(max = MAX_NAME_LENGTH,
            message = "RoomNameOrSid must be at most 256 characters") String roomNameOrSid, @Context UriInfo request) {
        return RoomResource.of(rooms.findRoom(roomNameOrSid), config.accountSid(), urls.base(request));
    }

    @POST
    @Path("/{Sid}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RoomResource update(
            @RestPath("Sid") @Size(max = MAX_NAME_LENGTH, message = "Sid must be at most 256 characters") String sid,
            @RestForm("Status") @NotBlank(message = "Status is required") @Pattern(regexp = "completed",
                    message = "Status can only be set to completed") String status,
            @Context UriInfo request) {
        Room room = rooms.findRoom(sid);
        return RoomResource.of(rooms.completeRoom(room.sid()).room(), config.accountSid(), urls.base(request));
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
