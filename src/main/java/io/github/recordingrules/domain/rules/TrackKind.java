package io.github.recordingrules.domain.rules;

import io.github.recordingrules.domain.WireName;

/** The kind of a published track. Only audio and video tracks can be recorded. */
public enum TrackKind implements WireName {
    AUDIO("audio"),
    VIDEO("video"),
    DATA("data");

    private final String wireName;

    TrackKind(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public boolean recordable() {
        return this != DATA;
    }

    /** The constant for the exact wire name, or null. */
    public static TrackKind fromWireName(String name) {
        return WireName.find(TrackKind.class, name);
    }
}
