package io.github.recordingrules.application;

import java.time.Duration;

/** Sends messages to one kind of destination: one attempt, within the time given. */
public interface Deliverer {

    Destination destination();

    Result deliver(PendingMessage message, Duration timeout);

    sealed interface Result {
    }

    /** The receiver answered 2xx. */
    record Delivered() implements Result {
    }

    /** Worth retrying: the receiver failed, timed out or could not be reached. */
    record Failed(String reason) implements Result {
    }

    /** Never worth retrying, and never sent: the destination is refused (docs/SPEC.md §11.1.6) or not configured. */
    record Refused(String reason) implements Result {
    }
}
