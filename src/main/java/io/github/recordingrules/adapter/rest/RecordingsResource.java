package io.github.recordingrules.adapter.rest;

import io.github.recordingrules.adapter.http.ApiDates;
import io.github.recordingrules.adapter.http.FormValues;
import io.github.recordingrules.adapter.http.PageJson;
import io.github.recordingrules.adapter.http.PublicUrls;
import io.github.recordingrules.adapter.http.RecordingJson;
import io.github.recordingrules.application.Listings;
import io.github.recordingrules.application.MediaService;
import io.github.recordingrules.application.Page;
import io.github.recordingrules.application.RoomService;
import io.github.recordingrules.config.RecordingRulesConfig;
import io.github.recordingrules.domain.Sids;
import io.github.recordingrules.domain.room.Recording;
import io.github.recordingrules.domain.room.Room;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;

/** {@code /v1/Rooms/{RoomSid}/Recordings}: the track recordings the rules started, with Twilio's paging. */
@Path("/v1/Rooms/{RoomSid}/Recordings")
@Produces(MediaType.APPLICATION_JSON)
public class RecordingsResource {

    private final RoomService rooms;
    private final Listings listings;
    private final MediaService media;
    private final RecordingRulesConfig config;
    private final PublicUrls urls;

    RecordingsResource(RoomService rooms, Listings listings, MediaService media, RecordingRulesConfig config,
                       PublicUrls urls) {
        this.rooms = rooms;
        this.listings = listings;
        this.media = media;
        this.config = config;
        this.urls = urls;
    }

    @GET
    public RecordingPageJson list(
            @RestPath("RoomSid") @Pattern(regexp = Sids.ROOM, message = "RoomSid must be a Room SID") String roomSid,
            @RestQuery("Status") @Pattern(regexp = "processing|completed|deleted|failed",
                    message = "Status must be processing, completed, deleted or failed") String status,
            @RestQuery("SourceSid") String sourceSid,
            @RestQuery("DateCreatedAfter") String dateCreatedAfter,
            @RestQuery("DateCreatedBefore") String dateCreatedBefore,
            @BeanParam Paging paging) {
        int size = paging.size(1000);
        int number = paging.number();
        Room room = rooms.findRoom(roomSid);
        RecordingFilter filter = RecordingFilter.of(status, sourceSid, List.of(), null, dateCreatedAfter,
                dateCreatedBefore);
        Page<Recording> shown = listings.recordingsOf(room, filter.query(), size, number);
        String base = urls.base();
        return new RecordingPageJson(
                shown.items().stream().map(r -> RecordingJson.of(r, room, config.accountSid(), base)).toList(),
                PageJson.meta(base + "/v1/Rooms/" + room.sid() + "/Recordings", filter.links(), size, number,
                        shown.more(), "recordings"));
    }

    @GET
    @Path("/{Sid}")
    public RecordingJson fetch(
            @RestPath("RoomSid") @Pattern(regexp = Sids.ROOM, message = "RoomSid must be a Room SID") String roomSid,
            @RestPath("Sid") @Pattern(regexp = Sids.RECORDING, message = "Sid must be a Recording SID") String sid) {
        Room room = rooms.findRoom(roomSid);
        return RecordingJson.of(rooms.findRecording(room, sid), room, config.accountSid(), urls.base());
    }

    /** Twilio's 204: the recording is {@code deleted}, its metadata kept (docs/SPEC.md §4.6). */
    @DELETE
    @Path("/{Sid}")
    public Response delete(
            @RestPath("RoomSid") @Pattern(regexp = Sids.ROOM, message = "RoomSid must be a Room SID") String roomSid,
            @RestPath("Sid") @Pattern(regexp = Sids.RECORDING, message = "Sid must be a Recording SID") String sid) {
        rooms.deleteRecording(roomSid, sid);
        return Response.noContent().build();
    }

    @GET
    @Path("/{Sid}/Media")
    public Response media(
            @RestPath("RoomSid") @Pattern(regexp = Sids.ROOM, message = "RoomSid must be a Room SID") String roomSid,
            @RestPath("Sid") @Pattern(regexp = Sids.RECORDING, message = "Sid must be a Recording SID") String sid,
            @RestQuery("Ttl") String ttl,
            @RestQuery("ContentDisposition") String contentDisposition) {
        return MediaAnswers.redirect(media.link(roomSid, sid, MediaAnswers.ttl(ttl),
                MediaAnswers.contentDisposition(contentDisposition)));
    }
}
