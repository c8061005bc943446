package io.github.recordingrules.adapter.twilio;

import io.github.recordingrules.adapter.http.PublicUrls;
import io.github.recordingrules.adapter.http.RecordingJson;
import io.github.recordingrules.adapter.http.RecordingTrackJson;
import io.github.recordingrules.adapter.http.TwilioError;
import io.github.recordingrules.adapter.http.TwilioSignature;
import io.github.recordingrules.application.Metrics;
import io.github.recordingrules.application.RoomChange;
import io.github.recordingrules.application.RoomService;
import io.github.recordingrules.config.RecordingRulesConfig;
import io.github.recordingrules.domain.room.Recording;
import io.github.recordingrules.domain.room.Room;
import io.github.recordingrules.domain.room.TrackDecision;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The room status callback endpoint (docs/SPEC.md §7). Every callback is authenticated by its
 * {@code X-Twilio-Signature}, applied to the room atomically, and answered with the tracks to record.
 */
@Path(WebhookPath.INTERNAL)
public class RoomEventsResource {

    private final RoomService rooms;
    private final RecordingRulesConfig config;
    private final PublicUrls urls;
    private final TwilioSignature signature;
    private final Metrics metrics;

    RoomEventsResource(RoomService rooms, RecordingRulesConfig config, PublicUrls urls, Metrics metrics) {
        this.metrics = metrics;
        this.rooms = rooms;
        this.config = config;
        this.urls = urls;
        this.signature = new TwilioSignature(config.authToken());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(String body, @Context HttpHeaders headers) {
        Map<String, List<String>> form = FormBody.parse(body);
        if (config.webhook().validateSignature()) {
            String url = urls.requestUrl();
            if (!signature.verify(url, form, headers.getHeaderString("X-Twilio-Signature"))) {
                return TwilioError.of(403, TwilioError.FORBIDDEN,
                        "Invalid or missing X-Twilio-Signature for " + url).toResponse();
            }
        }
        EventReader.Callback callback = EventReader.read(form, Instant::now);
        RoomChange change = rooms.handleEvent(callback.roomSid(), callback.roomName(), callback.roomType(), callback.eventName(),
                callback.event());
        metrics.callback(callback.roomSid(), callback.eventName(), change.outcome().changed());
        return Response.ok(answer(callback.eventName(), change, urls.base())).build();
    }

    private CallbackAnswerJson answer(String eventName, RoomChange change, String baseUrl) {
        Room room = change.room();
        Map<String, TrackDecision> decisions = new HashMap<>();
        for (TrackDecision decision : room.explanation()) {
            decisions.put(decision.track().sid(), decision);
        }
        return new CallbackAnswerJson(room.sid(), room.status().wireName(), eventName, change.outcome().changed(),
                room.recordingTracks().stream()
                        .map(t -> RecordingTrackJson.of(t, decisions.get(t.track().sid()))).toList(),
                recordings(change.outcome().started(), room, baseUrl), recordings(change.outcome().stopped(), room, baseUrl));
    }

    private List<RecordingJson> recordings(List<Recording> recordings, Room room, String baseUrl) {
        return recordings.stream().map(r -> RecordingJson.of(r, room.sid(), config.accountSid(), baseUrl)).toList();
    }
}
