package io.github.recordingrules.adapter.redis;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What is stored of a room: records of this adapter's own, so that a change to the domain's records cannot
 * change the stored form by accident ({@code RoomDocumentTest} pins it). Enumerations are stored as
 * their wire names; schema 1, the domain's snapshot as release 3e42a1e wrote it, has the same fields with
 * enumerations spelled as Java constants, and, as main wrote it later, three optional fields more
 * ({@code Track.enabled}, {@code Track.enabledChangedAt}, {@code Recording.media}).
 *
 * @param activeRecordings track SID to the SID of its processing recording: the set of recording tracks
 * @param externalIds      the media server's own ids of the room's SIDs (schema 4; absent before)
 * @param suspendedTracks  wanted tracks the media server failed for good and that are not restarted (schema 4)
 */
@RegisterForReflection(targets = {RoomDocument.class, RoomDocument.Rule.class, RoomDocument.Participant.class,
        RoomDocument.Track.class, RoomDocument.Recording.class, RoomDocument.Media.class})
record RoomDocument(String sid, String uniqueName, String type, String status, boolean recordParticipantsOnConnect,
                    String statusCallback, String statusCallbackMethod, Instant dateCreated, Instant dateUpdated,
                    Instant endTime, List<Rule> rules, Instant rulesCreated, Instant rulesUpdated,
                    List<Participant> participants, List<Track> tracks, List<Recording> recordings,
                    Map<String, String> activeRecordings, Map<String, String> externalIds,
                    List<String> suspendedTracks) {

    record Rule(String type, boolean all, String kind, String publisher, String track) {
    }

    record Participant(String sid, String identity, boolean connected, Instant changedAt, Instant connectedAt) {
    }

    record Track(String sid, String name, String kind, String participantSid, boolean published, Instant changedAt,
                 Boolean enabled, Instant enabledChangedAt) {
    }

    record Recording(String sid, String trackSid, String trackName, String kind, String participantSid, String status,
                     Instant dateCreated, Instant dateCompleted, Integer duration, Media media, Instant dateDeleted) {
    }

    record Media(String mediaUri, String mediaExternalLocation, Long size, String codec, String container, Long offset,
                 String failedOperation) {
    }
}
