package io.github.recordingrules.adapter.rest;

import io.github.recordingrules.adapter.http.ApiDates;
import io.github.recordingrules.adapter.http.FormValues;
import io.github.recordingrules.adapter.http.PageJson;
import io.github.recordingrules.adapter.http.PublicUrls;
import io.github.recordingrules.adapter.http.RecordingJson;
import io.github.recordingrules.application.RoomService;
import io.github.recordingrules.config.RecordingRulesConfig;
import io.github.recordingrules.domain.Sids;
import io.github.recordingrules.domain.room.Recording;
import io.github.recordingrules.domain.room.RecordingStatus;
import io.github.recordingrules.domain.room.Room;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
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
            @RestQuery("PageSize") String pageSize,
            @RestQuery("Page") String page) {
        int size = FormValues.wholeNumber("PageSize", pageSize, 1, PageJson.MAX_PAGE_SIZE, PageJson.DEFAULT_PAGE_SIZE);
        int number = FormValues.wholeNumber("Page", page, 0, Integer.MAX_VALUE, 0);
        Room room = rooms.findRoom(roomSid);
        RecordingFilter filter = new RecordingFilter(status == null ? null : RecordingStatus.fromWireName(status),
                sourceSid, ApiDates.parse("DateCreatedAfter", dateCreatedAfter), dateCreatedAfter,
                ApiDates.parse("DateCreatedBefore", dateCreatedBefore), dateCreatedBefore);
        List<Recording> matching = room.recordings().stream().filter(filter::matches).toList();
        String base = urls.base();
        List<RecordingJson> shown = PageJson.slice(matching, size, number).stream()
                .map(r -> RecordingJson.of(r, room.sid(), config.accountSid(), base))
                .toList();
        String listUrl = base + "/v1/Rooms/" + room.sid() + "/Recordings";
        return new RecordingPageJson(shown,
                PageJson.meta(listUrl, filter.query(), size, number, matching.size(), "recordings"));
    }

    @GET
    @Path("/{Sid}")
    public RecordingJson fetch(
            @RestPath("RoomSid") @Pattern(regexp = Sids.ROOM, message = "RoomSid must be a Room SID") String roomSid,
            @RestPath("Sid") @Pattern(regexp = Sids.RECORDING, message = "Sid must be a Recording SID") String sid) {
        Recording recording = rooms.findRecording(roomSid, sid);
        return RecordingJson.of(recording, roomSid, config.accountSid(), urls.base());
    }
}
