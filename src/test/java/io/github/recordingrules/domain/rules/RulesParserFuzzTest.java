package io.github.recordingrules.domain.rules;

import io.github.recordingrules.domain.Limits;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes {@link RulesParser} with arbitrary text: random JSON (deeply nested, huge numbers, duplicate
 * keys, any unicode, bad escapes), near-valid rule sets with one edit, and random bytes. Whatever the
 * input, the parser answers a valid rule set or {@link InvalidRulesException}; any other exception
 * fails the property. A rule set it accepts obeys docs/SPEC.md §2 and renders back to itself.
 */
class RulesParserFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger INPUTS = new AtomicInteger();
    private static final AtomicInteger ACCEPTED = new AtomicInteger();

    private static final List<String> KEYS = List.of("type", "all", "kind", "publisher", "track", "rules", "Type",
            "", "type ", "\u0000", "tÿpe", "__proto__", "\uD83D\uDE00");
    private static final List<String> TOKENS = List.of("true", "false", "null", "0", "-0", "1e999999999",
            "-1E-999999999", "123456789012345678901234567890123456789012345678901234567890", "1.5", "01", "NaN",
            "Infinity", "\"include\"", "\"exclude\"", "\"audio\"", "\"video\"", "\"data\"", "\"wideo\"", "\"\"",
            "\"Alice\"", "\"PA" + "0".repeat(32) + "\"", "\"MT" + "f".repeat(32) + "\"", "\"\\u0000\"", "\"\\uD800\"",
            "\"\\x41\"", "\"a\\\"b\"", "'single'", "tru", "nul", "\"\\u12\"", "[]", "{}", "\"" + "x".repeat(5000) + "\"");

    private static void check(String input) throws Exception {
        INPUTS.incrementAndGet();
        RecordingRules rules;
        try {
            rules = RulesParser.parse(input);
        } catch (InvalidRulesException refused) {
            assertThat(refused.reason()).as("reason for %s", input).isNotBlank();
            return;
        }
        ACCEPTED.incrementAndGet();
        assertThat(rules.rules()).hasSizeBetween(1, RecordingRules.MAX_RULES);
        for (RecordingRule rule : rules.rules()) {
            assertThat(rule.type()).isNotNull();
            boolean other = rule.kind() != null || rule.publisher() != null || rule.track() != null;
            assertThat(rule.all() ^ other).as("all alone, or at least one other filter: %s", rule).isTrue();
            if (rule.kind() != null) {
                assertThat(rule.kind()).isIn(TrackKind.AUDIO, TrackKind.VIDEO);
            }
            for (String filter : new String[]{rule.publisher(), rule.track()}) {
                if (filter != null) {
                    assertThat(filter.length()).isBetween(1, Limits.NAME);
                }
            }
        }
        assertThat(RulesParser.parse(JSON.writeValueAsString(rules.toWire()))).isEqualTo(rules);
    }

    @Property(tries = 5000)
    void arbitraryJsonIsAValidRuleSetOrInvalidRules(@ForAll("json") String input) throws Exception {
        check(input);
    }

    @Property(tries = 3000)
    void aRuleSetWithOneEditIsAValidRuleSetOrInvalidRules(@ForAll("edited") String input) throws Exception {
        check(input);
    }

    @Property(tries = 1500)
    void randomBytesAreInvalidRules(@ForAll("bytes") String input) throws Exception {
        check(input);
    }

    @Property(tries = 500)
    void deepNestingIsInvalidRulesNotAStackOverflow(@ForAll("deep") String input) throws Exception {
        check(input);
    }

    @AfterContainer
    static void report() {
        System.out.printf("RulesParserFuzzTest: %d generated inputs, %d accepted as valid rule sets%n",
                INPUTS.get(), ACCEPTED.get());
    }

    @Provide
    Arbitrary<String> json() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, value(4)),
                net.jqwik.api.Tuple.of(3, ruleSet(ruleish())),
                net.jqwik.api.Tuple.of(1, ruleSet(ruleish()).map(rules -> "{\"rules\":" + rules + "}")),
                net.jqwik.api.Tuple.of(1, Combinators.combine(ruleSet(ruleish()), ruleSet(ruleish()))
                        .as((a, b) -> "{\"rules\":" + a + ",\"rules\":" + b + "}")));
    }

    @Provide
    Arbitrary<String> edited() {
        Arbitrary<String> valid = ruleSet(validRule());
        Arbitrary<String> inserted = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(3);
        return Combinators.combine(valid, Arbitraries.integers().between(0, 10_000), Arbitraries.integers().between(0, 3),
                inserted).as((text, at, how, insert) -> {
                    int position = at % (text.length() + 1);
                    return switch (how) {
                        case 0 -> text.substring(0, position) + insert + text.substring(position);
                        case 1 -> position == text.length() ? text
                                : text.substring(0, position) + text.substring(position + 1);
                        case 2 -> position == text.length() ? text + insert
                                : text.substring(0, position) + insert + text.substring(position + 1);
                        default -> text;
                    };
                });
    }

    @Provide
    Arbitrary<String> bytes() {
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        return Combinators.combine(raw, Arbitraries.of(StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1,
                StandardCharsets.UTF_16)).as((b, charset) -> new String(b, charset));
    }

    @Provide
    Arbitrary<String> deep() {
        return Combinators.combine(Arbitraries.integers().between(1, 20_000), Arbitraries.of("[", "{\"rules\":",
                        "[{\"type\":\"include\",\"kind\":", "{\"a\":", "[{\"type\":"), Arbitraries.of(true, false))
                .as((depth, open, closed) -> {
                    String close = open.startsWith("[") ? "]" : "}";
                    return open.repeat(depth) + (closed ? close.repeat(depth) : "");
                });
    }

    /** A random JSON value, sometimes with a syntax slip, at most {@code depth} levels deep. */
    private static Arbitrary<String> value(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(Arbitraries.of(TOKENS), jsonString(),
                Arbitraries.bigIntegers().between(java.math.BigInteger.TEN.pow(400).negate(), java.math.BigInteger.TEN.pow(400))
                        .map(Object::toString),
                Arbitraries.doubles().map(Object::toString));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> element = Arbitraries.lazy(() -> value(depth - 1));
        Arbitrary<String> array = element.list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]");
        Arbitrary<String> object = Combinators.combine(Arbitraries.oneOf(Arbitraries.of(KEYS), jsonStringBody()), element)
                .as((key, value) -> "\"" + key + "\":" + value)
                .list().ofMaxSize(5).map(members -> "{" + String.join(",", members) + "}");
        Arbitrary<String> slip = Combinators.combine(Arbitraries.oneOf(array, object), Arbitraries.of("", ",", "]", "}",
                ":", "\"", " ", "\u00a0", "\uFEFF")).as((text, extra) -> text + extra);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, scalar), net.jqwik.api.Tuple.of(3, array),
                net.jqwik.api.Tuple.of(3, object), net.jqwik.api.Tuple.of(1, slip));
    }

    private static Arbitrary<String> jsonString() {
        return jsonStringBody().map(body -> "\"" + body + "\"");
    }

    /** The inside of a JSON string: any characters (lone surrogates, controls included), escaped or not. */
    private static Arbitrary<String> jsonStringBody() {
        return Arbitraries.strings().all().ofMaxLength(12).map(text -> Math.floorMod(text.hashCode(), 3) == 0
                ? text : text.chars().mapToObj(c -> c == '"' || c == '\\' ? "\\" + (char) c
                        : c < 0x20 || Character.isSurrogate((char) c) ? String.format("\\u%04x", c)
                        : String.valueOf((char) c)).collect(Collectors.joining()));
    }

    /** An object that looks like a rule: known members, mostly plausible values, sometimes repeated. */
    private static Arbitrary<String> ruleish() {
        Arbitrary<String> member = Combinators.combine(Arbitraries.of(KEYS), Arbitraries.oneOf(Arbitraries.of(TOKENS),
                jsonString(), Arbitraries.lazy(() -> value(1)))).as((key, value) -> "\"" + key + "\":" + value);
        Arbitrary<String> typed = Combinators.combine(Arbitraries.of("\"include\"", "\"exclude\""), member.list().ofMaxSize(3))
                .as((type, members) -> "{\"type\":" + type + (members.isEmpty() ? "" : ",") + String.join(",", members) + "}");
        return Arbitraries.oneOf(typed, member.list().ofMaxSize(4).map(members -> "{" + String.join(",", members) + "}"),
                validRule());
    }

    private static Arbitrary<String> validRule() {
        return RulesArbitraries.rules().map(rule -> {
            try {
                return JSON.writeValueAsString(rule.toWire());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Arbitrary<String> ruleSet(Arbitrary<String> rule) {
        return rule.list().ofMinSize(0).ofMaxSize(22).map(rules -> "[" + String.join(",", rules) + "]");
    }
}
