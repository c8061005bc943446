package io.github.recordingrules.domain.rules;

import io.github.recordingrules.support.property.Gen;

import java.util.List;

import static io.github.recordingrules.support.property.Gen.weighted;

/**
 * Generators shared by the property tests. Identities, names and SIDs come from small pools so that
 * filters often hit, names collide, and SIDs used in rules exist in the room.
 */
public final class RulesGenerators {

    public static final List<String> IDENTITIES = List.of("Alice", "Bob", "Carl", "alice");
    public static final List<String> TRACK_NAMES = List.of("audio", "cam", "screen", "Screen", "chat");
    public static final int SID_POOL = 12;

    private RulesGenerators() {
    }

    /** A Twilio-shaped SID: prefix and 32 hex digits, the n-th of its pool. */
    public static String sid(String prefix, int n) {
        return prefix + String.format("%032x", n);
    }

    /** Valid rules only: "all" alone, otherwise at least one of kind, publisher, track. */
    public static Gen<RecordingRule> rules() {
        Gen<RuleType> type = Gen.of(RuleType.class);
        Gen<RecordingRule> all = type.map(t -> new RecordingRule(t, true, null, null, null));
        Gen<TrackKind> kind = Gen.of(TrackKind.AUDIO, TrackKind.VIDEO);
        Gen<String> publisher = publishers();
        Gen<String> track = trackFilters();
        Gen<RecordingRule> filtered = source -> {
            RuleType t = type.generate(source);
            int mask = source.between(1, 7);
            return new RecordingRule(t, false,
                    (mask & 1) != 0 ? kind.generate(source) : null,
                    (mask & 2) != 0 ? publisher.generate(source) : null,
                    (mask & 4) != 0 ? track.generate(source) : null);
        };
        return Gen.frequency(weighted(1, all), weighted(4, filtered));
    }

    public static Gen<RecordingRules> ruleSets() {
        return rules().list(1, RecordingRules.MAX_RULES).map(RecordingRules::new);
    }

    /** An identity, a participant SID of the pool, or someone who is not there. */
    static Gen<String> publishers() {
        return Gen.oneOf(
                Gen.of(IDENTITIES),
                Gen.ints(0, SID_POOL - 1).map(n -> sid("PA", n)),
                Gen.of("Dave", "PA" + "f".repeat(32)));
    }

    /** A track name, a track SID of the pool, or a track that is not there. */
    static Gen<String> trackFilters() {
        return Gen.oneOf(
                Gen.of(TRACK_NAMES),
                Gen.ints(0, SID_POOL - 1).map(n -> sid("MT", n)),
                Gen.of("nothing", "MT" + "f".repeat(32)));
    }
}
