package io.github.recordingrules.adapter.rest;

import io.github.recordingrules.adapter.http.ApiDates;
import io.github.recordingrules.adapter.http.FormValues;
import io.github.recordingrules.adapter.http.PublicUrls;
import io.github.recordingrules.adapter.http.RecordingJson;
import io.github.recordingrules.adapter.http.TwilioError;
import io.github.recordingrules.application.RoomService;
import io.github.recordingrules.config.RecordingRulesConfig;
import io.github.recordingrules.domain.Limits;
import io.github.recordingrules.domain.room.Recording;
import io.github.recordingrules.domain.room.Room;
import io.github.recordingrules.domain.room.RulesPreview;
import io.github.recordingrules.domain.rules.InvalidRulesException;
import io.github.recordingrules.domain.rules.RecordingRule;
import io.github.recordingrules.domain.rules.RecordingRules;
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
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code /v1/Rooms/{RoomNameOrSid}/RecordingRules}: read and replace a room's rules. */
@Path("/v1/Rooms/{RoomNameOrSid}/RecordingRules")
@Produces(MediaType.APPLICATION_JSON)
public class RecordingRulesResource {

    private final RoomService rooms;
    private final RecordingRulesConfig config;
    private final PublicUrls urls;

    RecordingRulesResource(RoomService rooms, RecordingRulesConfig config, PublicUrls urls) {
        this.rooms = rooms;
        this.config = config;
        this.urls = urls;
    }

    /** With {@code Explain=true}, says for every published track what decided it (docs/SPEC.md §3.5, §5.7). */
    @GET
    public RecordingRulesJson fetch(@RestPath("RoomNameOrSid") @Size(max = Limits.NAME,
            message = "RoomNameOrSid must be at most {max} characters") String roomNameOrSid,
            @RestQuery("Explain") String explain) {
        boolean explained = FormValues.bool("Explain", explain, false);
        Room room = rooms.findRoomForRules(roomNameOrSid);
        RecordingRulesJson shown = RecordingRulesJson.of(room);
        return explained ? shown.explained(room.explanation().stream().map(TrackDecisionJson::of).toList()) : shown;
    }

    /**
     * With {@code DryRun=true}, validates the rules and answers what they would start and stop, and how they
     * would decide each track, changing nothing (docs/SPEC.md §5.8).
     */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RecordingRulesJson update(
            @RestPath("RoomNameOrSid") @Size(max = Limits.NAME,
                    message = "RoomNameOrSid must be at most {max} characters") String roomNameOrSid,
            @RestForm("Rules") @Size(max = Limits.RULES, message = "Rules must be at most {max} characters") String rules,
            @RestForm("DryRun") String dryRun)
            throws InvalidRulesException {
        boolean preview = FormValues.bool("DryRun", dryRun, false);
        RecordingRules parsed = RulesParser.parse(rules);
        if (!preview) {
            return RecordingRulesJson.of(rooms.updateRules(roomNameOrSid, parsed).room());
        }
        Room room = rooms.findRoomForRules(roomNameOrSid);
        RulesPreview outcome = rooms.previewRules(room, parsed);
        Set<String> starting = outcome.wouldStart().stream().map(Recording::trackSid).collect(Collectors.toSet());
        List<TrackDecisionJson> decisions = outcome.decisions().stream().map(TrackDecisionJson::of).toList();
        String base = urls.base();
        return new RecordingRulesJson(room.sid(), parsed.rules().stream().map(RecordingRule::toWire).toList(),
                ApiDates.format(room.rulesDateCreated()), ApiDates.format(room.rulesDateUpdated()), decisions, true,
                decisions.stream().filter(d -> starting.contains(d.trackSid())).toList(),
                outcome.wouldStop().stream().map(r -> RecordingJson.of(r, room.sid(), config.accountSid(), base)).toList());
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
