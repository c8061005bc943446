package io.github.recordingrules.application;

import io.github.recordingrules.application.Deliverer.Delivered;
import io.github.recordingrules.application.Deliverer.Refused;
import io.github.recordingrules.application.Deliverer.Result;
import io.github.recordingrules.application.Outbox.Claim;
import io.github.recordingrules.application.Outbox.Claimed;
import io.github.recordingrules.application.Outbox.DueRoom;
import io.github.recordingrules.domain.room.SidGenerator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers committed messages (docs/SPEC.md §11.1.4): a first attempt right after the commit, bounded in
 * time, and the sweep, which any instance runs on a schedule and which retries what is due. Per room and
 * destination one owner at a time sends, in commit order: a message is sent only once every earlier one was
 * delivered or dead-lettered. Nothing runs between requests, so no instance needs to stay warm.
 */
public final class Deliveries {

    /**
     * @param indexGrace how old a due index entry must be before a sweep may remove it: longer than any write
     *                   announced in it can take to commit (docs/SPEC.md §11.1.5)
     */
    public record Settings(Duration firstAttemptTimeout, Duration attemptTimeout, Duration lease,
                           Duration initialBackoff, Duration maxBackoff, Duration retryPeriod,
                           Duration sweepTimeLimit, int sweepMaxRooms, int sweepParallelism, Duration indexGrace) {
    }

    /** What one sweep did. */
    public record SweepReport(int rooms, int delivered, int retried, int deadLettered, int forgotten) {
    }

    private static final System.Logger LOG = System.getLogger(Deliveries.class.getName());
    private static final int BATCH = 16;
    /** Below this much time left, no new attempt is started. */
    private static final Duration SHORTEST_ATTEMPT = Duration.ofMillis(50);

    private final Outbox outbox;
    private final Map<Destination, Deliverer> deliverers = new EnumMap<>(Destination.class);
    private final Settings settings;
    private final ExecutorService executor;
    private final SidGenerator owners;
    private final Metrics metrics;

    public Deliveries(Outbox outbox, List<Deliverer> deliverers, Settings settings, ExecutorService executor,
                      SidGenerator owners, Metrics metrics) {
        if (settings.lease().compareTo(settings.firstAttemptTimeout()) <= 0
                || settings.lease().compareTo(settings.attemptTimeout()) <= 0) {
            // An attempt must end while its sender still holds the queue, or two senders could overlap.
            throw new IllegalArgumentException("the lease must be longer than an attempt");
        }
        this.outbox = outbox;
        deliverers.forEach(deliverer -> this.deliverers.put(deliverer.destination(), deliverer));
        this.settings = settings;
        this.executor = executor;
        this.owners = owners;
        this.metrics = metrics;
    }

    /**
     * The first attempt at what a change just committed, for at most {@code firstAttemptTimeout} in all.
     * Whatever is not delivered by then, or fails, is left to the sweep; a failure here never fails the change.
     */
    void afterCommit(String roomSid, Set<Destination> destinations) {
        long deadline = System.nanoTime() + settings.firstAttemptTimeout().toNanos();
        List<Destination> each = List.copyOf(destinations);
        List<Future<?>> others = new ArrayList<>();
        for (Destination destination : each.subList(1, each.size())) {
            others.add(executor.submit(() -> firstAttempt(roomSid, destination, deadline)));
        }
        firstAttempt(roomSid, each.get(0), deadline);
        for (Future<?> other : others) {
            try {
                other.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // Still sending; it stops at the deadline, and the request goes on now.
            } catch (ExecutionException e) {
                LOG.log(System.Logger.Level.WARNING, "First delivery attempt failed for room " + roomSid, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void firstAttempt(String roomSid, Destination destination, long deadline) {
        try {
            drain(roomSid, destination, deadline, settings.firstAttemptTimeout(), new Counts());
        } catch (StoreUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "Delivery for room {0} left to the sweep: {1}", roomSid, e.getMessage());
        }
    }

    /** Delivers what is due in every room the due index names, within {@code sweepTimeLimit}. */
    public SweepReport sweep() {
        long deadline = System.nanoTime() + settings.sweepTimeLimit().toNanos();
        Outbox.Due due = outbox.due(settings.sweepMaxRooms());
        metrics.deliveriesPending(due.rooms().size());
        Queue<DueRoom> rooms = new ConcurrentLinkedQueue<>(due.rooms());
        Counts counts = new Counts();
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < Math.min(settings.sweepParallelism(), due.rooms().size()); i++) {
            workers.add(executor.submit(() -> {
                DueRoom room;
                while (System.nanoTime() < deadline && (room = rooms.poll()) != null) {
                    sweep(room, due.now(), deadline, counts);
                }
            }));
        }
        for (Future<?> worker : workers) {
            try {
                worker.get();
            } catch (ExecutionException e) {
                LOG.log(System.Logger.Level.ERROR, "Sweep worker failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new SweepReport(due.rooms().size(), counts.delivered.get(), counts.retried.get(),
                counts.deadLettered.get(), counts.forgotten.get());
    }

    /**
     * Drains the room's queues, then settles its due index entry: removed when every queue is empty and the
     * entry is older than the grace period (read at {@code readAt}, before the queues were looked at), moved
     * to the next retry when one waits, left as it is otherwise. Both changes are conditional on the entry's
     * score being still the one read, so an announcement made meanwhile is never lost (docs/SPEC.md §11.1.5).
     */
    private void sweep(DueRoom room, long readAt, long deadline, Counts counts) {
        try {
            boolean allEmpty = true;
            boolean holdOn = false;
            long nextRetry = Long.MAX_VALUE;
            for (Destination destination : Destination.values()) {
                Drained drained = drain(room.roomSid(), destination, deadline, settings.attemptTimeout(), counts);
                allEmpty &= drained instanceof Emptied;
                holdOn |= drained instanceof Held || drained instanceof Paused;
                if (drained instanceof Waiting waiting) {
                    nextRetry = Math.min(nextRetry, waiting.at());
                }
            }
            if (allEmpty) {
                if (readAt - room.score() > micros(settings.indexGrace()) && outbox.forget(room.roomSid(), room.score())) {
                    counts.forgotten.incrementAndGet();
                }
            } else if (!holdOn && nextRetry != Long.MAX_VALUE) {
                outbox.reschedule(room.roomSid(), room.score(), nextRetry);
            }
        } catch (StoreUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "Sweep skipped room {0}: {1}", room.roomSid(), e.getMessage());
        }
    }

    /** What draining a queue ended with. */
    private sealed interface Drained {
    }

    /** The queue is empty (and its lease released). */
    private record Emptied() implements Drained {
    }

    /** Another owner holds it. */
    private record Held() implements Drained {
    }

    /** Its first message waits for a retry at {@code at} (store time). */
    private record Waiting(long at) implements Drained {
    }

    /** Out of time with messages left. */
    private record Paused() implements Drained {
    }

    /** Sends the queue's messages in order until it is empty, one fails, or time runs out. */
    private Drained drain(String roomSid, Destination destination, long deadline, Duration perAttempt, Counts counts) {
        Deliverer deliverer = deliverers.get(destination);
        String owner = owners.next("");
        Claim claim = outbox.claim(roomSid, destination, owner, settings.lease(), BATCH);
        while (true) {
            if (claim instanceof Outbox.Empty) {
                return new Emptied();
            }
            if (claim instanceof Outbox.Busy) {
                return new Held();
            }
            if (claim instanceof Outbox.NotDue notDue) {
                return new Waiting(notDue.at());
            }
            Claimed claimed = (Claimed) claim;
            for (PendingMessage message : claimed.messages()) {
                Duration left = Duration.ofNanos(deadline - System.nanoTime());
                if (left.compareTo(SHORTEST_ATTEMPT) < 0) {
                    outbox.release(roomSid, destination, owner);
                    return new Paused();
                }
                boolean cutShort = left.compareTo(perAttempt) < 0;
                Result result = attempt(deliverer, message, cutShort ? left : perAttempt);
                if (result instanceof Delivered) {
                    counts.delivered.incrementAndGet();
                    long remaining = outbox.delivered(roomSid, destination, owner, message.sequence(), settings.lease());
                    if (remaining == 0) {
                        return new Emptied();
                    }
                    if (remaining < 0) {
                        return new Held();
                    }
                    continue;
                }
                if (result instanceof Deliverer.Failed && cutShort) {
                    // It did not get its full time: no fault of the receiver's, so not counted against it.
                    outbox.release(roomSid, destination, owner);
                    return new Paused();
                }
                String reason = result instanceof Refused refused ? refused.reason() : ((Deliverer.Failed) result).reason();
                boolean giveUp = result instanceof Refused;
                boolean expected = giveUp || claimed.now() - message.committed() >= micros(settings.retryPeriod());
                if (expected) {
                    outbox.indexDeadLetters(roomSid);
                }
                Outbox.Failure failure = outbox.failed(roomSid, destination, owner, message.sequence(), reason,
                        new Outbox.Retry(settings.initialBackoff(), settings.maxBackoff(), settings.retryPeriod(),
                                ThreadLocalRandom.current().nextDouble(0.5, 1.0), giveUp));
                if (!failure.deadLettered()) {
                    counts.retried.incrementAndGet();
                    metrics.deliveryRetried();
                    return new Waiting(failure.nextAttempt());
                }
                if (!expected) {
                    outbox.indexDeadLetters(roomSid);
                }
                counts.deadLettered.incrementAndGet();
                metrics.deliveryDeadLettered();
                LOG.log(System.Logger.Level.WARNING, "Dead-lettered {0} message {1} of room {2} (#{3}) after {4} attempts: {5}",
                        destination.key(), message.message().id(), roomSid, message.sequence(), failure.attempts(), reason);
                break;
            }
            claim = outbox.claim(roomSid, destination, owner, settings.lease(), BATCH);
        }
    }

    /** One attempt; a deliverer's own fault counts as a failed attempt rather than wedging the queue. */
    private static Result attempt(Deliverer deliverer, PendingMessage message, Duration timeout) {
        if (deliverer == null) {
            return new Refused("no deliverer for " + message.message().destination().key());
        }
        try {
            return deliverer.deliver(message, timeout);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Deliverer failed", e);
            return new Deliverer.Failed("the sender failed: " + e.getClass().getSimpleName());
        }
    }

    public List<DeadLetter> deadLetters(int max) {
        return outbox.deadLetters(max);
    }

    private static long micros(Duration duration) {
        return TimeUnit.NANOSECONDS.toMicros(duration.toNanos());
    }

    private static final class Counts {
        final AtomicInteger delivered = new AtomicInteger();
        final AtomicInteger retried = new AtomicInteger();
        final AtomicInteger deadLettered = new AtomicInteger();
        final AtomicInteger forgotten = new AtomicInteger();
    }
}
