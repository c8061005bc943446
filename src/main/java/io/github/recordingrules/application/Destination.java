package io.github.recordingrules.application;

/** Where outbound messages go; each room has its own ordered queue per destination (docs/SPEC.md §11.1.4). */
public enum Destination {
    /** Twilio's room status callbacks, to the room's {@code StatusCallback}. */
    STATUS_CALLBACK("callback"),
    /** Pushes of the recording tracks to the configured media server. */
    MEDIA_SERVER("media"),
    /** Commands to a media server that records on command (LiveKit Egress): start or stop a recording's media. */
    RECORDING_COMMANDS("commands");

    private final String key;

    Destination(String key) {
        this.key = key;
    }

    /** Its name in stored state and in answers. */
    public String key() {
        return key;
    }

    public static Destination ofKey(String key) {
        for (Destination destination : values()) {
            if (destination.key.equals(key)) {
                return destination;
            }
        }
        throw new IllegalArgumentException("no destination " + key);
    }
}
