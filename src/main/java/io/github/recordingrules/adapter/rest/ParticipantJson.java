package io.github.recordingrules.adapter.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.github.recordingrules.adapter.http.ApiDates;
import io.github.recordingrules.domain.room.RoomParticipant;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Twilio's RoomParticipant resource. {@code date_created} is when the participant connected (else its
 * latest change); {@code duration} is whole seconds between the times shown, once it has disconnected.
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ParticipantJson(String sid, String roomSid, String accountSid, String status, String identity,
                              String dateCreated, String dateUpdated, String startTime, String endTime, Long duration,
                              String url, Map<String, String> links) {

    static ParticipantJson of(RoomParticipant participant, String roomSid, String accountSid, String baseUrl) {
        String url = baseUrl + "/v1/Rooms/" + roomSid + "/Participants/" + participant.sid();
        Instant start = participant.startTime();
        Long duration = start == null || participant.endTime() == null ? null : Duration.between(
                start.truncatedTo(ChronoUnit.SECONDS), participant.endTime().truncatedTo(ChronoUnit.SECONDS)).toSeconds();
        return new ParticipantJson(participant.sid(), roomSid, accountSid,
                participant.connected() ? "connected" : "disconnected", participant.identity(),
                ApiDates.format(start != null ? start : participant.dateUpdated()),
                ApiDates.format(participant.dateUpdated()), ApiDates.format(start),
                ApiDates.format(participant.endTime()), duration, url,
                Map.of("published_tracks", url + "/PublishedTracks"));
    }
}
