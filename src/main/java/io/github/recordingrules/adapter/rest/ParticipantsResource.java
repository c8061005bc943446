package io.github.recordingrules.adapter.rest;

import io.github.recordingrules.adapter.http.ApiDates;
import io.github.recordingrules.adapter.http.PageJson;
import io.github.recordingrules.adapter.http.PublicUrls;
import io.github.recordingrules.application.Page;
import io.github.recordingrules.application.ParticipantQuery;
import io.github.recordingrules.application.RoomService;
import io.github.recordingrules.config.RecordingRulesConfig;
import io.github.recordingrules.domain.Limits;
import io.github.recordingrules.domain.room.Room;
import io.github.recordingrules.domain.room.RoomParticipant;
import io.github.recordingrules.domain.room.Track;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code /v1/Rooms/{RoomSid}/Participants} and each participant's {@code PublishedTracks}, read from the
 * room's presence registers (docs/SPEC.md §5.18 to §5.20). The room is named by SID or unique name, a
 * participant by SID or identity, a track by SID or name.
 */
@Path("/v1/Rooms/{RoomSid}/Participants")
@Produces(MediaType.APPLICATION_JSON)
public class ParticipantsResource {

    private final RoomService rooms;
    private final RecordingRulesConfig config;
    private final PublicUrls urls;

    ParticipantsResource(RoomService rooms, RecordingRulesConfig config, PublicUrls urls) {
        this.rooms = rooms;
        this.config = config;
        this.urls = urls;
    }

    @GET
    public Map<String, Object> list(
            @RestPath("RoomSid") @Size(max = Limits.NAME, message = "RoomSid must be at most {max} characters") String roomSid,
            @RestQuery("Status") @Pattern(regexp = "connected|disconnected|reconnecting",
                    message = "Status must be connected, disconnected or reconnecting") String status,
            @RestQuery("Identity") String identity,
            @RestQuery("DateCreatedAfter") String dateCreatedAfter,
            @RestQuery("DateCreatedBefore") String dateCreatedBefore,
            @BeanParam Paging paging) {
        int size = paging.size(1000);
        int number = paging.number();
        String who = QueryValues.text("Identity", identity);
        Room room = rooms.findRoom(roomSid);
        Instant after = ApiDates.parse("DateCreatedAfter", dateCreatedAfter);
        Instant before = ApiDates.parse("DateCreatedBefore", dateCreatedBefore);
        String base = urls.base();
        List<RoomParticipant> matching;
        if ("reconnecting".equals(status)) {
            // Twilio's reconnecting state is the media server's; no callback reports it.
            matching = List.of();
        } else {
            ParticipantQuery query = new ParticipantQuery(status == null || status.isEmpty() ? null
                    : status.equals("connected"), who, after, before);
            matching = room.participants().stream().filter(p -> query.matches(room, p)).toList();
        }
        Page<RoomParticipant> shown = Page.of(matching, size, number);
        String filters = QueryValues.repeat("Status", status == null || status.isEmpty() ? null : status)
                + QueryValues.repeat("Identity", who)
                + QueryValues.repeat("DateCreatedAfter", after == null ? null : dateCreatedAfter)
                + QueryValues.repeat("DateCreatedBefore", before == null ? null : dateCreatedBefore);
        return PageJson.body("participants",
                shown.items().stream().map(p -> ParticipantJson.of(p, room.sid(), config.accountSid(), base)).toList(),
                PageJson.meta(base + "/v1/Rooms/" + room.sid() + "/Participants", filters, size, number, shown.more(),
                        "participants"));
    }

    @GET
    @Path("/{Sid}")
    public ParticipantJson fetch(
            @RestPath("RoomSid") @Size(max = Limits.NAME, message = "RoomSid must be at most {max} characters") String roomSid,
            @RestPath("Sid") @Size(max = Limits.NAME, message = "Sid must be at most {max} characters") String sid) {
        Room room = rooms.findRoom(roomSid);
        return ParticipantJson.of(participant(room, sid), room.sid(), config.accountSid(), urls.base());
    }

    /** Only the tracks published now, as Twilio lists them. */
    @GET
    @Path("/{ParticipantSid}/PublishedTracks")
    public Map<String, Object> publishedTracks(
            @RestPath("RoomSid") @Size(max = Limits.NAME, message = "RoomSid must be at most {max} characters") String roomSid,
            @RestPath("ParticipantSid") @Size(max = Limits.NAME,
                    message = "ParticipantSid must be at most {max} characters") String participantSid,
            @BeanParam Paging paging) {
        int size = paging.size(1000);
        int number = paging.number();
        Room room = rooms.findRoom(roomSid);
        RoomParticipant participant = participant(room, participantSid);
        String base = urls.base();
        Page<Track> shown = Page.of(room.tracksPublishedBy(participant.sid()), size, number);
        return PageJson.body("published_tracks",
                shown.items().stream().map(t -> PublishedTrackJson.of(t, room.sid(), base)).toList(),
                PageJson.meta(base + "/v1/Rooms/" + room.sid() + "/Participants/" + participant.sid() + "/PublishedTracks",
                        "", size, number, shown.more(), "published_tracks"));
    }

    @GET
    @Path("/{ParticipantSid}/PublishedTracks/{Sid}")
    public PublishedTrackJson publishedTrack(
            @RestPath("RoomSid") @Size(max = Limits.NAME, message = "RoomSid must be at most {max} characters") String roomSid,
            @RestPath("ParticipantSid") @Size(max = Limits.NAME,
                    message = "ParticipantSid must be at most {max} characters") String participantSid,
            @RestPath("Sid") @Size(max = Limits.NAME, message = "Sid must be at most {max} characters") String sid) {
        Room room = rooms.findRoom(roomSid);
        RoomParticipant participant = participant(room, participantSid);
        List<Track> published = room.tracksPublishedBy(participant.sid());
        Track track = published.stream().filter(t -> t.sid().equals(sid)).findFirst()
                .or(() -> published.stream().filter(t -> sid.equals(t.name())).findFirst())
                .orElseThrow(NotFoundException::new);
        return PublishedTrackJson.of(track, room.sid(), urls.base());
    }

    private static RoomParticipant participant(Room room, String sidOrIdentity) {
        return room.participant(sidOrIdentity).orElseThrow(NotFoundException::new);
    }
}
