package io.github.recordingrules.domain.rules;

import io.github.recordingrules.domain.WireName;

/** What a rule does with the tracks its filters match. */
public enum RuleType implements WireName {
    INCLUDE("include"),
    EXCLUDE("exclude");

    private final String wireName;

    RuleType(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** The constant for the exact wire name, or null. */
    static RuleType fromWireName(String name) {
        return WireName.find(RuleType.class, name);
    }
}
