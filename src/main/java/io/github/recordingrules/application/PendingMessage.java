package io.github.recordingrules.application;

/**
 * A committed message waiting for delivery.
 *
 * @param sequence  its position in the room's queue for its destination: 1, 2, 3… in commit order
 * @param committed when it was committed, in store time (microseconds since the epoch)
 */
public record PendingMessage(long sequence, long committed, OutboundMessage message) {
}
