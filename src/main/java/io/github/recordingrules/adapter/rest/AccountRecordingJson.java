package io.github.recordingrules.adapter.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.github.recordingrules.adapter.http.RecordingJson;
import io.github.recordingrules.application.RoomRecording;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Map;

/**
 * Twilio's account-level Recording resource ({@code /v1/Recordings/{Sid}}): the room recording's fields
 * without {@code room_sid}, with its own {@code url} and {@code links}, and the recording's
 * {@code status_callback} and {@code status_callback_method}, which are always null here (a recording has
 * no callback of its own).
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AccountRecordingJson(String accountSid, String status, String dateCreated, String sid, String sourceSid,
                                   Long size, String url, String type, Integer duration, String containerFormat,
                                   String codec, Map<String, String> groupingSids, String trackName, Long offset,
                                   String mediaExternalLocation, String statusCallback, String statusCallbackMethod,
                                   Map<String, String> links) {

    static AccountRecordingJson of(RoomRecording found, String accountSid, String baseUrl) {
        RecordingJson shown = RecordingJson.of(found.recording(), found.roomSid(), accountSid, baseUrl);
        String url = baseUrl + "/v1/Recordings/" + shown.sid();
        return new AccountRecordingJson(shown.accountSid(), shown.status(), shown.dateCreated(), shown.sid(),
                shown.sourceSid(), shown.size(), url, shown.type(), shown.duration(), shown.containerFormat(),
                shown.codec(), shown.groupingSids(), shown.trackName(), shown.offset(), shown.mediaExternalLocation(),
                null, null, Map.of("media", url + "/Media"));
    }
}
