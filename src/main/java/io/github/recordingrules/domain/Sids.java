package io.github.recordingrules.domain;

import java.util.regex.Pattern;

/**
 * The shapes of Twilio's SIDs that the function reads and makes: two letters and 32 hex digits
 * (docs/SPEC.md §5.13). The patterns are constants so that request validation annotations can name them.
 */
public final class Sids {

    private static final String HEX_32 = "[0-9a-fA-F]{32}$";

    public static final String ROOM = "^RM" + HEX_32;
    public static final String PARTICIPANT = "^PA" + HEX_32;
    public static final String TRACK = "^MT" + HEX_32;
    public static final String RECORDING = "^RT" + HEX_32;

    private static final Pattern ROOM_SID = Pattern.compile(ROOM);
    private static final Pattern PARTICIPANT_SID = Pattern.compile(PARTICIPANT);
    private static final Pattern TRACK_SID = Pattern.compile(TRACK);
    private static final Pattern RECORDING_SID = Pattern.compile(RECORDING);

    private Sids() {
    }

    public static boolean isRoom(String value) {
        return matches(ROOM_SID, value);
    }

    public static boolean isParticipant(String value) {
        return matches(PARTICIPANT_SID, value);
    }

    public static boolean isTrack(String value) {
        return matches(TRACK_SID, value);
    }

    public static boolean isRecording(String value) {
        return matches(RECORDING_SID, value);
    }

    private static boolean matches(Pattern shape, String value) {
        return value != null && shape.matcher(value).matches();
    }
}
