package io.github.recordingrules.domain.rules;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.List;

/**
 * Generators shared by the property tests. Identities, names and SIDs come from small pools so that
 * filters often hit, names collide, and SIDs used in rules exist in the room.
 */
public final class RulesArbitraries {

    public static final List<String> IDENTITIES = List.of("Alice", "Bob", "Carl", "alice");
    public static final List<String> TRACK_NAMES = List.of("audio", "cam", "screen", "Screen", "chat");
    public static final int SID_POOL = 12;

    private RulesArbitraries() {
    }

    /** A Twilio-shaped SID: prefix and 32 hex digits, the n-th of its pool. */
    public static String sid(String prefix, int n) {
        return prefix + String.format("%032x", n);
    }

    /** Valid rules only: "all" alone, otherwise at least one of kind, publisher, track. */
    public static Arbitrary<RecordingRule> rules() {
        Arbitrary<RuleType> type = Arbitraries.of(RuleType.class);
        Arbitrary<RecordingRule> all = type.map(t -> new RecordingRule(t, true, null, null, null));
        Arbitrary<RecordingRule> filtered = Combinators.combine(
                type,
                Arbitraries.integers().between(1, 7),
                Arbitraries.of(TrackKind.AUDIO, TrackKind.VIDEO),
                publishers(),
                trackFilters()
        ).as((t, mask, kind, publisher, track) -> new RecordingRule(t, false,
                (mask & 1) != 0 ? kind : null,
                (mask & 2) != 0 ? publisher : null,
                (mask & 4) != 0 ? track : null));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, all),
                net.jqwik.api.Tuple.of(4, filtered));
    }

    public static Arbitrary<RecordingRules> ruleSets() {
        return rules().list().ofMinSize(1).ofMaxSize(RecordingRules.MAX_RULES).map(RecordingRules::new);
    }

    /** An identity, a participant SID of the pool, or someone who is not there. */
    static Arbitrary<String> publishers() {
        return Arbitraries.oneOf(
                Arbitraries.of(IDENTITIES),
                Arbitraries.integers().between(0, SID_POOL - 1).map(n -> sid("PA", n)),
                Arbitraries.of("Dave", "PA" + "f".repeat(32)));
    }

    /** A track name, a track SID of the pool, or a track that is not there. */
    static Arbitrary<String> trackFilters() {
        return Arbitraries.oneOf(
                Arbitraries.of(TRACK_NAMES),
                Arbitraries.integers().between(0, SID_POOL - 1).map(n -> sid("MT", n)),
                Arbitraries.of("nothing", "MT" + "f".repeat(32)));
    }
}
