package io.github.recordingrules.adapter.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.github.recordingrules.application.RoomNotFoundException;
import io.github.recordingrules.application.RoomService;
import io.github.recordingrules.config.RecordingRulesConfig;
import io.github.recordingrules.domain.room.Recording;
import io.github.recordingrules.domain.room.RecordingStatus;
import io.github.recordingrules.domain.room.Room;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** {@code /v1/Rooms/{RoomSid}/Recordings}: the track recordings the rules started, with Twilio's paging. */
@Path("/v1/Rooms/{RoomSid}/Recordings")
@Produces(MediaType.APPLICATION_JSON)
public class RecordingsApi {

    private final RoomService rooms;
    private final RecordingRulesConfig config;
    private final PublicUrls urls;

    RecordingsApi(RoomService rooms, RecordingRulesConfig config, PublicUrls urls) {
        this.rooms = rooms;
        this.config = config;
        this.urls = urls;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RecordingPage(List<RecordingResource> recordings, Map<String, Object> meta) {
    }

    @GET
    public RecordingPage list(
            @RestPath("RoomSid") @Pattern(regexp = "^RM[0-9a-fA-F]{32}$", message = "RoomSid must be a Room SID") String roomSid,
            @RestQuery("Status") @Pattern(regexp = "processing|completed|deleted|failed",
                    message = "Status must be processing, completed, deleted or failed") String status,
            @RestQuery("SourceSid") String sourceSid,
            @RestQuery("DateCreatedAfter") String dateCreatedAfter,
            @RestQuery("DateCreatedBefore") String dateCreatedBefore,
            @RestQuery("PageSize") @Min(value = 1, message = "PageSize must be between 1 and 1000")
            @Max(value = 1000, message = "PageSize must be between 1 and 1000") Integer pageSize,
            @RestQuery("Page") @Min(value = 0, message = "Page must not be negative") Integer page,
            @Context UriInfo request) {
        Room room = rooms.findRoom(roomSid);
        RecordingStatus wanted = status == null ? null : RecordingStatus.fromWireName(status);
        Instant after = date("DateCreatedAfter", dateCreatedAfter);
        Instant before = date("DateCreatedBefore", dateCreatedBefore);
        List<Recording> matching = room.recordings().stream()
                .filter(r -> wanted == null || r.status() == wanted)
                .filter(r -> sourceSid == null || sourceSid.equals(r.trackSid()))
                .filter(r -> after == null || r.dateCreated().isAfter(after))
                .filter(r -> before == null || r.dateCreated().isBefore(before))
                .toList();
        int size = pageSize == null ? 50 : pageSize;
        int number = page == null ? 0 : page;
        long from = Math.min((long) number * size, matching.size());
        long to = Math.min(from + size, matching.size());
        String base = urls.base(request);
        List<RecordingResource> shown = matching.subList((int) from, (int) to).stream()
                .map(r -> RecordingResource.of(r, room.sid(), config.accountSid(), base))
                .toList();
        String listUrl = base + "/v1/Rooms/" + room.sid() + "/Recordings";
        String filters = (status == null ? "" : "&Status=" + status)
                + (sourceSid == null ? "" : "&SourceSid=" + encode(sourceSid))
                + (after == null ? "" : "&DateCreatedAfter=" + encode(dateCreatedAfter))
                + (before == null ? "" : "&DateCreatedBefore=" + encode(dateCreatedBefore));
        Map<String, Object> meta = new java.util.LinkedHashMap<>();
        meta.put("page", number);
        meta.put("page_size", size);
        meta.put("first_page_url", listUrl + "?PageSize=" + size + "&Page=0" + filters);
        meta.put("previous_page_url", number == 0 ? null : listUrl + "?PageSize=" + size + "&Page=" + (number - 1) + filters);
        meta.put("url", listUrl + "?PageSize=" + size + "&Page=" + number + filters);
        meta.put("next_page_url", to < matching.size() ? listUrl + "?PageSize=" + size + "&Page=" + (number + 1) + filters : null);
        meta.put("key", "recordings");
        return new RecordingPage(shown, meta);
    }

    @GET
    @Path("/{Sid}")
    public RecordingResource fetch(
            @RestPath("RoomSid") @Pattern(regexp = "^RM[0-9a-fA-F]{32}$", message = "RoomSid must be a Room SID") String roomSid,
            @RestPath("Sid") @Pattern(regexp = "^RT[0-9a-fA-F]{32}$", message = "Sid must be a Recording SID") String sid,
            @Context UriInfo request) {
        Room room = rooms.findRoom(roomSid);
        Recording recording = room.recording(sid)
                .orElseThrow(() -> new RoomNotFoundException(roomSid + "/Recordings/" + sid));
        return RecordingResource.of(recording, room.sid(), config.accountSid(), urls.base(request));
    }

    private static Instant date(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            // The Java helper library sends 2026-01-01T12:00:00, without a zone: UTC, as Twilio reads it.
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                throw new InvalidParameterException(name + " must be an ISO 8601 date and time");
            }
        }
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
