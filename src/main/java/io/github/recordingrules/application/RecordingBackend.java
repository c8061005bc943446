package io.github.recordingrules.application;

import io.github.recordingrules.domain.room.Outcome;
import io.github.recordingrules.domain.room.Room;

import java.util.List;

/**
 * A media server that records on command (LiveKit Egress): it is told when a recording starts and
 * stops. Which commands a change gives is decided when the change commits, and they are committed with it
 * as one outbound message ({@link OutboundMessage.RecordingCommands}); the {@link Deliverer} of
 * {@link Destination#RECORDING_COMMANDS} carries them out, at least once.
 */
public interface RecordingBackend {

    RecordingBackend NONE = (room, outcome) -> List.of();

    /** The commands a committed change gives, in the order they must be carried out. */
    List<RecordingCommand> commandsFor(Room room, Outcome outcome);
}
