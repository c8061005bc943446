package io.github.recordingrules.adapter.rest;

import io.github.recordingrules.adapter.http.PageJson;
import io.github.recordingrules.adapter.http.PublicUrls;
import io.github.recordingrules.application.Listings;
import io.github.recordingrules.application.MediaService;
import io.github.recordingrules.application.Page;
import io.github.recordingrules.application.RoomRecording;
import io.github.recordingrules.application.RoomService;
import io.github.recordingrules.config.RecordingRulesConfig;
import io.github.recordingrules.domain.Sids;
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
import java.util.Map;

/**
 * {@code /v1/Recordings}: every room's recordings (docs/SPEC.md §5.17), a recording by its SID alone, its
 * deletion and its media. Twilio's {@code PageSize} here is at most 100, not 1000.
 */
@Path("/v1/Recordings")
@Produces(MediaType.APPLICATION_JSON)
public class AccountRecordingsResource {

    static final int MAX_PAGE_SIZE = 100;

    private final RoomService rooms;
    private final Listings listings;
    private final MediaService media;
    private final RecordingRulesConfig config;
    private final PublicUrls urls;

    AccountRecordingsResource(RoomService rooms, Listings listings, MediaService media, RecordingRulesConfig config,
                              PublicUrls urls) {
        this.rooms = rooms;
        this.listings = listings;
        this.media = media;
        this.config = config;
        this.urls = urls;
    }

    @GET
    public Map<String, Object> list(
            @RestQuery("Status") @Pattern(regexp = "processing|completed|deleted|failed",
                    message = "Status must be processing, completed, deleted or failed") String status,
            @RestQuery("SourceSid") String sourceSid,
            @RestQuery("GroupingSid") List<String> groupingSids,
            @RestQuery("MediaType") String mediaType,
            @RestQuery("DateCreatedAfter") String dateCreatedAfter,
            @RestQuery("DateCreatedBefore") String dateCreatedBefore,
            @BeanParam Paging paging) {
        int size = paging.size(MAX_PAGE_SIZE);
        int number = paging.number();
        RecordingFilter filter = RecordingFilter.of(status, sourceSid, groupingSids, mediaType, dateCreatedAfter,
                dateCreatedBefore);
        Page<RoomRecording> shown = listings.recordings(filter.query(), size, number);
        String base = urls.base();
        return PageJson.body("recordings",
                shown.items().stream().map(r -> AccountRecordingJson.of(r, config.accountSid(), base)).toList(),
                PageJson.meta(base + "/v1/Recordings", filter.links(), size, number, shown.more(), "recordings"));
    }

    @GET
    @Path("/{Sid}")
    public AccountRecordingJson fetch(
            @RestPath("Sid") @Pattern(regexp = Sids.RECORDING, message = "Sid must be a Recording SID") String sid) {
        return AccountRecordingJson.of(rooms.findRecording(sid), config.accountSid(), urls.base());
    }

    /** Twilio's 204: the recording is {@code deleted}, its metadata kept (docs/SPEC.md §4.6). */
    @DELETE
    @Path("/{Sid}")
    public Response delete(
            @RestPath("Sid") @Pattern(regexp = Sids.RECORDING, message = "Sid must be a Recording SID") String sid) {
        rooms.deleteRecording(null, sid);
        return Response.noContent().build();
    }

    @GET
    @Path("/{Sid}/Media")
    public Response media(
            @RestPath("Sid") @Pattern(regexp = Sids.RECORDING, message = "Sid must be a Recording SID") String sid,
            @RestQuery("Ttl") String ttl,
            @RestQuery("ContentDisposition") String contentDisposition) {
        return MediaAnswers.redirect(media.link(null, sid, MediaAnswers.ttl(ttl),
                MediaAnswers.contentDisposition(contentDisposition)));
    }
}
