package io.github.recordingrules.adapter.rest;

import io.github.recordingrules.adapter.http.ApiDates;
import io.github.recordingrules.adapter.http.PageJson;
import io.github.recordingrules.application.Listings;
import io.github.recordingrules.application.NewRoom;
import io.github.recordingrules.application.Page;
import io.github.recordingrules.application.RoomQuery;
import io.github.recordingrules.application.RoomService;
import io.github.recordingrules.adapter.http.FormValues;
import io.github.recordingrules.adapter.http.InvalidParameterException;
import io.github.recordingrules.adapter.http.PublicUrls;
import io.github.recordingrules.config.RecordingRulesConfig;
import io.github.recordingrules.domain.Limits;
import io.github.recordingrules.domain.Sids;
import io.github.recordingrules.domain.room.Room;
import io.github.recordingrules.domain.room.RoomStatus;
import io.github.recordingrules.domain.room.RoomType;
import io.github.recordingrules.domain.rules.InvalidRulesException;
import io.github.recordingrules.domain.rules.RecordingRules;
import io.github.recordingrules.domain.rules.RulesParser;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code /v1/Rooms}: create, list, fetch and complete rooms. */
@Path("/v1/Rooms")
@Produces(MediaType.APPLICATION_JSON)
public class RoomsResource {

    private final RoomService rooms;
    private final Listings listings;
    private final RecordingRulesConfig config;
    private final PublicUrls urls;

    RoomsResource(RoomService rooms, Listings listings, RecordingRulesConfig config, PublicUrls urls) {
        this.rooms = rooms;
        this.listings = listings;
        this.config = config;
        this.urls = urls;
    }

    /**
     * Twilio's rooms list (docs/SPEC.md §5.15): one status, {@code in-progress} unless asked for, oldest first.
     * No room is ever {@code failed} here, so that list is empty.
     */
    @GET
    public Map<String, Object> list(
            @RestQuery("Status") @Pattern(regexp = "in-progress|completed|failed",
                    message = "Status must be in-progress, completed or failed") String status,
            @RestQuery("UniqueName") String uniqueName,
            @RestQuery("DateCreatedAfter") String dateCreatedAfter,
            @RestQuery("DateCreatedBefore") String dateCreatedBefore,
            @BeanParam Paging paging) {
        int size = paging.size(1000);
        int number = paging.number();
        String name = QueryValues.text("UniqueName", uniqueName);
        Instant after = ApiDates.parseDayOrTime("DateCreatedAfter", dateCreatedAfter);
        Instant before = ApiDates.parseDayOrTime("DateCreatedBefore", dateCreatedBefore);
        String shownStatus = status == null || status.isEmpty() ? RoomStatus.IN_PROGRESS.wireName() : status;
        Page<Room> found = shownStatus.equals("failed") ? new Page<>(List.of(), false)
                : listings.rooms(new RoomQuery(RoomStatus.fromWireName(shownStatus), name, after, before), size, number);
        String base = urls.base();
        String filters = QueryValues.repeat("Status", status == null || status.isEmpty() ? null : status)
                + QueryValues.repeat("UniqueName", name)
                + QueryValues.repeat("DateCreatedAfter", after == null ? null : dateCreatedAfter)
                + QueryValues.repeat("DateCreatedBefore", before == null ? null : dateCreatedBefore);
        return PageJson.body("rooms",
                found.items().stream().map(room -> RoomJson.of(room, config.accountSid(), base)).toList(),
                PageJson.meta(base + "/v1/Rooms", filters, size, number, found.more(), "rooms"));
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
    /** Twilio documents 202 for a room update: the room is ending (docs/SPEC.md §5.5). */
    public Response update(
            @RestPath("Sid") @Size(max = Limits.NAME, message = "Sid must be at most {max} characters") String sid,
            @RestForm("Status") @NotBlank(message = "Status is required") @Pattern(regexp = "completed",
                    message = "Status can only be set to completed") String status) {
        return Response.accepted(RoomJson.of(rooms.completeRoom(sid).room(), config.accountSid(), urls.base()))
                .build();
    }

    /**
     * Twilio's transcriptions of a room: this function makes none, so the list is always empty; it is served
     * so that the room's {@code links.transcriptions} leads somewhere (docs/SPEC.md §5.6).
     */
    @GET
    @Path("/{RoomSid}/Transcriptions")
    public Map<String, Object> transcriptions(
            @RestPath("RoomSid") @Size(max = Limits.NAME, message = "RoomSid must be at most {max} characters")
            String roomNameOrSid,
            @BeanParam Paging paging) {
        int size = paging.size(1000);
        int number = paging.number();
        Room room = rooms.findRoom(roomNameOrSid);
        return PageJson.body("transcriptions", List.of(), PageJson.meta(
                urls.base() + "/v1/Rooms/" + room.sid() + "/Transcriptions", "", size, number, false,
                "transcriptions"));
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
