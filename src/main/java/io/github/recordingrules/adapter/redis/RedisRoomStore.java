package io.github.recordingrules.adapter.redis;

import io.github.recordingrules.application.ExternalRoomIds;
import io.github.recordingrules.application.OutboundMessage;
import io.github.recordingrules.application.Outgoing;
import io.github.recordingrules.application.RoomStore;
import io.github.recordingrules.application.StoreUnavailableException;
import io.github.recordingrules.config.RecordingRulesConfig;
import io.github.recordingrules.domain.room.Room;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.github.recordingrules.adapter.redis.RedisKeys.DOCUMENT;
import static io.github.recordingrules.adapter.redis.RedisKeys.LEGACY_DOCUMENT;
import static io.github.recordingrules.adapter.redis.RedisKeys.SCHEMA;
import static io.github.recordingrules.adapter.redis.RedisKeys.VERSION;

/**
 * Rooms in Redis ({@link RedisKeys}): a room is one hash holding its version, the schema of its document
 * and the document ({@link RoomDocuments}). A unique name is a string key pointing at the SID of the room
 * that holds it; so does a media server's room id linked to a room. A room stored in a schema newer than
 * this version's is neither read nor written: that answers 503 until the newer version serves (docs/SPEC.md §8.6). Whatever else a room stores (its outbox,
 * {@link OutboxKeys}) is in the room's hash slot, and committed with it.
 */
@ApplicationScoped
public class RedisRoomStore implements RoomStore, ExternalRoomIds {

    private static final RedisScript SAVE = RedisScript.load("save-room");
    private static final RedisScript CLAIM_NAME = RedisScript.load("claim-name");
    private static final RedisScript RELEASE_NAME = RedisScript.load("release-name");

    private final RedisCalls redis;
    private final RedisKeys keys;
    private final OutboxKeys outbox;
    private final MessageCodec messages;
    private final ReplicaAcknowledgement replicas;

    RedisRoomStore(RedisCalls redis, MessageCodec messages, RecordingRulesConfig config, ReplicaAcknowledgement replicas) {
        this.redis = redis;
        this.keys = new RedisKeys(config.redis().keyPrefix());
        this.outbox = new OutboxKeys(config.redis().keyPrefix());
        this.messages = messages;
        this.replicas = replicas;
    }

    @Override
    public Optional<StoredRoom> load(String roomSid) {
        Map<String, String> stored = redis.call(connection -> connection.roundTrip(r -> r.hash(String.class)
                .hmget(keys.room(roomSid), VERSION, SCHEMA, DOCUMENT, LEGACY_DOCUMENT)));
        String version = stored.get(VERSION);
        String schema = stored.get(SCHEMA);
        String document = schema == null ? stored.get(LEGACY_DOCUMENT) : stored.get(DOCUMENT);
        if (version == null || document == null) {
            return Optional.empty();
        }
        return Optional.of(stored(roomSid, schema == null ? 1 : Integer.parseInt(schema), document, Long.parseLong(version)));
    }

    @Override
    public SaveResult save(Room room, long expectedVersion, Duration expireAfter, Instant deadline,
                           Outgoing outgoing) {
        long ttl = expireAfter == null ? 0 : expireAfter.toMillis();
        List<String> saveKeys = new ArrayList<>();
        saveKeys.add(keys.room(room.sid()));
        saveKeys.addAll(outbox.expiringWithRoom(room.sid()));
        List<String> args = new ArrayList<>(List.of(Long.toString(expectedVersion), Integer.toString(RoomDocuments.SCHEMA),
                RoomDocuments.encode(room), Long.toString(ttl), Long.toString(deadline.toEpochMilli()),
                Long.toString(outgoing.notAfter()),
                Integer.toString(outgoing.messages().size())));
        for (OutboundMessage message : outgoing.messages()) {
            args.add(message.destination().key());
            args.add(message.once() == null ? "" : message.once());
            args.add(messages.encode(message));
        }
        Response answer = redis.call(connection -> {
            Response saved = SAVE.run(connection, saveKeys, args.toArray(String[]::new));
            if (saved.get(0).toInteger() == 1) {
                replicas.confirm(connection);
            }
            return saved;
        });
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
        if (outcome == 2) {
            return new Expired();
        }
        if (answer.size() < 4) {
            return new Conflict(Optional.empty());
        }
        return new Conflict(Optional.of(stored(room.sid(), answer.get(2).toInteger(), answer.get(3).toString(),
                answer.get(1).toLong())));
    }

    @Override
    public boolean confirmsWrites() {
        return replicas.enabled();
    }

    @Override
    public Optional<String> roomSidForName(String uniqueName) {
        return Optional.ofNullable(redis.call(connection -> connection.roundTrip(r -> r.value(String.class).get(keys.name(uniqueName)))));
    }

    @Override
    public boolean claimName(String uniqueName, String roomSid, String staleSid, Duration expireAfter) {
        Response claimed = redis.call(connection -> CLAIM_NAME.run(connection, List.of(keys.name(uniqueName)),
                roomSid, staleSid == null ? "" : staleSid, Long.toString(expireAfter.toMillis())));
        return claimed.toInteger() == 1;
    }

    @Override
    public void releaseName(String uniqueName, String roomSid) {
        redis.call(connection -> RELEASE_NAME.run(connection, List.of(keys.name(uniqueName)), roomSid));
    }

    @Override
    public Optional<String> roomSidFor(String externalRoomId) {
        return Optional.ofNullable(redis.call(connection -> connection.roundTrip(r -> r.value(String.class)
                .get(keys.external(externalRoomId)))));
    }

    @Override
    public void link(String externalRoomId, String roomSid, Duration expireAfter) {
        redis.call(connection -> connection.execute("SET", keys.external(externalRoomId), roomSid, "NX", "PX",
                Long.toString(expireAfter.toMillis())));
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
}
