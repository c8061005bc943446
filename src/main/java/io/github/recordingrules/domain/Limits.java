package io.github.recordingrules.domain;

/** The size limits of what callers send, in characters (docs/SPEC.md §10.1). */
public final class Limits {

    /**
     * A unique name, an identity, a track name, a SID or any callback value: nothing the function
     * compares is longer, so a longer {@code publisher} or {@code track} filter could never match.
     */
    public static final int NAME = 256;

    /** A {@code Rules} or {@code RecordingRules} value: twenty rules with long names stay far below it. */
    public static final int RULES = 16 * 1024;

    /** A {@code StatusCallback} URL. */
    public static final int URL = 2048;

    private Limits() {
    }
}
