package io.github.recordingrules.adapter.livekit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.recordingrules.application.Deliverer;
import io.github.recordingrules.application.Destination;
import io.github.recordingrules.application.OutboundMessage.RecordingCommands;
import io.github.recordingrules.application.PendingMessage;
import io.github.recordingrules.application.RecordingBackend;
import io.github.recordingrules.application.RecordingCommand;
import io.github.recordingrules.application.RecordingCommand.Action;
import io.github.recordingrules.application.RoomNotFoundException;
import io.github.recordingrules.application.RoomService;
import io.github.recordingrules.config.RecordingRulesConfig;
import io.github.recordingrules.domain.room.Outcome;
import io.github.recordingrules.domain.room.Recording;
import io.github.recordingrules.domain.room.RecordingMedia;
import io.github.recordingrules.domain.room.RecordingStatus;
import io.github.recordingrules.domain.room.Room;
import io.github.recordingrules.domain.room.RoomEvent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Records LiveKit rooms with one track egress per recording: a recording that starts starts a
 * {@code TrackEgress} of its track, one that stops stops it (docs/LIVEKIT.md, "Egress"). The egress id is
 * remembered with the recording. A recording's SID is in its egress's file path, so that {@code ListEgress}
 * tells whether a recording has its egress already, after a call whose outcome is unknown or a crash before its
 * egress id was remembered: one recording never gets two.
 * The commands are outbound messages (docs/SPEC.md §12.4): committed with the change, this delivers them, and
 * the outbound delivery retries them until they succeed.
 */
@ApplicationScoped
@Startup
public class LiveKitEgress implements RecordingBackend, Deliverer {

    private static final Set<String> ENDED = Set.of("EGRESS_COMPLETE", "EGRESS_FAILED", "EGRESS_ABORTED",
            "EGRESS_LIMIT_REACHED");

    private final Instance<RoomService> rooms;
    private final RecordingRulesConfig.LiveKit config;
    private final ObjectMapper json;
    private final EgressApi api;

    LiveKitEgress(Instance<RoomService> rooms, RecordingRulesConfig config, ObjectMapper json) {
        this.rooms = rooms;
        this.config = config.livekit();
        this.json = json;
        this.api = this.config.url().isPresent() && this.config.apiKey().isPresent() && this.config.apiSecret().isPresent()
                ? new EgressApi(httpUrl(this.config.url().get()), this.config.apiKey().get(), this.config.apiSecret().get(),
                this.config.egress().timeout(), json)
                : null;
        // Checked at start-up (@Startup): without the SID in the path an egress could not be told apart.
        if (api != null && !this.config.egress().filepath().contains("{recording_sid}")) {
            throw new IllegalArgumentException("recording-rules.livekit.egress.filepath must contain {recording_sid}");
        }
    }

    /** Only rooms that LiveKit told of record through Egress, and only tracks it told of. */
    @Override
    public List<RecordingCommand> commandsFor(Room room, Outcome outcome) {
        if (api == null || room.externalId(room.sid()).isEmpty()) {
            return List.of();
        }
        List<RecordingCommand> commands = new ArrayList<>();
        for (Recording stopped : outcome.stopped()) {
            if (room.externalId(stopped.trackSid()).isPresent()) {
                commands.add(new RecordingCommand(Action.STOP, room.sid(), stopped.sid()));
            }
        }
        for (Recording started : outcome.started()) {
            if (room.externalId(started.trackSid()).isPresent()) {
                commands.add(new RecordingCommand(Action.START, room.sid(), started.sid()));
            }
        }
        return commands;
    }

    @Override
    public Destination destination() {
        return Destination.RECORDING_COMMANDS;
    }

    /**
     * Carries out the change's commands in order, all of them again after a failure: one already carried out
     * changes nothing when repeated. Each Egress call waits at most {@code recording-rules.livekit.egress.timeout}.
     */
    @Override
    public Result deliver(PendingMessage pending, Duration timeout) {
        if (api == null) {
            return new Refused("LiveKit Egress is not configured (recording-rules.livekit.url)");
        }
        try {
            Existing existing = new Existing();
            for (RecordingCommand command : ((RecordingCommands) pending.message()).commands()) {
                execute(command, existing);
            }
            return new Delivered();
        } catch (EgressApi.TwirpException | EgressApi.UnansweredException e) {
            return new Failed(e.getMessage());
        }
    }

    /** Carries out one command; throws when it should be tried again. */
    private void execute(RecordingCommand command, Existing existing) {
        Room room;
        try {
            room = rooms.get().findRoom(command.roomSid());
        } catch (RoomNotFoundException e) {
            return;
        }
        Optional<Recording> recording = room.recording(command.recordingSid());
        if (recording.isEmpty()) {
            return;
        }
        if (command.action() == Action.START) {
            start(room, recording.get(), existing);
        } else {
            stop(room, recording.get(), existing);
        }
    }

    /** Starts the recording's egress unless LiveKit has it already (an earlier attempt started it). */
    private void start(Room room, Recording recording, Existing existing) {
        if (recording.status() != RecordingStatus.PROCESSING || room.externalId(recording.sid()).isPresent()) {
            return;
        }
        Optional<JsonNode> started = existing.egressOf(room, recording);
        if (started.isPresent()) {
            remember(room, recording, started.get().path("egressId").asText());
            return;
        }
        try {
            JsonNode egress = api.call("StartTrackEgress", trackEgressRequest(room, recording));
            remember(room, recording, egress.path("egressId").asText());
        } catch (EgressApi.TwirpException e) {
            if (!e.isFinal()) {
                throw e;
            }
            // LiveKit refuses this egress for good (the track is gone, the output is wrong): the recording
            // failed, and its track is not tried again until it comes back or the rules are posted again.
            rooms.get().handleEvent(room.sid(), null, null, "start_track_egress_refused", new RoomEvent.RecordingStatusChanged(Instant.now(),
                    recording.sid(), RecordingStatus.FAILED, null,
                    new RecordingMedia(null, null, null, null, null, null, e.getMessage()), false));
        }
    }

    private void stop(Room room, Recording recording, Existing existing) {
        Optional<String> egressId = room.externalId(recording.sid());
        if (egressId.isEmpty()) {
            Optional<JsonNode> found = existing.egressOf(room, recording);
            if (found.isEmpty() || ENDED.contains(found.get().path("status").asText())) {
                return;
            }
            egressId = Optional.of(found.get().path("egressId").asText());
        }
        try {
            api.call("StopEgress", json.createObjectNode().put("egressId", egressId.get()));
        } catch (EgressApi.TwirpException e) {
            // An egress that has ended already (failed_precondition) or is unknown (not_found) is stopped.
            if (!e.isFinal()) {
                throw e;
            }
        }
    }

    /** The room's egresses as LiveKit lists them, asked for once per attempt and only when needed. */
    private final class Existing {

        private JsonNode items;

        /** The egress LiveKit has for this recording, found by the recording's SID in its file path. */
        Optional<JsonNode> egressOf(Room room, Recording recording) {
            if (items == null) {
                items = api.call("ListEgress", json.createObjectNode().put("roomName", room.uniqueName())).path("items");
            }
            for (JsonNode item : items) {
                if (item.path("track").path("file").path("filepath").asText().contains(recording.sid())) {
                    return Optional.of(item);
                }
            }
            return Optional.empty();
        }
    }

    private void remember(Room room, Recording recording, String egressId) {
        if (!egressId.isEmpty()) {
            rooms.get().rememberExternalIds(room.sid(), Map.of(recording.sid(), egressId));
        }
    }

    /** LiveKit's {@code TrackEgressRequest}: the track, and a file named after the recording. */
    private ObjectNode trackEgressRequest(Room room, Recording recording) {
        RecordingRulesConfig.LiveKit.Egress egress = config.egress();
        ObjectNode request = json.createObjectNode()
                .put("roomName", room.uniqueName())
                .put("trackId", room.externalId(recording.trackSid()).orElseThrow());
        ObjectNode file = request.putObject("file");
        String path = egress.filepath().replace("{recording_sid}", recording.sid()).replace("{room_sid}", room.sid());
        file.put("filepath", egress.s3Prefix().orElse("") + path);
        if (egress.s3Bucket().isPresent()) {
            ObjectNode s3 = file.putObject("s3").put("bucket", egress.s3Bucket().get());
            egress.s3Region().ifPresent(region -> s3.put("region", region));
            egress.s3Endpoint().ifPresent(endpoint -> s3.put("endpoint", endpoint));
            egress.s3AccessKey().ifPresent(key -> s3.put("accessKey", key));
            egress.s3Secret().ifPresent(secret -> s3.put("secret", secret));
            if (egress.s3ForcePathStyle()) {
                s3.put("forcePathStyle", true);
            }
        }
        return request;
    }

    /** LiveKit URLs are often given as the clients' {@code wss://}; its API is served on the same host over HTTP. */
    private static URI httpUrl(String url) {
        String http = url.startsWith("ws") ? "http" + url.substring(2) : url;
        return URI.create(http.endsWith("/") ? http : http + "/");
    }
}
