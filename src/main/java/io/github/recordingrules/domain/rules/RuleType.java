package io.github.recordingrules.domain.rules;

/** What a rule does with the tracks its filters match. */
public enum RuleType {
    INCLUDE("include"),
    EXCLUDE("exclude");

    private final String wireName;

    RuleType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The rule type for the exact, lower-case wire name, or null. */
    static RuleType fromWireName(String name) {
        for (RuleType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        return null;
    }
}
