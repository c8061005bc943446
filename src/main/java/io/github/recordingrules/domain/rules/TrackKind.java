package io.github.recordingrules.domain.rules;

/** The kind of a published track. Only audio and video tracks can be recorded. */
public enum TrackKind {
    AUDIO("audio"),
    VIDEO("video"),
    DATA("data");

    private final String wireName;

    TrackKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean recordable() {
        return this != DATA;
    }

    /** The kind for the exact, lower-case wire name, or null. */
    public static TrackKind fromWireName(String name) {
        for (TrackKind kind : values()) {
            if (kind.wireName.equals(name)) {
                return kind;
            }
        }
        return null;
    }
}
