package io.github.recordingrules.domain;

/** The size limits of what callers send, in characters (docs/SPEC.md §10.1). */
public final class Limits {

    /**
     * A unique name, an identity, a track name, a SID or any callback value: nothing the function
     * compares is longer, so a longer {@code publisher} or {@code track} filter could never match.
     */
    public static final int NAME = 256;

    /** Rules in one set. */
    public static final int RULES_PER_SET = 20;

    /** {@code {"rules": [} and {@code ]}}, around the rules. */
    private static final int WRAPPER = 13;
    /** A rule with every member, its names empty: {@code {"type": "include", "all": null, "kind": "video", "publisher": "", "track": ""}}. */
    private static final int RULE_MEMBERS = 79;
    /** One UTF-16 unit as Python's {@code json.dumps} escapes it: a backslash, {@code u} and four hex digits. */
    private static final int ESCAPED_UNIT = 6;
    /** {@code ", "} between two rules. */
    private static final int SEPARATOR = 2;

    /**
     * A {@code Rules} or {@code RecordingRules} value: exactly the largest valid rule set in the longest
     * encoding an official helper library writes, so that no valid set a library sends is refused.
     * twilio-python sends {@code json.dumps(rules)}: members separated by {@code ", "} and {@code ": "},
     * every non-ASCII UTF-16 unit as a six-character escape (a character outside the BMP as two). The
     * other libraries write compact JSON with the characters as they are, which is shorter. The largest
     * set, wrapped in {@code {"rules": [...]}}, holds {@value #RULES_PER_SET} rules joined by {@code ", "},
     * each with every member, a null {@code all} (valid: it counts as absent) and two names of
     * {@value #NAME} escaped units: 13 + 20 × (79 + 2 × 256 × 6) + 19 × 2 = 63 071 characters.
     */
    public static final int RULES = WRAPPER + RULES_PER_SET * (RULE_MEMBERS + 2 * NAME * ESCAPED_UNIT)
            + (RULES_PER_SET - 1) * SEPARATOR;

    /** A {@code StatusCallback} URL. */
    public static final int URL = 2048;

    private Limits() {
    }
}
