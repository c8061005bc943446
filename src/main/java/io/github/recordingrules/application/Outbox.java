package io.github.recordingrules.application;

import java.time.Duration;
import java.util.List;

/**
 * The committed messages of every room, and what delivering them needs (docs/SPEC.md §11.1.4, §11.1.5).
 * Messages are written by {@link RoomStore#save(io.github.recordingrules.domain.room.Room, long, Duration, Outgoing)};
 * here they are announced, claimed, acknowledged, retried and dead-lettered. Times are the store's clock, in
 * microseconds since the epoch. Failures surface as {@link StoreUnavailableException}.
 */
public interface Outbox {

    /**
     * Puts the room in the due index, before a write that commits messages for it, so that a sweep finds it
     * whatever happens to the writer afterwards.
     *
     * @return the store time the entry was written at
     */
    long announce(String roomSid);

    /**
     * Takes the room's queue for the destination for {@code lease} (or renews it for the same {@code owner})
     * and answers its first messages, unless the queue is empty, held by another owner, or its first message
     * waits for a retry.
     */
    Claim claim(String roomSid, Destination destination, String owner, Duration lease, int max);

    /**
     * Removes the delivered first message of the queue. When the queue is then empty the lease is released in
     * the same step, so that a message committed meanwhile is seen either by this owner or by its writer.
     *
     * @return messages left; 0 with the lease released; -1 when the lease is not the owner's any more
     */
    long delivered(String roomSid, Destination destination, String owner, long sequence, Duration lease);

    /**
     * Records a failed attempt at the first message and releases the lease: the message waits for a retry
     * after an exponential backoff, or is dead-lettered when {@code retry.period()} has passed since it was
     * committed, or at once with {@code retry.giveUp()}.
     */
    Failure failed(String roomSid, Destination destination, String owner, long sequence, String reason, Retry retry);

    void release(String roomSid, Destination destination, String owner);

    /** Rooms whose due index entry is due now, oldest first, with the store time they were read at. */
    Due due(int max);

    /** Removes the room's due index entry if its score is still {@code observed}; answers whether it did. */
    boolean forget(String roomSid, long observed);

    /** Moves the room's due index entry to {@code at} if its score is still {@code observed}. */
    boolean reschedule(String roomSid, long observed, long at);

    /** Lists the room among those with dead letters; done before a message is dead-lettered. */
    void indexDeadLetters(String roomSid);

    /** Dead letters, most recent rooms first; rooms whose dead letters expired are dropped from the list. */
    List<DeadLetter> deadLetters(int max);

    sealed interface Claim {
    }

    record Empty() implements Claim {
    }

    /** Another owner holds the lease. */
    record Busy() implements Claim {
    }

    /** The first message waits for a retry until {@code at}. */
    record NotDue(long at) implements Claim {
    }

    record Claimed(long now, List<PendingMessage> messages) implements Claim {
    }

    /**
     * @param nextAttempt store time of the retry, when not dead-lettered
     */
    record Failure(boolean deadLettered, int attempts, long nextAttempt) {
    }

    /**
     * @param jitter a factor from 0.5 to 1 applied to the backoff, so that receivers recovering together are not
     *               hit by every retry at once
     */
    record Retry(Duration initialBackoff, Duration maxBackoff, Duration period, double jitter, boolean giveUp) {
    }

    record Due(long now, List<DueRoom> rooms) {
    }

    record DueRoom(String roomSid, long score) {
    }
}
