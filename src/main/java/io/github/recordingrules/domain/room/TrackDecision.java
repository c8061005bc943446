package io.github.recordingrules.domain.room;

import io.github.recordingrules.domain.rules.RecordingRule;
import io.github.recordingrules.domain.rules.TrackInfo;

/**
 * Why a published track is or is not recorded now (docs/SPEC.md §3.5).
 *
 * @param ruleIndex    the zero-based position of the rule that decided, when a rule did
 * @param rule         that rule, or null
 * @param recordingSid the track's processing recording, or null
 */
public record TrackDecision(TrackInfo track, boolean recorded, Integer ruleIndex, RecordingRule rule, Reason reason,
                            String recordingSid) {

    /** What decided. */
    public enum Reason {
        /** The last rule matching the track: {@code rule}. */
        RULE("rule"),
        /** No rule matches the track, so it is not recorded. */
        NO_MATCHING_RULE("no_matching_rule"),
        /** Data tracks are never recorded. */
        DATA_TRACK("data_track"),
        /** The room has no rules in force. */
        NO_RULES("no_rules"),
        /** The room has ended: nothing is recorded any more. */
        ROOM_ENDED("room_ended"),
        /** Only group rooms record. */
        ROOM_TYPE("room_type");

        private final String wireName;

        Reason(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }
}
