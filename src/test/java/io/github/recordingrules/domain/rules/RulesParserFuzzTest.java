package io.github.recordingrules.domain.rules;

import io.github.recordingrules.domain.Limits;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.recordingrules.support.property.Gen;
import io.github.recordingrules.support.property.Property;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static io.github.recordingrules.support.property.Gen.weighted;
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
    private static final Gen<Character> ANY_CHAR = Gen.chars(Character.MIN_VALUE, Character.MAX_VALUE);

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

    @Test
    void arbitraryJsonIsAValidRuleSetOrInvalidRules() {
        Property.check(5000, json(), RulesParserFuzzTest::check);
    }

    @Test
    void aRuleSetWithOneEditIsAValidRuleSetOrInvalidRules() {
        Property.check(3000, edited(), RulesParserFuzzTest::check);
    }

    @Test
    void randomBytesAreInvalidRules() {
        Property.check(1500, bytes(), RulesParserFuzzTest::check);
    }

    @Test
    void deepNestingIsInvalidRulesNotAStackOverflow() {
        Property.check(500, deep(), RulesParserFuzzTest::check);
    }

    @AfterAll
    static void report() {
        System.out.printf("RulesParserFuzzTest: %d generated inputs, %d accepted as valid rule sets%n",
                INPUTS.get(), ACCEPTED.get());
    }

    private static Gen<String> json() {
        Gen<String> rules = ruleSet(ruleish());
        return Gen.frequency(
                weighted(3, value(4)),
                weighted(3, rules),
                weighted(1, rules.map(r -> "{\"rules\":" + r + "}")),
                weighted(1, source -> "{\"rules\":" + rules.generate(source) + ",\"rules\":" + rules.generate(source) + "}"));
    }

    private static Gen<String> edited() {
        Gen<String> valid = ruleSet(validRule());
        Gen<String> inserted = Gen.strings(ANY_CHAR, 1, 3);
        return source -> {
            String text = valid.generate(source);
            int position = source.between(0, text.length());
            return switch (source.between(0, 3)) {
                case 0 -> text.substring(0, position) + inserted.generate(source) + text.substring(position);
                case 1 -> position == text.length() ? text
                        : text.substring(0, position) + text.substring(position + 1);
                case 2 -> position == text.length() ? text + inserted.generate(source)
                        : text.substring(0, position) + inserted.generate(source) + text.substring(position + 1);
                default -> text;
            };
        };
    }

    private static Gen<String> bytes() {
        Gen<Charset> charset = Gen.of(StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1, StandardCharsets.UTF_16);
        return source -> {
            byte[] raw = new byte[source.between(0, 300)];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = (byte) source.between(Byte.MIN_VALUE, Byte.MAX_VALUE);
            }
            return new String(raw, charset.generate(source));
        };
    }

    private static Gen<String> deep() {
        Gen<String> opening = Gen.of("[", "{\"rules\":", "[{\"type\":\"include\",\"kind\":", "{\"a\":", "[{\"type\":");
        return source -> {
            int depth = source.between(1, 20_000);
            String open = opening.generate(source);
            boolean closed = source.nextBoolean();
            String close = open.startsWith("[") ? "]" : "}";
            return open.repeat(depth) + (closed ? close.repeat(depth) : "");
        };
    }

    /** A random JSON value, sometimes with a syntax slip, at most {@code depth} levels deep. */
    private static Gen<String> value(int depth) {
        Gen<String> scalar = Gen.oneOf(Gen.of(TOKENS), jsonString(), bigIntegers(), doubles());
        if (depth == 0) {
            return scalar;
        }
        Gen<String> element = value(depth - 1);
        Gen<String> array = element.list(0, 4).map(items -> "[" + String.join(",", items) + "]");
        Gen<String> key = Gen.oneOf(Gen.of(KEYS), jsonStringBody());
        Gen<String> object = ((Gen<String>) source -> "\"" + key.generate(source) + "\":" + element.generate(source))
                .list(0, 5).map(members -> "{" + String.join(",", members) + "}");
        Gen<String> container = Gen.oneOf(array, object);
        Gen<String> extra = Gen.of("", ",", "]", "}", ":", "\"", " ", "\u00a0", "\uFEFF");
        Gen<String> slip = source -> container.generate(source) + extra.generate(source);
        return Gen.frequency(weighted(3, scalar), weighted(3, array), weighted(3, object), weighted(1, slip));
    }

    /** Integers up to 400 digits, either sign. */
    private static Gen<String> bigIntegers() {
        return source -> {
            StringBuilder digits = new StringBuilder();
            int length = source.between(1, 400);
            for (int i = 0; i < length; i++) {
                digits.append((char) ('0' + source.between(0, 9)));
            }
            BigInteger value = new BigInteger(digits.toString());
            return (source.nextBoolean() ? value.negate() : value).toString();
        };
    }

    /** Any finite or infinite double of either sign (every exponent equally likely), or a short decimal. */
    private static Gen<String> doubles() {
        Gen<Double> anyBits = source -> (source.nextBoolean() ? -1 : 1)
                * Double.longBitsToDouble(source.below(Double.doubleToLongBits(Double.POSITIVE_INFINITY) + 1));
        Gen<Double> decimal = Gen.ints(-1_000_000, 1_000_000).map(n -> n / 100.0);
        return Gen.oneOf(anyBits, decimal).map(Object::toString);
    }

    private static Gen<String> jsonString() {
        return jsonStringBody().map(body -> "\"" + body + "\"");
    }

    /** The inside of a JSON string: any characters (lone surrogates, controls included), escaped or not. */
    private static Gen<String> jsonStringBody() {
        return Gen.strings(ANY_CHAR, 0, 12).map(text -> Math.floorMod(text.hashCode(), 3) == 0
                ? text : text.chars().mapToObj(c -> c == '"' || c == '\\' ? "\\" + (char) c
                        : c < 0x20 || Character.isSurrogate((char) c) ? String.format("\\u%04x", c)
                        : String.valueOf((char) c)).collect(Collectors.joining()));
    }

    /** An object that looks like a rule: known members, mostly plausible values, sometimes repeated. */
    private static Gen<String> ruleish() {
        Gen<String> key = Gen.of(KEYS);
        Gen<String> memberValue = Gen.oneOf(Gen.of(TOKENS), jsonString(), value(1));
        Gen<String> member = source -> "\"" + key.generate(source) + "\":" + memberValue.generate(source);
        Gen<String> type = Gen.of("\"include\"", "\"exclude\"");
        Gen<List<String>> members = member.list(0, 3);
        Gen<String> typed = source -> {
            String t = type.generate(source);
            List<String> rest = members.generate(source);
            return "{\"type\":" + t + (rest.isEmpty() ? "" : ",") + String.join(",", rest) + "}";
        };
        return Gen.oneOf(typed, member.list(0, 4).map(m -> "{" + String.join(",", m) + "}"), validRule());
    }

    private static Gen<String> validRule() {
        return RulesGenerators.rules().map(rule -> {
            try {
                return JSON.writeValueAsString(rule.toWire());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Gen<String> ruleSet(Gen<String> rule) {
        return rule.list(0, 22).map(rules -> "[" + String.join(",", rules) + "]");
    }
}
