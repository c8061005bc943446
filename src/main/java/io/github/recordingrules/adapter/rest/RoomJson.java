package io.github.recordingrules.adapter.rest;

import io.github.recordingrules.adapter.http.ApiDates;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.github.recordingrules.domain.room.Room;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Twilio's Room resource. Fields this function has no say in (codecs, media region, limits of the
 * media server) are null rather than made up. {@code media_server_ids} is ours: the media server's own id
 * of the room (LiveKit's {@code RM_…}), null when it has none.
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RoomJson(
        String sid, String status, String dateCreated, String dateUpdated, String accountSid, Boolean enableTurn,
        String uniqueName, String statusCallback, String statusCallbackMethod, String endTime, Long duration,
        String type, Integer maxParticipants, Integer maxParticipantDuration, Integer maxConcurrentPublishedTracks,
        boolean recordParticipantsOnConnect, List<String> videoCodecs, String mediaRegion, Boolean audioOnly,
        Integer emptyRoomTimeout, Integer unusedRoomTimeout, Boolean largeRoom, String url, Map<String, String> links,
        Map<String, String> mediaServerIds) {

    static RoomJson of(Room room, String accountSid, String baseUrl) {
        String url = baseUrl + "/v1/Rooms/" + room.sid();
        // Whole seconds between the dates as shown, so that end_time - date_created = duration always holds.
        Long duration = room.endTime() == null ? null : Duration.between(
                room.dateCreated().truncatedTo(ChronoUnit.SECONDS), room.endTime().truncatedTo(ChronoUnit.SECONDS)).toSeconds();
        return new RoomJson(room.sid(), room.status().wireName(), ApiDates.format(room.dateCreated()),
                ApiDates.format(room.dateUpdated()), accountSid, true,
                room.uniqueName() != null ? room.uniqueName() : room.sid(), room.statusCallback(),
                room.statusCallbackMethod() != null ? room.statusCallbackMethod() : "POST",
                ApiDates.format(room.endTime()), duration, room.type().wireName(), null, null, null,
                room.recordParticipantsOnConnect(), null, null, null, null, null, null, url,
                Map.of("participants", url + "/Participants",
                        "recordings", url + "/Recordings",
                        "transcriptions", url + "/Transcriptions",
                        "recording_rules", url + "/RecordingRules"),
                room.externalId(room.sid()).map(id -> Map.of("room", id)).orElse(null));
    }
}
