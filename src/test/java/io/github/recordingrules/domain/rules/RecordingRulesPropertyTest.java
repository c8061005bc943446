package io.github.recordingrules.domain.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.recordingrules.support.property.Gen;
import io.github.recordingrules.support.property.Property;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import static io.github.recordingrules.domain.rules.RulesGenerators.IDENTITIES;
import static io.github.recordingrules.domain.rules.RulesGenerators.SID_POOL;
import static io.github.recordingrules.domain.rules.RulesGenerators.TRACK_NAMES;
import static io.github.recordingrules.domain.rules.RulesGenerators.sid;
import static org.assertj.core.api.Assertions.assertThat;

/** RecordingRules against a literal reading of docs/SPEC.md §3.1, and the wire format against the parser. */
class RecordingRulesPropertyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record RoomAndRules(List<TrackInfo> room, RecordingRules rules) {
    }

    @Test
    void recordingTracksFollowTheSetAlgebraOfTheSpec() {
        Gen<List<TrackInfo>> rooms = rooms();
        Gen<RecordingRules> ruleSets = RulesGenerators.ruleSets();
        Property.check(2000, s -> new RoomAndRules(rooms.generate(s), ruleSets.generate(s)), sample -> {
            List<TrackInfo> room = sample.room();
            RecordingRules rules = sample.rules();
            Set<String> expected = referenceSet(rules.rules(), room);

            Set<String> actual = rules.recordingTracks(room);

            assertThat(actual).isEqualTo(expected);
            // Documented order: the order the tracks were given.
            assertThat(List.copyOf(actual)).isEqualTo(room.stream().map(TrackInfo::sid).filter(expected::contains).toList());
            for (TrackInfo track : room) {
                assertThat(rules.records(track)).as(track.toString()).isEqualTo(expected.contains(track.sid()));
            }
        });
    }

    @Test
    void eachDecisionNamesTheLastMatchingRuleAndAgreesWithTheSet() {
        Gen<List<TrackInfo>> rooms = rooms();
        Gen<RecordingRules> ruleSets = RulesGenerators.ruleSets();
        Property.check(2000, s -> new RoomAndRules(rooms.generate(s), ruleSets.generate(s)), sample -> {
            List<TrackInfo> room = sample.room();
            List<RecordingRule> rules = sample.rules().rules();
            Set<String> recorded = referenceSet(rules, room);

            List<RuleDecision> decisions = sample.rules().decisions(room);

            assertThat(decisions).extracting(RuleDecision::track).containsExactlyElementsOf(room);
            for (RuleDecision decision : decisions) {
                TrackInfo track = decision.track();
                int last = -1;
                for (int i = 0; i < rules.size(); i++) {
                    if (rules.get(i).matches(track)) {
                        last = i;
                    }
                }
                Integer expected = track.kind().recordable() && last >= 0 ? last : null;
                assertThat(decision.ruleIndex()).as(track.toString()).isEqualTo(expected);
                assertThat(decision.rule()).isEqualTo(expected == null ? null : rules.get(expected));
                assertThat(decision.recorded()).as(track.toString()).isEqualTo(recorded.contains(track.sid()));
            }
        });
    }

    /** The rules, and the seed of the Random that decides how a client writes them. */
    private record RulesAndSeed(RecordingRules rules, long seed) {
    }

    @Test
    void renderedRulesParseBackEqual() {
        Gen<RecordingRules> ruleSets = RulesGenerators.ruleSets();
        Property.check(1000, s -> new RulesAndSeed(ruleSets.generate(s), Gen.seeds().generate(s)), sample -> {
            RecordingRules rules = sample.rules();
            Random random = new Random(sample.seed());
            List<Map<String, Object>> wire = new ArrayList<>();
            for (Map<String, Object> rule : rules.toWire()) {
                wire.add(asAClientMightSendIt(rule, random));
            }
            Object document = random.nextBoolean() ? wire : Map.of("rules", wire);
            String json = JSON.writeValueAsString(document);

            RecordingRules parsed = RulesParser.parse(json);

            assertThat(parsed).as(json).isEqualTo(rules);
            assertThat(parsed.toWire()).isEqualTo(rules.toWire());
            // toWire() itself is canonical: type first, then all, kind, publisher, track.
            assertThat(JSON.writeValueAsString(parsed.toWire())).isEqualTo(JSON.writeValueAsString(rules.toWire()));
        });
    }

    /** Members in any order, and, like the Java helper library, absent filters sometimes sent as null. */
    private static Map<String, Object> asAClientMightSendIt(Map<String, Object> rule, Random random) {
        List<Map.Entry<String, Object>> members = new ArrayList<>(rule.entrySet());
        if (random.nextBoolean()) {
            for (String filter : List.of("all", "kind", "publisher", "track")) {
                if (!rule.containsKey(filter)) {
                    members.add(new java.util.AbstractMap.SimpleEntry<>(filter, null));
                }
            }
        }
        Collections.shuffle(members, random);
        Map<String, Object> shuffled = new LinkedHashMap<>();
        members.forEach(m -> shuffled.put(m.getKey(), m.getValue()));
        return shuffled;
    }

    // ---- the reference model: docs/SPEC.md §3.1 word for word, with no shared code --------------

    private static Set<String> referenceSet(List<RecordingRule> rules, List<TrackInfo> room) {
        Set<String> set = new HashSet<>();                     // start from the empty set
        for (RecordingRule rule : rules) {                     // apply the rules in order
            Set<String> matching = new HashSet<>();
            for (TrackInfo track : room) {
                if (matchesEveryFilter(rule, track)) {
                    matching.add(track.sid());
                }
            }
            if (rule.type() == RuleType.INCLUDE) {
                set.addAll(matching);                          // union
            } else {
                set.removeAll(matching);                       // difference
            }
        }
        for (TrackInfo track : room) {
            if (track.kind() == TrackKind.DATA) {
                set.remove(track.sid());                       // data tracks are never recorded
            }
        }
        return set;
    }

    private static boolean matchesEveryFilter(RecordingRule rule, TrackInfo track) {
        List<Boolean> filters = new ArrayList<>();
        if (rule.all()) {
            filters.add(true);
        }
        if (rule.kind() != null) {
            filters.add(rule.kind() == track.kind());
        }
        if (rule.publisher() != null) {
            filters.add(rule.publisher().equals(track.identity()) || rule.publisher().equals(track.participantSid()));
        }
        if (rule.track() != null) {
            filters.add(rule.track().equals(track.name()) || rule.track().equals(track.sid()));
        }
        return !filters.isEmpty() && filters.stream().allMatch(Boolean::booleanValue);
    }

    // ---- generators -----------------------------------------------------------------------------

    private record Publisher(String sid, String identity) {
    }

    /**
     * 1 to 5 participants (identities may repeat or be unknown) and 0 to 12 tracks of any kind, with
     * unique track SIDs drawn from the same pool the rules use, in any order; names may be absent.
     */
    private static Gen<List<TrackInfo>> rooms() {
        List<Integer> pool = IntStream.range(0, SID_POOL).boxed().toList();
        Gen<List<Integer>> participantSids = Gen.subsetOf(pool, 1, 5);
        Gen<List<Integer>> trackSids = Gen.subsetOf(pool, 0, SID_POOL);
        Gen<String> identity = Gen.oneOf(Gen.of(IDENTITIES), Gen.constant(null));
        Gen<String> name = Gen.oneOf(Gen.of(TRACK_NAMES), Gen.constant(null));
        Gen<TrackKind> kind = Gen.of(TrackKind.class);
        return source -> {
            List<Publisher> people = new ArrayList<>();
            for (int n : participantSids.generate(source)) {
                people.add(new Publisher(sid("PA", n), identity.generate(source)));
            }
            List<TrackInfo> tracks = new ArrayList<>();
            for (int n : trackSids.generate(source)) {
                Publisher owner = people.get(source.between(0, people.size() - 1));
                tracks.add(new TrackInfo(sid("MT", n), name.generate(source), kind.generate(source), owner.sid(), owner.identity()));
            }
            return tracks;
        };
    }
}
