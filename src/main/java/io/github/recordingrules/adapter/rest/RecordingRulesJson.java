package io.github.recordingrules.adapter.rest;

import io.github.recordingrules.adapter.http.ApiDates;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.github.recordingrules.domain.room.Room;
import io.github.recordingrules.domain.rules.RecordingRule;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Map;

/** Twilio's RecordingRules resource: {@code room_sid, rules, date_created, date_updated}. */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RecordingRulesJson(String roomSid, List<Map<String, Object>> rules, String dateCreated,
                                     String dateUpdated) {

    static RecordingRulesJson of(Room room) {
        return new RecordingRulesJson(room.sid(), room.displayedRules().stream().map(RecordingRule::toWire).toList(),
                ApiDates.format(room.rulesDateCreated()), ApiDates.format(room.rulesDateUpdated()));
    }
}
