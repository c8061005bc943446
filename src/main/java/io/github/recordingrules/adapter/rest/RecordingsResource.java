package io.github.recordingrules.adapter.rest;

import io.github.recordingrules.adapter.http.ApiDates;
import io.github.recordingrules.adapter.http.PageJson;
import io.github.recordingrules.adapter.http.PublicUrls;
import io.github.recordingrules.adapter.http.RecordingJson;
import io.github.recordingrules.application.RecordingNotFoundException;
import io.github.recordingrules.application.RoomService;
import io.github.recordingrules.config.RecordingRulesConfig;
import io.github.recordingrules.domain.Sids;
import io.github.recordingrules.domain.room.Recording;
import io.github.recordingrules.domain.room.RecordingStatus;
import io.github.recordingrules.domain.room.Room;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.hibernate.validator.constraints.Range;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;

/** {@code /v1/Rooms/{RoomSid}/Recordings}: the track recordings the rules started, with Twilio's paging. */
@Path("/v1/Rooms/{RoomSid}/Recordings")
@Produces(MediaType.APPLICATION_JSON)
public class RecordingsResource {

    private final RoomService rooms;
    private final RecordingRulesConfig config;
    private final PublicUrls urls;

    RecordingsResource(RoomService rooms, RecordingRulesConfig config, PublicUrls urls) {
        this.rooms = rooms;
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
            @RestQuery("PageSize") @Range(min = 1, max = 1000, message = "PageSize must be between {min} and {max}")
            Integer pageSize,
            @RestQuery("Page") @Min(value = 0, message = "Page must be at least {value}") Integer page,
            @Context UriInfo request) {
        Room room = rooms.findRoom(roomSid);
        RecordingFilter filter = new RecordingFilter(status == null ? null : RecordingStatus.fromWireName(status),
                sourceSid, ApiDates.parse("DateCreatedAfter", dateCreatedAfter), dateCreatedAfter,
                ApiDates.parse("DateCreatedBefore", dateCreatedBefore), dateCreatedBefore);
        List<Recording> matching = room.recordings().stream().filter(filter::matches).toList();
        int size = pageSize == null ? PageJson.DEFAULT_PAGE_SIZE : pageSize;
        int number = page == null ? 0 : page;
        String base = urls.base(request);
        List<RecordingJson> shown = PageJson.slice(matching, size, number).stream()
                .map(r -> RecordingJson.of(r, room, config.accountSid(), base))
                .toList();
        String listUrl = base + "/v1/Rooms/" + room.sid() + "/Recordings";
        return new RecordingPageJson(shown,
                PageJson.meta(listUrl, filter.query(), size, number, matching.size(), "recordings"));
    }

    @GET
    @Path("/{Sid}")
    public RecordingJson fetch(
            @RestPath("RoomSid") @Pattern(regexp = Sids.ROOM, message = "RoomSid must be a Room SID") String roomSid,
            @RestPath("Sid") @Pattern(regexp = Sids.RECORDING, message = "Sid must be a Recording SID") String sid,
            @Context UriInfo request) {
        Room room = rooms.findRoom(roomSid);
        Recording recording = room.recording(sid).orElseThrow(() -> new RecordingNotFoundException(roomSid, sid));
        return RecordingJson.of(recording, room, config.accountSid(), urls.base(request));
    }
}
