package io.github.recordingrules.domain.rules;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;

import io.github.recordingrules.domain.Limits;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The strict reader of a {@code Rules} (or {@code RecordingRules}) value, docs/SPEC.md §2.
 * <p>
 * It reads the JSON tokens itself instead of binding to objects, so that a repeated key is an
 * error rather than "last one wins", and so that a value of the wrong JSON type is never coerced.
 * Accepted: an array of 1 to 20 rules, or {@code {"rules": [...]}} as the Java helper library sends
 * it; a filter whose value is {@code null} counts as absent.
 */
public final class RulesParser {


    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build();

    private RulesParser() {
    }

    public static RecordingRules parse(String json) throws InvalidRulesException {
        if (json == null || json.isBlank()) {
            throw new InvalidRulesException(null, "Rules is missing");
        }
        try (JsonParser parser = JSON.createParser(json)) {
            JsonToken first = parser.nextToken();
            List<RecordingRule> rules;
            if (first == JsonToken.START_ARRAY) {
                rules = readRules(parser);
            } else if (first == JsonToken.START_OBJECT) {
                rules = readWrapper(parser);
            } else {
                throw new InvalidRulesException(null, "Rules must be a JSON array of rules");
            }
            if (parser.nextToken() != null) {
                throw new InvalidRulesException(null, "unexpected content after the rules");
            }
            return new RecordingRules(rules);
        } catch (JsonParseException e) {
            throw new InvalidRulesException(null, describe(e));
        } catch (IOException e) {
            throw new InvalidRulesException(null, "Rules is not valid JSON");
        }
    }

    private static List<RecordingRule> readWrapper(JsonParser parser) throws IOException, InvalidRulesException {
        List<RecordingRule> rules = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (!"rules".equals(name)) {
                throw new InvalidRulesException(null, "unknown member \"" + name + "\"; expected \"rules\"");
            }
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new InvalidRulesException(null, "\"rules\" must be an array");
            }
            rules = readRules(parser);
        }
        if (rules == null) {
            throw new InvalidRulesException(null, "\"rules\" is missing");
        }
        return rules;
    }

    private static List<RecordingRule> readRules(JsonParser parser) throws IOException, InvalidRulesException {
        List<RecordingRule> rules = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            int index = rules.size();
            if (index == RecordingRules.MAX_RULES) {
                throw new InvalidRulesException(null, "more than " + RecordingRules.MAX_RULES + " rules");
            }
            if (token != JsonToken.START_OBJECT) {
                throw new InvalidRulesException(index, "a rule must be a JSON object");
            }
            rules.add(readRule(parser, index));
        }
        if (rules.isEmpty()) {
            throw new InvalidRulesException(null, "the rule set is empty");
        }
        return rules;
    }

    private static RecordingRule readRule(JsonParser parser, int index) throws IOException, InvalidRulesException {
        RuleType type = null;
        boolean all = false;
        TrackKind kind = null;
        String publisher = null;
        String track = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "type" -> {
                    type = value == JsonToken.VALUE_STRING ? RuleType.fromWireName(parser.getText()) : null;
                    if (type == null) {
                        throw new InvalidRulesException(index, "\"type\" must be \"include\" or \"exclude\"");
                    }
                }
                case "all" -> {
                    if (value == JsonToken.VALUE_FALSE || (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_NULL)) {
                        throw new InvalidRulesException(index, "\"all\" only accepts the value true");
                    }
                    all = value == JsonToken.VALUE_TRUE;
                }
                case "kind" -> {
                    String text = filterText(parser, value, index, name);
                    if (text != null) {
                        kind = TrackKind.fromWireName(text);
                        if (kind == null || !kind.recordable()) {
                            throw new InvalidRulesException(index, "\"kind\" must be \"audio\" or \"video\"");
                        }
                    }
                }
                case "publisher" -> publisher = filterText(parser, value, index, name);
                case "track" -> track = filterText(parser, value, index, name);
                default -> throw new InvalidRulesException(index, "unknown member \"" + name + "\"");
            }
        }
        if (type == null) {
            throw new InvalidRulesException(index, "\"type\" is missing");
        }
        boolean hasOtherFilter = kind != null || publisher != null || track != null;
        if (all && hasOtherFilter) {
            throw new InvalidRulesException(index, "\"all\" cannot be combined with another filter");
        }
        if (!all && !hasOtherFilter) {
            throw new InvalidRulesException(index, "a rule needs at least one filter: all, kind, publisher or track");
        }
        return new RecordingRule(type, all, kind, publisher, track);
    }

    /** A filter's string value; null when the value is JSON null (absent). */
    private static String filterText(JsonParser parser, JsonToken value, int index, String name)
            throws IOException, InvalidRulesException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING || parser.getTextLength() == 0) {
            throw new InvalidRulesException(index, "\"" + name + "\" must be a non-empty string");
        }
        String text = parser.getText();
        if (text.length() > Limits.NAME) {
            throw new InvalidRulesException(index, "\"" + name + "\" must be at most " + Limits.NAME + " characters");
        }
        if (hasLoneSurrogate(text)) {
            throw new InvalidRulesException(index, "\"" + name + "\" is not valid Unicode: it holds half of a surrogate pair");
        }
        return text;
    }

    /** A JSON escape (a backslash, u and four hex digits) can spell half of a surrogate pair; no name holds one. */
    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(JsonParseException e) {
        String message = e.getOriginalMessage();
        if (message != null && message.startsWith("Duplicate field")) {
            return "a filter appears twice in one rule: " + message.substring("Duplicate field ".length());
        }
        return "Rules is not valid JSON";
    }
}
