package io.github.recordingrules.domain.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static io.github.recordingrules.domain.rules.RulesArbitraries.IDENTITIES;
import static io.github.recordingrules.domain.rules.RulesArbitraries.SID_POOL;
import static io.github.recordingrules.domain.rules.RulesArbitraries.TRACK_NAMES;
import static io.github.recordingrules.domain.rules.RulesArbitraries.sid;
import static org.assertj.core.api.Assertions.assertThat;

/** RecordingRules against a literal reading of docs/SPEC.md §3.1, and the wire format against the parser. */
class RecordingRulesPropertyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Property(tries = 2000)
    void recordingTracksFollowTheSetAlgebraOfTheSpec(@ForAll("rooms") List<TrackInfo> room,
                                                    @ForAll("ruleSets") RecordingRules rules) {
        Set<String> expected = referenceSet(rules.rules(), room);

        Set<String> actual = rules.recordingTracks(room);

        assertThat(actual).isEqualTo(expected);
        // Documented order: the order the tracks were given.
        assertThat(List.copyOf(actual)).isEqualTo(room.stream().map(TrackInfo::sid).filter(expected::contains).toList());
        for (TrackInfo track : room) {
            assertThat(rules.records(track)).as(track.toString()).isEqualTo(expected.contains(track.sid()));
        }
    }

    @Property(tries = 1000)
    void renderedRulesParseBackEqual(@ForAll("ruleSets") RecordingRules rules, @ForAll Random random) throws Exception {
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

    @Provide
    Arbitrary<RecordingRules> ruleSets() {
        return RulesArbitraries.ruleSets();
    }

    private record Publisher(String sid, String identity) {
    }

    /**
     * 1 to 5 participants (identities may repeat or be unknown) and 0 to 12 tracks of any kind, with
     * unique track SIDs drawn from the same pool the rules use; names may be absent.
     */
    @Provide
    Arbitrary<List<TrackInfo>> rooms() {
        Arbitrary<String> identity = Arbitraries.oneOf(Arbitraries.of(IDENTITIES), Arbitraries.just(null));
        Arbitrary<List<Publisher>> publishers = Combinators.combine(
                        Arbitraries.integers().between(0, SID_POOL - 1).set().ofMinSize(1).ofMaxSize(5),
                        identity.list().ofSize(5))
                .as((sids, identities) -> {
                    List<Publisher> result = new ArrayList<>();
                    int i = 0;
                    for (int n : sids) {
                        result.add(new Publisher(sid("PA", n), identities.get(i++)));
                    }
                    return result;
                });
        Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of(TRACK_NAMES), Arbitraries.just(null));
        return publishers.flatMap(people -> Combinators.combine(
                        Arbitraries.integers().between(0, SID_POOL - 1).set().ofMaxSize(SID_POOL),
                        Arbitraries.of(TrackKind.class).list().ofSize(SID_POOL),
                        name.list().ofSize(SID_POOL),
                        Arbitraries.integers().between(0, people.size() - 1).list().ofSize(SID_POOL))
                .as((trackSids, kinds, names, owners) -> {
                    List<TrackInfo> tracks = new ArrayList<>();
                    int i = 0;
                    for (int n : trackSids) {
                        Publisher owner = people.get(owners.get(i));
                        tracks.add(new TrackInfo(sid("MT", n), names.get(i), kinds.get(i), owner.sid(), owner.identity()));
                        i++;
                    }
                    return tracks;
                }));
    }
}
