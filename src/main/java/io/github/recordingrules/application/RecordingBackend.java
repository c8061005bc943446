package io.github.recordingrules.application;

import io.github.recordingrules.domain.room.Outcome;
import io.github.recordingrules.domain.room.Room;

import java.util.List;

/**
 * A media server that records on command (LiveKit Egress): it is told when a recording starts and
 * stops. Which commands a change gives is decided when the change commits; carrying them out may fail
 * and be tried again.
 */
public interface RecordingBackend {

    RecordingBackend NONE = new RecordingBackend() {
        @Override
        public List<RecordingCommand> commandsFor(Room room, Outcome outcome) {
            return List.of();
        }

        @Override
        public void execute(RecordingCommand command, int attempt) {
            throw new IllegalStateException("no recording backend: nothing to execute " + command);
        }
    };

    /** The commands a committed change gives, in the order they must be carried out. */
    List<RecordingCommand> commandsFor(Room room, Outcome outcome);

    /**
     * Carries out one command. {@code attempt} counts from 1: a later attempt follows a failure after
     * which the media server may have acted all the same, which the backend must find out before acting
     * again. Throws when the command should be tried again.
     */
    void execute(RecordingCommand command, int attempt);
}
