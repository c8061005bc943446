package io.github.recordingrules.adapter.redis;

import io.github.recordingrules.application.ExternalRoomIds;
import io.github.recordingrules.application.RoomStore;
import io.github.recordingrules.application.StoreUnavailableException;
import io.github.recordingrules.config.RecordingRulesConfig;
import io.github.recordingrules.domain.room.Room;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Rooms in Redis. A room is one hash, {@code <prefix>:{RM…}:room}, holding its version and its JSON
 * state; the braces make the SID the hash tag, so whatever else a room ever stores lands in the same
 * Cluster slot. A unique name is a string key pointing at the SID of the room that holds it; so is a
 * media server's room id linked to a room ({@code <prefix>:external:<id>}).
 */
@ApplicationScoped
public class RedisRoomStore implements RoomStore, ExternalRoomIds {

    /** Compare-and-set: on a conflict it answers the current state, sparing the caller a second read. */
    private static final RedisScript SAVE = new RedisScript("""
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

    private final RedisDataSource redis;
    private final RoomCodec codec;
    private final String prefix;

    RedisRoomStore(RedisDataSource redis, RoomCodec codec, RecordingRulesConfig config) {
        this.redis = redis;
        this.codec = codec;
        this.prefix = config.redis().keyPrefix();
    }

    /** Every key of a room: its SID in braces is the Cluster hash tag. */
    String roomKey(String roomSid) {
        return prefix + ":{" + roomSid + "}:room";
    }

    String nameKey(String uniqueName) {
        return prefix + ":name:" + uniqueName;
    }

    String externalKey(String externalRoomId) {
        return prefix + ":external:" + externalRoomId;
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
    public SaveResult save(Room room, long expectedVersion, Duration expireAfter) {
        String state = codec.encode(room);
        long ttl = expireAfter == null ? 0 : expireAfter.toMillis();
        Response answer = call(redis -> SAVE.run(redis, List.of(roomKey(room.sid())),
                Long.toString(expectedVersion), state, Long.toString(ttl)));
        if (answer.get(0).toInteger() == 1) {
            return new Saved(answer.get(1).toLong());
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

    @Override
    public Optional<String> roomSidFor(String externalRoomId) {
        Response sid = call(redis -> redis.execute("GET", externalKey(externalRoomId)));
        return sid == null ? Optional.empty() : Optional.of(sid.toString());
    }

    @Override
    public void link(String externalRoomId, String roomSid, Duration expireAfter) {
        call(redis -> redis.execute("SET", externalKey(externalRoomId), roomSid, "NX", "PX",
                Long.toString(expireAfter.toMillis())));
    }

    /**
     * Runs the command on one connection of the pool. Redis answering READONLY means this server was
     * demoted to a replica by a failover yet kept its clients connected: that connection is closed
     * (QUIT) rather than put back in the pool, so the next one is opened afresh, to wherever the
     * configured host now points. Every failure becomes a {@link StoreUnavailableException} (503).
     */
    private Response call(Function<RedisDataSource, Response> command) {
        try {
            Response[] answer = new Response[1];
            redis.withConnection(connection -> {
                try {
                    answer[0] = command.apply(connection);
                } catch (RuntimeException e) {
                    if (e.getMessage() != null && e.getMessage().contains("READONLY")) {
                        quit(connection);
                    }
                    throw e;
                }
            });
            return answer[0];
        } catch (RuntimeException e) {
            // A timeout has no message: name the exception, else the log says "Redis did not answer: null".
            throw new StoreUnavailableException("Redis did not answer: " + e, e);
        }
    }

    private static void quit(RedisDataSource connection) {
        try {
            connection.execute("QUIT");
        } catch (RuntimeException ignored) {
            // closed either way
        }
    }
}
