package io.github.recordingrules.application;

/**
 * One thing a media server must be told after a committed change: start or stop the media of one
 * recording. It names the recording only; the party carrying it out reads the rest from the room.
 */
public record RecordingCommand(Action action, String roomSid, String recordingSid) {

    public enum Action {
        START,
        STOP
    }
}
