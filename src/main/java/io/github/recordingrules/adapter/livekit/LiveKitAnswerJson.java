package io.github.recordingrules.adapter.livekit;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The answer to a LiveKit webhook, which LiveKit does not read: the room it reached (null for an event
 * about no room of this function's) and whether it changed it. Recording follows through Egress.
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LiveKitAnswerJson(String roomSid, String event, boolean applied) {
}
