package io.github.recordingrules.adapter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.github.recordingrules.adapter.http.ApiDates;
import io.github.recordingrules.adapter.http.RecordingJson;
import io.github.recordingrules.domain.room.Room;
import io.github.recordingrules.domain.rules.RecordingRule;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Map;

/**
 * Twilio's RecordingRules resource: {@code room_sid, rules, date_created, date_updated}. Only when asked
 * for (docs/SPEC.md §5.7, §5.8) does it carry more, which the helper libraries ignore: {@code explanation},
 * and for a dry run {@code dry_run}, {@code would_start} and {@code would_stop}.
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RecordingRulesJson(String roomSid, List<Map<String, Object>> rules, String dateCreated,
                                 String dateUpdated,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) List<TrackDecisionJson> explanation,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) Boolean dryRun,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) List<TrackDecisionJson> wouldStart,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) List<RecordingJson> wouldStop) {

    static RecordingRulesJson of(Room room) {
        return new RecordingRulesJson(room.sid(), room.displayedRules().stream().map(RecordingRule::toWire).toList(),
                ApiDates.format(room.rulesDateCreated()), ApiDates.format(room.rulesDateUpdated()), null, null, null,
                null);
    }

    RecordingRulesJson explained(List<TrackDecisionJson> decisions) {
        return new RecordingRulesJson(roomSid, rules, dateCreated, dateUpdated, decisions, dryRun, wouldStart, wouldStop);
    }
}
