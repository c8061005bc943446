package io.github.recordingrules.adapter.http;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.github.recordingrules.domain.room.Recording;
import io.github.recordingrules.domain.room.RecordingMedia;
import io.github.recordingrules.domain.room.Room;
import io.github.recordingrules.domain.rules.TrackKind;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Twilio's RoomRecording resource, in REST answers and in callback answers alike. The media itself is
 * the media server's: size, codec, offset and external location are what it reported, else null rather
 * than made up; the container defaults to Twilio's (mka for audio, mkv for video).
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RecordingJson(String accountSid, String status, String dateCreated, String sid, String sourceSid,
                            Long size, String url, String type, Integer duration, String containerFormat,
                            String codec, Map<String, String> groupingSids, String trackName, Long offset,
                            String mediaExternalLocation, String roomSid, Map<String, String> links,
                            Map<String, String> mediaServerIds) {

    /**
     * The recording with the media server's own ids of its room, participant, track and recording (for
     * LiveKit: {@code RM_…}, {@code PA_…}, {@code TR_…} and the egress id) as far as it told them; null for
     * a media server that has no ids of its own.
     */
    public static RecordingJson of(Recording recording, Room room, String accountSid, String baseUrl) {
        Map<String, String> ids = new LinkedHashMap<>();
        room.externalId(room.sid()).ifPresent(id -> ids.put("room", id));
        room.externalId(recording.participantSid()).ifPresent(id -> ids.put("participant", id));
        room.externalId(recording.trackSid()).ifPresent(id -> ids.put("track", id));
        room.externalId(recording.sid()).ifPresent(id -> ids.put("recording", id));
        return of(recording, room.sid(), accountSid, baseUrl, ids.isEmpty() ? null : ids);
    }

    public static RecordingJson of(Recording recording, String roomSid, String accountSid, String baseUrl) {
        return of(recording, roomSid, accountSid, baseUrl, null);
    }

    private static RecordingJson of(Recording recording, String roomSid, String accountSid, String baseUrl,
                                    Map<String, String> mediaServerIds) {
        String url = baseUrl + "/v1/Rooms/" + roomSid + "/Recordings/" + recording.sid();
        TrackKind kind = recording.kind();
        RecordingMedia media = recording.media() == null ? RecordingMedia.NONE : recording.media();
        String container = media.container() != null ? media.container()
                : kind == null ? null : kind == TrackKind.AUDIO ? "mka" : "mkv";
        return new RecordingJson(accountSid, recording.status().wireName(), ApiDates.format(recording.dateCreated()),
                recording.sid(), recording.trackSid(), media.size(), url, kind == null ? null : kind.wireName(),
                recording.duration(), container, media.codec(),
                Map.of("room_sid", roomSid, "participant_sid", recording.participantSid()),
                recording.trackName() != null ? recording.trackName() : recording.trackSid(), media.offset(),
                media.mediaExternalLocation(), roomSid, Map.of("media", url + "/Media"), mediaServerIds);
    }
}
