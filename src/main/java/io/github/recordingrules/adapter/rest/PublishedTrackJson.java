package io.github.recordingrules.adapter.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.github.recordingrules.adapter.http.ApiDates;
import io.github.recordingrules.domain.room.Track;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * Twilio's RoomParticipantPublishedTrack resource: {@code date_created} is when it was published,
 * {@code enabled} whether its publisher has it unmuted (from track-enabled and track-disabled callbacks).
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PublishedTrackJson(String sid, String participantSid, String roomSid, String name, String dateCreated,
                                 String dateUpdated, boolean enabled, String kind, String url) {

    static PublishedTrackJson of(Track track, String roomSid, String baseUrl) {
        Instant updated = track.enabledChangedAt() != null && track.enabledChangedAt().isAfter(track.changedAt())
                ? track.enabledChangedAt() : track.changedAt();
        return new PublishedTrackJson(track.sid(), track.participantSid(), roomSid,
                track.name() != null ? track.name() : track.sid(), ApiDates.format(track.changedAt()),
                ApiDates.format(updated), track.isEnabled(), track.kind() == null ? null : track.kind().wireName(),
                baseUrl + "/v1/Rooms/" + roomSid + "/Participants/" + track.participantSid() + "/PublishedTracks/"
                        + track.sid());
    }
}
