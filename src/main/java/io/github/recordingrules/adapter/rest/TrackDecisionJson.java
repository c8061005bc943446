package io.github.recordingrules.adapter.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.github.recordingrules.domain.room.TrackDecision;
import io.github.recordingrules.domain.rules.TrackInfo;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Map;

/**
 * One published track in an explanation (docs/SPEC.md §3.5): whether it is recorded, the rule that decided
 * (its zero-based index and the rule as shown in {@code rules}), or why no rule did.
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TrackDecisionJson(String trackSid, String trackName, String kind, String participantSid,
                                String participantIdentity, boolean recorded, Integer ruleIndex,
                                Map<String, Object> rule, String reason, String recordingSid) {

    static TrackDecisionJson of(TrackDecision decision) {
        TrackInfo track = decision.track();
        return new TrackDecisionJson(track.sid(), track.name(), track.kind() == null ? null : track.kind().wireName(),
                track.participantSid(), track.identity(), decision.recorded(), decision.ruleIndex(),
                decision.rule() == null ? null : decision.rule().toWire(), decision.reason().wireName(),
                decision.recordingSid());
    }
}
