package io.github.recordingrules.support;

import io.github.recordingrules.domain.Limits;
import io.github.recordingrules.domain.rules.RecordingRules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * How the official helper libraries encode a rule set for the {@code Rules} parameter, written out here so
 * that the limits can be checked against the largest valid set in each (docs/SPEC.md §2.5, §6.3):
 * Python's {@code json.dumps} (twilio-python's {@code serialize.object}) separates with {@code ", "} and
 * {@code ": "} and writes every non-ASCII UTF-16 unit as a six-character {@code \}{@code uXXXX} escape;
 * Java's Jackson and Node's {@code JSON.stringify} write compact JSON with the characters as they are.
 */
public final class OfficialEncodings {

    private OfficialEncodings() {
    }

    /**
     * The largest valid rule set: as many rules as a set holds, each with every member (a null {@code all}
     * counts as absent) and the longest {@code publisher} and {@code track}, of characters that take three
     * bytes in UTF-8 and an escape in Python's JSON.
     */
    public static Map<String, Object> largestRuleSet() {
        List<Map<String, Object>> rules = IntStream.range(0, RecordingRules.MAX_RULES).mapToObj(i -> {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("type", "include");
            rule.put("all", null);
            rule.put("kind", "video");
            rule.put("publisher", String.valueOf((char) (0x4E00 + i)).repeat(Limits.NAME));
            rule.put("track", String.valueOf((char) (0x5E00 + i)).repeat(Limits.NAME));
            return rule;
        }).toList();
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("rules", rules);
        return set;
    }

    /** {@code json.dumps(value)} with Python's defaults. */
    public static String pythonJson(Object value) {
        return json(value, ", ", ": ", true);
    }

    /** Compact JSON, characters as they are (Jackson's and JSON.stringify's defaults). */
    public static String compactJson(Object value) {
        return json(value, ",", ":", false);
    }

    private static String json(Object value, String comma, String colon, boolean asciiOnly) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String text) {
            return string(text, asciiOnly);
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream()
                    .map(e -> string((String) e.getKey(), asciiOnly) + colon + json(e.getValue(), comma, colon, asciiOnly))
                    .collect(Collectors.joining(comma, "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> json(v, comma, colon, asciiOnly)).collect(Collectors.joining(comma, "[", "]"));
        }
        return String.valueOf(value);
    }

    private static String string(String text, boolean asciiOnly) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || (asciiOnly && c > 0x7F)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
