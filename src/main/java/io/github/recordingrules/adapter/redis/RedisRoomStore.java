package io.github.recordingrules.adapter.redis;

import io.github.recordingrules.application.RoomStore;
import io.github.recordingrules.application.StoreUnavailableException;
import io.github.recordingrules.config.RecordingRulesConfig;
import io.github.recordingrules.domain.room.Room;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static io.github.recordingrules.adapter.redis.RedisKeys.DOCUMENT;
import static io.github.recordingrules.adapter.redis.RedisKeys.LEGACY_DOCUMENT;
import static io.github.recordingrules.adapter.redis.RedisKeys.SCHEMA;
import static io.github.recordingrules.adapter.redis.RedisKeys.VERSION;

/**
 * Rooms in Redis ({@link RedisKeys}): a room is one hash holding its version, the schema of its document
 * and the document ({@link RoomDocuments}). A unique name is a string key pointing at the SID of the room
 * that holds it. A room stored in a schema newer than this version's is neither read nor written: that
 * answers 503 until the newer version serves (docs/SPEC.md §8.6).
 */
@ApplicationScoped
public class RedisRoomStore implements RoomStore {

    private static final RedisScript SAVE = RedisScript.load("save-room");
    private static final RedisScript CLAIM_NAME = RedisScript.load("claim-name");
    private static final RedisScript RELEASE_NAME = RedisScript.load("release-name");

    private final RedisDataSource redis;
    private final RedisKeys keys;

    RedisRoomStore(RedisDataSource redis, RecordingRulesConfig config) {
        this.redis = redis;
        this.keys = new RedisKeys(config.redis().keyPrefix());
    }

    @Override
    public Optional<StoredRoom> load(String roomSid) {
        Map<String, String> stored = call(redis -> redis.hash(String.class)
                .hmget(keys.room(roomSid), VERSION, SCHEMA, DOCUMENT, LEGACY_DOCUMENT));
        String version = stored.get(VERSION);
        String schema = stored.get(SCHEMA);
        String document = schema == null ? stored.get(LEGACY_DOCUMENT) : stored.get(DOCUMENT);
        if (version == null || document == null) {
            return Optional.empty();
        }
        return Optional.of(stored(roomSid, schema == null ? 1 : Integer.parseInt(schema), document, Long.parseLong(version)));
    }

    @Override
    public SaveResult save(Room room, long expectedVersion, Duration expireAfter, Instant deadline) {
        String document = RoomDocuments.encode(room);
        long ttl = expireAfter == null ? 0 : expireAfter.toMillis();
        Response answer = call(redis -> SAVE.run(redis, List.of(keys.room(room.sid())), Long.toString(expectedVersion),
                Integer.toString(RoomDocuments.SCHEMA), document, Long.toString(ttl), Long.toString(deadline.toEpochMilli())));
        // The answer's shape is the script's (save-room.lua).
        int outcome = answer.get(0).toInteger();
        if (outcome == 1) {
            return new Saved(answer.get(1).toLong());
        }
        if (outcome == -1) {
            throw newerSchema(room.sid(), answer.get(1).toInteger());
        }
        if (outcome == -2) {
            throw new StoreUnavailableException("room " + room.sid() + ": Redis reached the write after its deadline "
                    + deadline + " and dropped it", null);
        }
        if (answer.size() < 4) {
            return new Conflict(Optional.empty());
        }
        return new Conflict(Optional.of(stored(room.sid(), answer.get(2).toInteger(), answer.get(3).toString(),
                answer.get(1).toLong())));
    }

    @Override
    public Optional<String> roomSidForName(String uniqueName) {
        return Optional.ofNullable(call(redis -> redis.value(String.class).get(keys.name(uniqueName))));
    }

    @Override
    public boolean claimName(String uniqueName, String roomSid, String staleSid, Duration expireAfter) {
        Response claimed = call(redis -> CLAIM_NAME.run(redis, List.of(keys.name(uniqueName)),
                roomSid, staleSid == null ? "" : staleSid, Long.toString(expireAfter.toMillis())));
        return claimed.toInteger() == 1;
    }

    @Override
    public void releaseName(String uniqueName, String roomSid) {
        call(redis -> RELEASE_NAME.run(redis, List.of(keys.name(uniqueName)), roomSid));
    }

    private static StoredRoom stored(String roomSid, int schema, String document, long version) {
        if (schema > RoomDocuments.SCHEMA) {
            throw newerSchema(roomSid, schema);
        }
        try {
            return new StoredRoom(RoomDocuments.decode(schema, document), version);
        } catch (UnreadableRoomException e) {
            throw new StoreUnavailableException("room " + roomSid + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static StoreUnavailableException newerSchema(String roomSid, int schema) {
        return new StoreUnavailableException("room " + roomSid + " is stored in schema " + schema + ", newer than this"
                + " version's " + RoomDocuments.SCHEMA + ": a newer version of the function is being deployed", null);
    }

    /**
     * Runs the command on one connection of the pool. Redis answering READONLY means this server was
     * demoted to a replica by a failover yet kept its clients connected: that connection is closed
     * (QUIT) rather than put back in the pool, so the next one is opened afresh, to wherever the
     * configured host now points. Every failure becomes a {@link StoreUnavailableException} (503).
     */
    private <T> T call(Function<RedisDataSource, T> command) {
        try {
            Object[] answer = new Object[1];
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
            @SuppressWarnings("unchecked")
            T result = (T) answer[0];
            return result;
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
