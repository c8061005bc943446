package io.github.recordingrules.domain.rules;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One validated recording rule: a type and at least one filter; the filters combine with AND.
 * Null filters are absent. {@link RulesParser} is the only way untrusted input becomes a rule.
 */
public record RecordingRule(RuleType type, boolean all, TrackKind kind, String publisher, String track) {

    public static RecordingRule includeAll() {
        return new RecordingRule(RuleType.INCLUDE, true, null, null, null);
    }

    /** Whether every filter of this rule matches the track. */
    public boolean matches(TrackInfo candidate) {
        if (all) {
            return true;
        }
        if (kind != null && kind != candidate.kind()) {
            return false;
        }
        if (publisher != null
                && !publisher.equals(candidate.identity())
                && !publisher.equals(candidate.participantSid())) {
            return false;
        }
        return track == null || track.equals(candidate.name()) || track.equals(candidate.sid());
    }

    /** The rule as Twilio renders it: type first, then the filters that are present. */
    public Map<String, Object> toWire() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("type", type.wireName());
        if (all) {
            wire.put("all", true);
        }
        if (kind != null) {
            wire.put("kind", kind.wireName());
        }
        if (publisher != null) {
            wire.put("publisher", publisher);
        }
        if (track != null) {
            wire.put("track", track);
        }
        return wire;
    }
}
