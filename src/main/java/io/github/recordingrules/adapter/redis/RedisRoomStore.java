package io.github.recordingrules.adapter.redis;

import io.github.recordingrules.application.RoomStore;
import io.github.recordingrules.application.OutboundMessage;
import io.github.recordingrules.application.Outgoing;
import io.github.recordingrules.config.RecordingRulesConfig;
import io.github.recordingrules.domain.room.Room;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Rooms in Redis. A room is one hash, {@code <prefix>:{RM…}:room}, holding its version and its JSON
 * state; the braces make the SID the hash tag, so whatever else a room ever stores (its outbox,
 * {@link OutboxKeys}) lands in the same Cluster slot. A unique name is a string key pointing at the SID of the
 * room that holds it.
 */
@ApplicationScoped
public class RedisRoomStore implements RoomStore {

    /**
     * Compare-and-set of the room (KEYS[1]): on a conflict it answers the current state, sparing the caller a
     * second read. Two further sections, each self-contained, so that a new layout of the room can carry them:
     * the write deadline, and the outbox (KEYS[2..]: {@link OutboxKeys#expiringWithRoom}).
     * ARGV: expected version, state, ttl (ms, 0 keeps it), deadline (µs of Redis time, 0 none), message count,
     * then per message its destination, at-most-once key ('' for none) and JSON.
     */
    private static final RedisScript SAVE = new RedisScript("""
            local count = tonumber(ARGV[5])
            local notAfter = tonumber(ARGV[4])
            local now = 0
            -- [deadline] A write that carries messages must apply within the window of its due index entry
            -- (docs/SPEC.md §11.1.5): later than notAfter by Redis's own clock, it writes nothing.
            if notAfter > 0 or count > 0 then
              local clock = redis.call('TIME')
              now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
              if notAfter > 0 and now > notAfter then return {2} end
            end
            -- [room] compare-and-set
            local stored = redis.call('HMGET', KEYS[1], 'v', 's')
            local version = stored[1] or '0'
            if version ~= ARGV[1] then
              if stored[2] then return {0, version, stored[2]} end
              return {0, version}
            end
            local next = tonumber(version) + 1
            redis.call('HSET', KEYS[1], 'v', next, 's', ARGV[2])
            local ttl = tonumber(ARGV[3])
            if ttl > 0 then redis.call('PEXPIRE', KEYS[1], ttl) end
            -- [outbox] The messages this change causes, appended to the room's queues in commit order, each
            -- "<sequence> <commit time µs> <json>"; a message with an at-most-once key already used is dropped.
            -- The outbox expires with the room.
            if count > 0 or (ttl > 0 and redis.call('EXISTS', KEYS[2]) == 1) then
              for i = 0, count - 1 do
                local destination, once, body = ARGV[6 + 3 * i], ARGV[7 + 3 * i], ARGV[8 + 3 * i]
                if once == '' or redis.call('HSETNX', KEYS[2], 'once:' .. once, 1) == 1 then
                  local sequence = redis.call('HINCRBY', KEYS[2], 'seq:' .. destination, 1)
                  local queue = KEYS[2] .. ':' .. destination -- OutboxKeys.queue, declared among KEYS
                  redis.call('RPUSH', queue, sequence .. ' ' .. string.format('%.0f', now) .. ' ' .. body)
                end
              end
              local left = redis.call('PTTL', KEYS[1])
              if left > 0 then
                for k = 2, #KEYS do
                  if redis.call('EXISTS', KEYS[k]) == 1 then redis.call('PEXPIRE', KEYS[k], left) end
                end
              end
            end
            return {1, next}
            """);

    private static final RedisScript CLAIM_NAME = new RedisScript("""
            local holder = redis.call('GET', KEYS[1])
            if holder and holder ~= ARGV[2] then return 0 end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
            return 1
            """);

    private static final RedisScript RELEASE_NAME = new RedisScript("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """);

    private final RedisCalls redis;
    private final RoomCodec codec;
    private final MessageCodec messages;
    private final String prefix;
    private final OutboxKeys outbox;

    RedisRoomStore(RedisCalls redis, RoomCodec codec, MessageCodec messages, RecordingRulesConfig config) {
        this.redis = redis;
        this.codec = codec;
        this.messages = messages;
        this.prefix = config.redis().keyPrefix();
        this.outbox = new OutboxKeys(prefix);
    }

    /** Every key of a room: its SID in braces is the Cluster hash tag. */
    String roomKey(String roomSid) {
        return prefix + ":{" + roomSid + "}:room";
    }

    String nameKey(String uniqueName) {
        return prefix + ":name:" + uniqueName;
    }

    @Override
    public Optional<StoredRoom> load(String roomSid) {
        Response stored = call(redis -> redis.execute("HMGET", roomKey(roomSid), "v", "s"));
        if (stored.get(0) == null || stored.get(1) == null) {
            return Optional.empty();
        }
        return Optional.of(new StoredRoom(codec.decode(stored.get(1).toString()), stored.get(0).toLong()));
    }

    @Override
    public SaveResult save(Room room, long expectedVersion, Duration expireAfter, Outgoing outgoing) {
        String state = codec.encode(room);
        long ttl = expireAfter == null ? 0 : expireAfter.toMillis();
        List<String> keys = new ArrayList<>();
        keys.add(roomKey(room.sid()));
        keys.addAll(outbox.expiringWithRoom(room.sid()));
        List<String> args = new ArrayList<>(List.of(Long.toString(expectedVersion), state, Long.toString(ttl),
                Long.toString(outgoing.notAfter()), Integer.toString(outgoing.messages().size())));
        for (OutboundMessage message : outgoing.messages()) {
            args.add(message.destination().key());
            args.add(message.once() == null ? "" : message.once());
            args.add(messages.encode(message));
        }
        Response answer = call(redis -> SAVE.run(redis, keys, args.toArray(String[]::new)));
        int outcome = answer.get(0).toInteger();
        if (outcome == 1) {
            return new Saved(answer.get(1).toLong());
        }
        if (outcome == 2) {
            return new Expired();
        }
        if (answer.size() < 3) {
            return new Conflict(Optional.empty());
        }
        return new Conflict(Optional.of(new StoredRoom(codec.decode(answer.get(2).toString()), answer.get(1).toLong())));
    }

    @Override
    public Optional<String> roomSidForName(String uniqueName) {
        Response sid = call(redis -> redis.execute("GET", nameKey(uniqueName)));
        return sid == null ? Optional.empty() : Optional.of(sid.toString());
    }

    @Override
    public boolean claimName(String uniqueName, String roomSid, String staleSid, Duration expireAfter) {
        Response claimed = call(redis -> CLAIM_NAME.run(redis, List.of(nameKey(uniqueName)),
                roomSid, staleSid == null ? "" : staleSid, Long.toString(expireAfter.toMillis())));
        return claimed.toInteger() == 1;
    }

    @Override
    public void releaseName(String uniqueName, String roomSid) {
        call(redis -> RELEASE_NAME.run(redis, List.of(nameKey(uniqueName)), roomSid));
    }

    private Response call(Function<RedisDataSource, Response> command) {
        return redis.call(command);
    }
}
