package io.github.recordingrules.domain.rules;

/**
 * How a rule set decides one track (docs/SPEC.md §3.1): the last rule matching it, or none.
 *
 * @param recorded  whether the track belongs to the set of recording tracks
 * @param ruleIndex the zero-based position of the deciding rule, or null when no rule matched or the
 *                  track is a data track, which is never recorded
 * @param rule      the deciding rule, or null
 */
public record RuleDecision(TrackInfo track, boolean recorded, Integer ruleIndex, RecordingRule rule) {
}
