package io.github.recordingrules.adapter.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.github.recordingrules.adapter.http.RecordingJson;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Map;

/** A page of Twilio's RoomRecording list: {@code recordings} and the paging {@code meta}. */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RecordingPageJson(List<RecordingJson> recordings, Map<String, Object> meta) {
}
