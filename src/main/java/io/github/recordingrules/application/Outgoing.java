package io.github.recordingrules.application;

import java.util.List;

/**
 * The messages a change commits with the room.
 *
 * @param notAfter the store time (microseconds) after which the write must not apply, so that the due index
 *                 entry announced before it covers it (docs/SPEC.md §11.1.5); 0 for none
 */
public record Outgoing(List<OutboundMessage> messages, long notAfter) {

    public static final Outgoing NONE = new Outgoing(List.of(), 0);
}
