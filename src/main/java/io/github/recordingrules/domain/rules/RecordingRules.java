package io.github.recordingrules.domain.rules;

import io.github.recordingrules.domain.Limits;


import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An ordered, valid set of 1 to 20 rules, and the whole of the recording semantics (docs/SPEC.md §3.1):
 * starting from the empty set, each {@code include} adds the tracks it matches and each
 * {@code exclude} removes them. Evaluated per track, that is: the last rule matching a track decides.
 */
public record RecordingRules(List<RecordingRule> rules) {

    public static final int MAX_RULES = Limits.RULES_PER_SET;

    public static final RecordingRules RECORD_ALL = new RecordingRules(List.of(RecordingRule.includeAll()));

    public RecordingRules {
        rules = List.copyOf(rules);
        if (rules.isEmpty() || rules.size() > MAX_RULES) {
            throw new IllegalArgumentException("a rule set holds 1 to " + MAX_RULES + " rules");
        }
    }

    /** Whether the track belongs to the set of recording tracks. Data tracks are never recorded. */
    public boolean records(TrackInfo track) {
        if (!track.kind().recordable()) {
            return false;
        }
        for (int i = rules.size() - 1; i >= 0; i--) {
            RecordingRule rule = rules.get(i);
            if (rule.matches(track)) {
                return rule.type() == RuleType.INCLUDE;
            }
        }
        return false;
    }

    /**
     * The SIDs of the tracks to record, in the order the tracks were given. Decides each track as
     * {@link #records} does, through a {@link RuleIndex} built for the call: a few hash look-ups per
     * track instead of up to 20 rule checks.
     */
    public Set<String> recordingTracks(Collection<TrackInfo> tracks) {
        Set<String> recorded = new LinkedHashSet<>(Math.max(16, (int) (tracks.size() / 0.75f) + 1));
        if (tracks.isEmpty()) {
            return recorded;
        }
        RuleIndex index = new RuleIndex(rules);
        for (TrackInfo track : tracks) {
            if (track.kind().recordable() && index.records(track)) {
                recorded.add(track.sid());
            }
        }
        return recorded;
    }

    /**
     * Which rule decides each track, in the order the tracks were given: the same {@link RuleIndex}
     * look-up that {@link #recordingTracks} makes, so an explanation can never disagree with what is
     * recorded.
     */
    public List<RuleDecision> decisions(Collection<TrackInfo> tracks) {
        List<RuleDecision> decisions = new ArrayList<>(tracks.size());
        RuleIndex index = new RuleIndex(rules);
        for (TrackInfo track : tracks) {
            int deciding = track.kind().recordable() ? index.decidingRule(track) : -1;
            if (deciding < 0) {
                decisions.add(new RuleDecision(track, false, null, null));
            } else {
                RecordingRule rule = rules.get(deciding);
                decisions.add(new RuleDecision(track, rule.type() == RuleType.INCLUDE, deciding, rule));
            }
        }
        return decisions;
    }

    public List<Map<String, Object>> toWire() {
        return rules.stream().map(RecordingRule::toWire).toList();
    }
}
