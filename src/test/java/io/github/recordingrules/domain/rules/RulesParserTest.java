package io.github.recordingrules.domain.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.github.recordingrules.domain.rules.RuleType.EXCLUDE;
import static io.github.recordingrules.domain.rules.RuleType.INCLUDE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** docs/SPEC.md §2 and the seed's valid and invalid examples, one case each. */
class RulesParserTest {

    private static final String INCLUDE_ALL = "{\"type\":\"include\",\"all\":true}";

    private static RecordingRule rule(RuleType type, TrackKind kind, String publisher, String track) {
        return new RecordingRule(type, false, kind, publisher, track);
    }

    private static RecordingRules parse(String json) {
        try {
            return RulesParser.parse(json);
        } catch (InvalidRulesException e) {
            throw new AssertionError("expected valid rules, got: " + e.reason() + " (rule " + e.ruleIndex() + ") for " + json, e);
        }
    }

    private static InvalidRulesException rejected(String json) {
        InvalidRulesException e = catchThrowableOfType(InvalidRulesException.class, () -> RulesParser.parse(json));
        assertThat(e).as("expected %s to be rejected", json).isNotNull();
        assertThat(e.reason()).isNotBlank();
        return e;
    }

    private static String repeat(String rule, int times) {
        return "[" + String.join(",", Collections.nCopies(times, rule)) + "]";
    }

    // ---- valid ----------------------------------------------------------------------------------

    static Stream<Arguments> validRuleSets() {
        return Stream.of(
                arguments("[{\"type\":\"include\",\"all\":true}]",
                        List.of(RecordingRule.includeAll())),
                arguments("[{\"type\":\"exclude\",\"all\":true}]",
                        List.of(new RecordingRule(EXCLUDE, true, null, null, null))),
                arguments("[{\"type\":\"include\",\"kind\":\"audio\"}]",
                        List.of(rule(INCLUDE, TrackKind.AUDIO, null, null))),
                arguments("[{\"type\":\"include\",\"kind\":\"video\"}]",
                        List.of(rule(INCLUDE, TrackKind.VIDEO, null, null))),
                // The seed's "record Alice, and everyone's audio" example.
                arguments("[{\"type\":\"include\",\"publisher\":\"Alice\"},{\"type\":\"include\",\"kind\":\"audio\"}]",
                        List.of(rule(INCLUDE, null, "Alice", null), rule(INCLUDE, TrackKind.AUDIO, null, null))),
                // The seed's first example (rule_1..rule_4).
                arguments("""
                        [{"type": "include", "all": true},
                         {"type": "exclude", "kind": "video"},
                         {"type": "include", "publisher": "Bob", "track": "screen"},
                         {"type": "include", "track": "MT0123456789abcdef0123456789abcdef"}]""",
                        List.of(RecordingRule.includeAll(),
                                rule(EXCLUDE, TrackKind.VIDEO, null, null),
                                rule(INCLUDE, null, "Bob", "screen"),
                                rule(INCLUDE, null, null, "MT0123456789abcdef0123456789abcdef"))),
                // Mislabelled in the seed as "a non supported kind"; docs/SPEC.md §2.8 says it is valid.
                arguments("[{\"type\": \"include\", \"all\": true}, {\"type\": \"exclude\", \"kind\": \"video\"}]",
                        List.of(RecordingRule.includeAll(), rule(EXCLUDE, TrackKind.VIDEO, null, null))),
                // All three non-"all" filters together, type not first.
                arguments("[{\"kind\":\"video\",\"publisher\":\"PA0123456789abcdef0123456789abcdef\",\"track\":\"cam\",\"type\":\"exclude\"}]",
                        List.of(rule(EXCLUDE, TrackKind.VIDEO, "PA0123456789abcdef0123456789abcdef", "cam"))),
                // Identities and names are case sensitive and kept exactly.
                arguments("[{\"type\":\"include\",\"publisher\":\"alice \",\"track\":\"Screen\"}]",
                        List.of(rule(INCLUDE, null, "alice ", "Screen"))),
                arguments("[{\"type\":\"include\",\"publisher\":\"Zo\\u00eb \\\"Z\\\"\"}]",
                        List.of(rule(INCLUDE, null, "Zoë \"Z\"", null))),
                // Whitespace around and inside is not content.
                arguments("  \n[ { \"type\" : \"include\" , \"all\" : true } ]\n\t ",
                        List.of(RecordingRule.includeAll())),
                // The Java helper library wraps the array in {"rules": ...} ...
                arguments("{\"rules\":[{\"type\":\"include\",\"kind\":\"audio\"}]}",
                        List.of(rule(INCLUDE, TrackKind.AUDIO, null, null))),
                // ... and sends every filter it knows of, null where unset: null means absent.
                arguments("{\"rules\":[{\"type\":\"include\",\"all\":true,\"publisher\":null,\"track\":null,\"kind\":null}]}",
                        List.of(RecordingRule.includeAll())),
                arguments("{\"rules\":[{\"type\":\"exclude\",\"all\":null,\"publisher\":\"Bob\",\"track\":null,\"kind\":\"video\"}]}",
                        List.of(rule(EXCLUDE, TrackKind.VIDEO, "Bob", null))),
                arguments("[{\"type\":\"include\",\"all\":null,\"track\":\"screen\"}]",
                        List.of(rule(INCLUDE, null, null, "screen"))));
    }

    @ParameterizedTest
    @MethodSource("validRuleSets")
    void acceptsValidRuleSets(String json, List<RecordingRule> expected) {
        assertThat(parse(json).rules()).containsExactlyElementsOf(expected);
    }

    @Test
    void keepsRulesInOrderAndRendersThemAsTwilioDoes() {
        RecordingRules rules = parse("[{\"track\":\"screen\",\"publisher\":\"Bob\",\"type\":\"include\"},"
                + "{\"type\":\"exclude\",\"kind\":\"audio\",\"publisher\":null},"
                + "{\"all\":true,\"type\":\"include\"}]");

        // toWire() puts type first and leaves out absent filters, whatever order the input had.
        assertThat(rules.toWire()).containsExactly(
                Map.of("type", "include", "publisher", "Bob", "track", "screen"),
                Map.of("type", "exclude", "kind", "audio"),
                Map.of("type", "include", "all", true));
        assertThat(rules.toWire().get(0).keySet()).containsExactly("type", "publisher", "track");
    }

    @Test
    void acceptsTwentyRules() {
        String twenty = repeat("{\"type\":\"include\",\"kind\":\"audio\"}", 19).replace("]", "," + INCLUDE_ALL + "]");

        RecordingRules rules = parse(twenty);

        assertThat(rules.rules()).hasSize(20);
        assertThat(rules.rules().get(19)).isEqualTo(RecordingRule.includeAll());
    }

    // ---- invalid: the rule set as a whole (no single rule to blame) -----------------------------

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {
            "",
            "   ",
            "[]",
            "{\"rules\":[]}",
            // Not an array (nor the wrapper).
            "{\"type\":\"include\",\"all\":true}",
            "\"[{\\\"type\\\":\\\"include\\\",\\\"all\\\":true}]\"",
            "true",
            "null",
            "20",
            // Malformed JSON.
            "[{\"type\":\"include\",\"all\":true}",
            "[{\"type\":\"include\",\"all\":true},]",
            "[{\"type\":\"include\" \"all\":true}]",
            "[{'type':'include','all':true}]",
            "[{type:\"include\",all:true}]",
            "[{\"type\":\"include\",\"all\":TRUE}]",
            "[{\"type\":\"include\",\"all\":true} // rule_1\n]",
            "not json",
            // Trailing garbage after a valid array.
            "[{\"type\":\"include\",\"all\":true}] x",
            "[{\"type\":\"include\",\"all\":true}]]",
            "[{\"type\":\"include\",\"all\":true}],[{\"type\":\"include\",\"all\":true}]",
            "[{\"type\":\"include\",\"all\":true}]{}",
            "[{\"type\":\"include\",\"all\":true}] null",
            // The wrapper: only "rules", exactly once, holding an array.
            "{}",
            "{\"rules\":null}",
            "{\"rules\":{\"type\":\"include\",\"all\":true}}",
            "{\"rules\":\"[{\\\"type\\\":\\\"include\\\",\\\"all\\\":true}]\"}",
            "{\"Rules\":[{\"type\":\"include\",\"all\":true}]}",
            "{\"rules\":[{\"type\":\"include\",\"all\":true}],\"extra\":1}",
            "{\"extra\":null,\"rules\":[{\"type\":\"include\",\"all\":true}]}",
            "{\"rules\":[{\"type\":\"include\",\"all\":true}],\"rules\":[{\"type\":\"include\",\"all\":true}]}",
            "{\"rules\":[{\"type\":\"include\",\"all\":true}]} x",
    })
    void rejectsMalformedRuleSets(String json) {
        rejected(json);
    }

    @Test
    void rejectsTwentyOneRules() {
        InvalidRulesException e = rejected(repeat(INCLUDE_ALL, 21));

        assertThat(e.ruleIndex()).as("the size is the problem, not a rule").isNull();
    }

    @Test
    void rejectsTwentyOneRulesInTheWrapper() {
        rejected("{\"rules\":" + repeat(INCLUDE_ALL, 21) + "}");
    }

    @Test
    void rejectsTheEmptySetAsASetProblem() {
        assertThat(rejected("[]").ruleIndex()).isNull();
    }

    // ---- invalid: one rule is wrong, and the error says which ------------------------------------

    static Stream<Arguments> invalidRules() {
        return Stream.of(
                // "all" accepts only JSON true, alone (seed's invalid examples).
                "{\"type\":\"include\",\"all\":false}",
                "{\"type\":\"include\",\"all\":\"true\"}",
                "{\"type\":\"include\",\"all\":1}",
                "{\"type\":\"include\",\"all\":[true]}",
                "{\"type\":\"include\",\"all\":{}}",
                "{\"type\":\"include\",\"all\":\"true\",\"kind\":\"audio\"}",
                "{\"type\":\"include\",\"all\":true,\"kind\":\"audio\"}",
                "{\"type\":\"exclude\",\"all\":true,\"publisher\":\"Alice\"}",
                "{\"type\":\"include\",\"track\":\"screen\",\"all\":true}",
                // Unsupported kinds.
                "{\"type\":\"include\",\"kind\":\"wideo\"}",
                "{\"type\":\"include\",\"kind\":\"data\"}",
                "{\"type\":\"include\",\"kind\":\"Audio\"}",
                "{\"type\":\"include\",\"kind\":\"VIDEO\"}",
                "{\"type\":\"include\",\"kind\":\" audio\"}",
                // type: required, exact and lower case, a string.
                "{\"all\":true}",
                "{\"kind\":\"audio\"}",
                "{\"type\":\"Include\",\"all\":true}",
                "{\"type\":\"EXCLUDE\",\"all\":true}",
                "{\"type\":\"includes\",\"all\":true}",
                "{\"type\":\"\",\"all\":true}",
                "{\"type\":1,\"all\":true}",
                "{\"type\":true,\"all\":true}",
                "{\"type\":null,\"all\":true}",
                "{\"type\":[\"include\"],\"all\":true}",
                // Filter values: non-empty strings only.
                "{\"type\":\"include\",\"kind\":1}",
                "{\"type\":\"include\",\"kind\":[\"audio\"]}",
                "{\"type\":\"include\",\"kind\":{\"audio\":true}}",
                "{\"type\":\"include\",\"kind\":\"\"}",
                "{\"type\":\"include\",\"kind\":true}",
                "{\"type\":\"include\",\"publisher\":42}",
                "{\"type\":\"include\",\"publisher\":4.2}",
                "{\"type\":\"include\",\"publisher\":[\"Alice\"]}",
                "{\"type\":\"include\",\"publisher\":{\"identity\":\"Alice\"}}",
                "{\"type\":\"include\",\"publisher\":\"\"}",
                "{\"type\":\"include\",\"publisher\":false}",
                "{\"type\":\"include\",\"track\":7}",
                "{\"type\":\"include\",\"track\":[\"screen\"]}",
                "{\"type\":\"include\",\"track\":{}}",
                "{\"type\":\"include\",\"track\":\"\"}",
                "{\"type\":\"include\",\"kind\":\"audio\",\"track\":\"\"}",
                // Unknown members, including near misses and a null-valued one.
                "{\"type\":\"include\",\"all\":true,\"name\":\"x\"}",
                "{\"type\":\"include\",\"Kind\":\"audio\"}",
                "{\"type\":\"include\",\"participant\":\"Alice\"}",
                "{\"type\":\"include\",\"kind\":\"audio\",\"unknown\":null}",
                "{\"Type\":\"include\",\"all\":true}",
                // No filter at all, or only null ones.
                "{\"type\":\"include\"}",
                "{\"type\":\"exclude\"}",
                "{\"type\":\"include\",\"publisher\":null,\"track\":null,\"kind\":null}",
                "{\"type\":\"include\",\"all\":null,\"publisher\":null,\"track\":null,\"kind\":null}",
                "{}",
                // Not an object.
                "\"include\"",
                "1",
                "null",
                "true",
                "[{\"type\":\"include\",\"all\":true}]"
        ).map(Arguments::arguments);
    }

    @ParameterizedTest
    @MethodSource("invalidRules")
    void rejectsAnInvalidRuleAndNamesIt(String badRule) {
        // Alone, as the first rule ...
        assertThat(rejected("[" + badRule + "]").ruleIndex()).isZero();
        // ... after valid rules, the index points at it ...
        assertThat(rejected("[" + INCLUDE_ALL + ",{\"type\":\"exclude\",\"kind\":\"video\"}," + badRule + "]").ruleIndex())
                .isEqualTo(2);
        // ... and valid rules after it do not save the set, in the wrapper too.
        assertThat(rejected("{\"rules\":[" + badRule + "," + INCLUDE_ALL + "]}").ruleIndex()).isZero();
    }

    @Test
    void rejectsTheHelperLibraryShapeWhenEveryFilterIsNull() {
        rejected("{\"rules\":[{\"type\":\"include\",\"all\":null,\"publisher\":null,\"track\":null,\"kind\":null}]}");
    }

    // ---- invalid: a filter or member twice (must not be "last one wins") ------------------------

    @ParameterizedTest
    @ValueSource(strings = {
            // The seed's example.
            "[{\"type\": \"include\", \"kind\": \"audio\", \"kind\": \"video\"}]",
            // Same value twice is still twice.
            "[{\"type\":\"include\",\"kind\":\"audio\",\"kind\":\"audio\"}]",
            "[{\"type\":\"include\",\"publisher\":\"Alice\",\"publisher\":\"Bob\"}]",
            "[{\"type\":\"include\",\"track\":\"cam\",\"kind\":\"video\",\"track\":\"screen\"}]",
            "[{\"type\":\"include\",\"all\":true,\"all\":true}]",
            "[{\"type\":\"include\",\"type\":\"exclude\",\"all\":true}]",
            // A null first then a value: still a repeated filter.
            "[{\"type\":\"include\",\"kind\":null,\"kind\":\"audio\"}]",
            "[{\"type\":\"include\",\"all\":true}, {\"type\":\"include\",\"kind\":\"video\",\"kind\":\"audio\"}]",
            "{\"rules\":[{\"type\":\"include\",\"publisher\":\"Alice\",\"publisher\":\"Alice\"}]}",
    })
    void rejectsRepeatedMembers(String json) {
        rejected(json);
    }

    @Test
    void rejectsInvalidInputWithoutLettingAnyRuleThrough() {
        // A checked exception and no partial result: the caller keeps the rules in force.
        InvalidRulesException e = rejected("[" + INCLUDE_ALL + ",{\"type\":\"include\",\"kind\":\"wideo\"}]");

        assertThat(e.ruleIndex()).isEqualTo(1);
        assertThat(e.reason()).contains("kind");
    }
}
