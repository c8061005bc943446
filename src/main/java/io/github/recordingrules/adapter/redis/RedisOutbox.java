package io.github.recordingrules.adapter.redis;

import io.github.recordingrules.application.DeadLetter;
import io.github.recordingrules.application.Destination;
import io.github.recordingrules.application.Outbox;
import io.github.recordingrules.application.PendingMessage;
import io.github.recordingrules.config.RecordingRulesConfig;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbox in Redis (docs/SPEC.md §11.1.5). Each room's queues, retry state and lease are keys of the room's
 * hash slot ({@link OutboxKeys}), changed only by scripts on that slot; the due index and the index of dead
 * letters are sorted sets of their own, changed only by scripts on them. No script spans two slots, and no
 * room is ever found by KEYS or SCAN, so the same code runs on Redis Cluster.
 * <p>
 * A queue element is {@code "<sequence> <commit time µs> <json>"}; the retry state of a destination is
 * {@code "<sequence> <attempts> <next attempt µs>"}, about the queue's first message only; a dead letter is
 * {@code "<sequence> <commit time> <dead-letter time> <attempts>\n<reason>\n<json>"}.
 */
@ApplicationScoped
public class RedisOutbox implements Outbox {

    /** KEYS: lease, queue, state. ARGV: owner, lease ms, max, destination. */
    private static final RedisScript CLAIM = RedisScript.load("outbox-claim");

    /** KEYS: lease, queue, state. ARGV: owner, sequence, lease ms, destination. */
    private static final RedisScript DELIVERED = RedisScript.load("outbox-delivered");

    /**
     * KEYS: lease, queue, state, dead letters, room. ARGV: owner, sequence, destination, reason, initial backoff
     * ms, max backoff ms, retry period µs, jitter, give up (1/0), expiry of dead letters without a room (ms).
     */
    private static final RedisScript FAILED = RedisScript.load("outbox-failed");

    private static final RedisScript RELEASE = RedisScript.load("outbox-release");

    /** KEYS: due index. ARGV: room. A new entry, or a new score for the room's: it always changes. */
    private static final RedisScript ANNOUNCE = RedisScript.load("outbox-announce");

    /** KEYS: due index. ARGV: max. */
    private static final RedisScript DUE = RedisScript.load("outbox-due");

    /** KEYS: due index. ARGV: room, observed score. */
    private static final RedisScript FORGET = RedisScript.load("outbox-forget");

    /** KEYS: due index. ARGV: room, observed score, new score. A score never moves back. */
    private static final RedisScript RESCHEDULE = RedisScript.load("outbox-reschedule");

    private final RedisCalls redis;
    private final MessageCodec codec;
    private final OutboxKeys keys;
    private final Duration retention;

    RedisOutbox(RedisCalls redis, MessageCodec codec, RecordingRulesConfig config) {
        this.redis = redis;
        this.codec = codec;
        this.keys = new OutboxKeys(config.redis().keyPrefix());
        this.retention = config.retention();
    }

    @Override
    public long announce(String roomSid) {
        return redis.call(r -> ANNOUNCE.run(r, List.of(keys.dueIndex()), roomSid)).toLong();
    }

    @Override
    public Claim claim(String roomSid, Destination destination, String owner, Duration lease, int max) {
        Response answer = redis.call(r -> CLAIM.run(r, leaseQueueState(roomSid, destination), owner,
                Long.toString(lease.toMillis()), Integer.toString(max), destination.key()));
        return switch (answer.get(0).toInteger()) {
            case 0 -> new Empty();
            case 1 -> new Busy();
            case 2 -> new NotDue(answer.get(1).toLong());
            default -> {
                List<PendingMessage> messages = new ArrayList<>();
                for (int i = 2; i < answer.size(); i++) {
                    messages.add(pending(answer.get(i).toString()));
                }
                yield new Claimed(answer.get(1).toLong(), messages);
            }
        };
    }

    @Override
    public long delivered(String roomSid, Destination destination, String owner, long sequence, Duration lease) {
        return redis.call(r -> DELIVERED.run(r, leaseQueueState(roomSid, destination), owner, Long.toString(sequence),
                Long.toString(lease.toMillis()), destination.key())).toLong();
    }

    @Override
    public Failure failed(String roomSid, Destination destination, String owner, long sequence, String reason,
                          Retry retry) {
        List<String> failedKeys = new ArrayList<>(leaseQueueState(roomSid, destination));
        failedKeys.add(keys.dead(roomSid, destination));
        failedKeys.add(keys.room(roomSid));
        Response answer = redis.call(r -> FAILED.run(r, failedKeys, owner, Long.toString(sequence), destination.key(),
                reason.replaceAll("[\\r\\n]+", " "), Long.toString(retry.initialBackoff().toMillis()),
                Long.toString(retry.maxBackoff().toMillis()), Long.toString(retry.period().toNanos() / 1000),
                Double.toString(retry.jitter()), retry.giveUp() ? "1" : "0", Long.toString(retention.toMillis())));
        return new Failure(answer.get(0).toInteger() == 1, answer.get(1).toInteger(), answer.get(2).toLong());
    }

    @Override
    public void release(String roomSid, Destination destination, String owner) {
        redis.call(r -> RELEASE.run(r, List.of(keys.lease(roomSid, destination)), owner));
    }

    @Override
    public Due due(int max) {
        Response answer = redis.call(r -> DUE.run(r, List.of(keys.dueIndex()), Integer.toString(max)));
        List<DueRoom> rooms = new ArrayList<>();
        Response entries = answer.get(1);
        for (int i = 0; i + 1 < entries.size(); i += 2) {
            rooms.add(new DueRoom(entries.get(i).toString(), (long) Double.parseDouble(entries.get(i + 1).toString())));
        }
        return new Due(answer.get(0).toLong(), rooms);
    }

    @Override
    public boolean forget(String roomSid, long observed) {
        return redis.call(r -> FORGET.run(r, List.of(keys.dueIndex()), roomSid, Long.toString(observed))).toInteger() == 1;
    }

    @Override
    public boolean reschedule(String roomSid, long observed, long at) {
        return redis.call(r -> RESCHEDULE.run(r, List.of(keys.dueIndex()), roomSid, Long.toString(observed),
                Long.toString(at))).toInteger() == 1;
    }

    @Override
    public void indexDeadLetters(String roomSid) {
        redis.call(r -> r.execute("ZADD", keys.deadIndex(), Long.toString(Clock.systemUTC().millis()), roomSid));
    }

    @Override
    public List<DeadLetter> deadLetters(int max) {
        Response rooms = redis.call(r -> r.execute("ZREVRANGE", keys.deadIndex(), "0", Integer.toString(max - 1)));
        List<DeadLetter> letters = new ArrayList<>();
        for (Response room : rooms) {
            String roomSid = room.toString();
            int before = letters.size();
            for (Destination destination : Destination.values()) {
                Response dead = redis.call(r -> r.execute("LRANGE", keys.dead(roomSid, destination), "0", "-1"));
                for (Response letter : dead) {
                    letters.add(deadLetter(roomSid, letter.toString()));
                }
            }
            if (letters.size() == before) {
                // Its dead letters expired with the room.
                redis.call(r -> r.execute("ZREM", keys.deadIndex(), roomSid));
            }
            if (letters.size() >= max) {
                return letters.subList(0, max);
            }
        }
        return letters;
    }

    private List<String> leaseQueueState(String roomSid, Destination destination) {
        return List.of(keys.lease(roomSid, destination), keys.queue(roomSid, destination), keys.state(roomSid));
    }

    private PendingMessage pending(String element) {
        int first = element.indexOf(' ');
        int second = element.indexOf(' ', first + 1);
        return new PendingMessage(Long.parseLong(element.substring(0, first)),
                Long.parseLong(element.substring(first + 1, second)), codec.decode(element.substring(second + 1)));
    }

    private DeadLetter deadLetter(String roomSid, String element) {
        int headerEnd = element.indexOf('\n');
        int reasonEnd = element.indexOf('\n', headerEnd + 1);
        String[] header = element.substring(0, headerEnd).split(" ");
        PendingMessage pending = new PendingMessage(Long.parseLong(header[0]), Long.parseLong(header[1]),
                codec.decode(element.substring(reasonEnd + 1)));
        return new DeadLetter(roomSid, pending, Long.parseLong(header[2]), Integer.parseInt(header[3]),
                element.substring(headerEnd + 1, reasonEnd));
    }
}
