package io.github.recordingrules.domain.rules;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of a set bucketed by the filter that selects the fewest tracks, so that finding the last
 * rule matching a track takes a few hash look-ups instead of trying every rule: a room of 1000 tracks
 * under 20 rules is then ~1000 look-up rounds rather than 20 000 rule checks (docs/BENCHMARKS.md).
 * <p>
 * Exactly {@link RecordingRule#matches} decides: a rule is found through one of its filters' values and
 * then checked whole, so the AND of several filters holds as before.
 * <ul>
 *   <li>every track: a rule with {@code all}, or (never valid, but {@code matches} would say so) no filter;</li>
 *   <li>by the {@code publisher} value, looked up with the track's identity and its participant SID;</li>
 *   <li>else by the {@code track} value, looked up with the track's name and its SID;</li>
 *   <li>else by {@code kind} alone.</li>
 * </ul>
 */
final class RuleIndex {

    private static final int[] NONE = new int[0];

    private final List<RecordingRule> rules;
    /** The last rule matching every track, or -1. */
    private final int lastForAll;
    /** Per {@link TrackKind#ordinal()}: the last rule with only a kind filter, of that kind, or -1. */
    private final int[] lastForKind;
    /** Filter value to the positions, ascending, of the rules found through it. */
    private final Map<String, int[]> byPublisher = new HashMap<>();
    private final Map<String, int[]> byTrack = new HashMap<>();

    RuleIndex(List<RecordingRule> rules) {
        this.rules = rules;
        int all = -1;
        int[] kinds = new int[TrackKind.values().length];
        java.util.Arrays.fill(kinds, -1);
        for (int i = 0; i < rules.size(); i++) {
            RecordingRule rule = rules.get(i);
            if (rule.all() || (rule.kind() == null && rule.publisher() == null && rule.track() == null)) {
                all = i;
            } else if (rule.publisher() != null) {
                add(byPublisher, rule.publisher(), i);
            } else if (rule.track() != null) {
                add(byTrack, rule.track(), i);
            } else {
                kinds[rule.kind().ordinal()] = i;
            }
        }
        this.lastForAll = all;
        this.lastForKind = kinds;
    }

    /** Whether the last rule matching the track includes it; a track no rule matches is not recorded. */
    boolean records(TrackInfo track) {
        int last = decidingRule(track);
        return last >= 0 && rules.get(last).type() == RuleType.INCLUDE;
    }

    /** The position of the last rule matching the track: the one that decides it; -1 when none matches. */
    int decidingRule(TrackInfo track) {
        int last = lastForAll;
        if (track.kind() != null) {
            last = Math.max(last, lastForKind[track.kind().ordinal()]);
        }
        last = lastMatching(byPublisher, track.identity(), track, last);
        last = lastMatching(byPublisher, track.participantSid(), track, last);
        last = lastMatching(byTrack, track.name(), track, last);
        return lastMatching(byTrack, track.sid(), track, last);
    }

    /** The later of {@code last} and the last rule found through {@code value} that matches the track. */
    private int lastMatching(Map<String, int[]> bucket, String value, TrackInfo track, int last) {
        if (value == null) {
            return last;
        }
        int[] candidates = bucket.getOrDefault(value, NONE);
        for (int i = candidates.length - 1; i >= 0 && candidates[i] > last; i--) {
            if (rules.get(candidates[i]).matches(track)) {
                return candidates[i];
            }
        }
        return last;
    }

    private static void add(Map<String, int[]> bucket, String value, int position) {
        int[] known = bucket.getOrDefault(value, NONE);
        int[] grown = java.util.Arrays.copyOf(known, known.length + 1);
        grown[known.length] = position;
        bucket.put(value, grown);
    }
}
