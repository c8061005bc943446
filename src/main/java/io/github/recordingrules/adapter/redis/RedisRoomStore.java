package io.github.recordingrules.adapter.redis;

import io.github.recordingrules.application.ExternalRoomIds;
import io.github.recordingrules.application.OutboundMessage;
import io.github.recordingrules.application.Outgoing;
import io.github.recordingrules.application.RoomStore;
import io.github.recordingrules.application.StoreUnavailableException;
import io.github.recordingrules.config.RecordingRulesConfig;
import io.github.recordingrules.domain.room.Room;
import io.github.recordingrules.domain.room.RoomScope;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.github.recordingrules.adapter.redis.RedisKeys.DOCUMENT;
import static io.github.recordingrules.adapter.redis.RedisKeys.LEGACY_DOCUMENT;

/**
 * Rooms in Redis ({@link RedisKeys}): a room is one hash holding its version, its incarnation, its schema and
 * its fields ({@link RoomParts}); an event reads and writes only the fields of its scope, each through one
 * script ({@code redis/load-room.lua}, {@code redis/save-room.lua}). Rooms stored before schema 5, as one
 * document ({@link RoomDocuments}), are read whole and rewritten in fields by their next write. A room stored in
 * a schema newer than this version's is neither read nor written: that answers 503 until the newer version
 * serves (docs/SPEC.md §8.6). Whatever else a room stores (its outbox, {@link OutboxKeys}) is in the room's hash
 * slot, and committed with it.
 * <p>
 * What this instance last read or wrote of a room is kept ({@link RecalledRooms}), so that its next change
 * can be written at once: the save checks version and incarnation, and a stale state comes back with the current
 * one, which is what a read would have cost.
 * <p>
 * A unique name is a string key pointing at the SID of the room that holds it; so does a media server's room id
 * linked to a room.
 */
@ApplicationScoped
public class RedisRoomStore implements RoomStore, ExternalRoomIds {

    private static final RedisScript LOAD = RedisScript.load("load-room", "room-read");
    private static final RedisScript SAVE = RedisScript.load("save-room", "room-read");
    private static final RedisScript CLAIM_NAME = RedisScript.load("claim-name");
    private static final RedisScript RELEASE_NAME = RedisScript.load("release-name");

    private final RedisCalls redis;
    private final RedisKeys keys;
    private final OutboxKeys outbox;
    private final MessageCodec messages;
    private final ReplicaAcknowledgement replicas;
    private final RecalledRooms recalled;

    RedisRoomStore(RedisCalls redis, MessageCodec messages, RecordingRulesConfig config, ReplicaAcknowledgement replicas) {
        this.redis = redis;
        this.keys = new RedisKeys(config.redis().keyPrefix());
        this.outbox = new OutboxKeys(config.redis().keyPrefix());
        this.messages = messages;
        this.replicas = replicas;
        this.recalled = new RecalledRooms(config.redis().recalledRooms());
    }

    /**
     * What was read of a room: the fields, for the save to write only what changed, and the scope, for its
     * conflict answer.
     *
     * @param whole true when {@code fields} are all the room's
     */
    record Read(String incarnation, long version, int schema, RoomScope scope, boolean whole,
                RoomParts.Fields fields) implements Revision {
    }

    /** A read to answer with: not remembered, as what it reads is often not changed next (a list's rooms). */
    @Override
    public Optional<StoredRoom> load(String roomSid) {
        return load(roomSid, RoomScope.WHOLE, false);
    }

    @Override
    public Optional<StoredRoom> load(String roomSid, RoomScope scope) {
        return load(roomSid, scope, true);
    }

    private Optional<StoredRoom> load(String roomSid, RoomScope scope, boolean remember) {
        List<String> args = new ArrayList<>(List.of(roomSid, Integer.toString(RoomParts.SCHEMA), scope.whole() ? "1" : "0"));
        addScope(args, scope);
        Response answer;
        try {
            answer = redis.call(connection -> LOAD.run(connection, List.of(keys.room(roomSid)), args.toArray(String[]::new)));
        } catch (RuntimeException e) {
            recalled.forget(roomSid);
            throw e;
        }
        return read(roomSid, scope, answer, 0, remember);
    }

    @Override
    public Optional<StoredRoom> recall(String roomSid, RoomScope scope) {
        return recalled.part(roomSid, scope).map(read -> stored(roomSid, read));
    }

    @Override
    public SaveResult save(Room room, Revision revision, Duration expireAfter, Instant deadline, Outgoing outgoing) {
        Read read = revision == null
                ? new Read("", 0, RoomParts.SCHEMA, RoomScope.WHOLE, true, RoomParts.Fields.of(Map.of()))
                : (Read) revision;
        boolean migrating = read.schema() < RoomParts.SCHEMA;
        RoomParts.Written changed = RoomParts.encode(room, migrating ? RoomParts.Fields.of(Map.of()) : read.fields());
        long ttl = expireAfter == null ? 0 : expireAfter.toMillis();
        List<String> saveKeys = new ArrayList<>();
        saveKeys.add(keys.room(room.sid()));
        saveKeys.addAll(outbox.expiringWithRoom(room.sid()));
        List<String> args = new ArrayList<>(List.of(read.incarnation(), Long.toString(read.version()),
                Integer.toString(RoomParts.SCHEMA), newIncarnation(read), Long.toString(ttl),
                Long.toString(deadline.toEpochMilli()), Long.toString(outgoing.notAfter()), room.sid(),
                read.scope().whole() ? "1" : "0"));
        addScope(args, read.scope());
        args.add(Integer.toString(changed.text().size()));
        changed.text().forEach((name, value) -> {
            args.add(name);
            args.add(value);
        });
        List<String> deleted = migrating ? List.of(DOCUMENT, LEGACY_DOCUMENT) : List.of();
        args.add(Integer.toString(deleted.size()));
        args.addAll(deleted);
        args.add(Integer.toString(outgoing.messages().size()));
        for (OutboundMessage message : outgoing.messages()) {
            args.add(message.destination().key());
            args.add(message.once() == null ? "" : message.once());
            args.add(messages.encode(message));
        }
        Response answer;
        try {
            answer = redis.call(replicas.longest(), connection -> SAVE.run(connection, saveKeys, args.toArray(String[]::new))
                    .call(saved -> saved.get(0).toInteger() == 1 ? replicas.confirm(connection) : Uni.createFrom().voidItem()));
        } catch (RuntimeException e) {
            // Whether it was written is not known: what is recalled of the room may be stale.
            recalled.forget(room.sid());
            throw e;
        }
        // The answer's shape is the script's (save-room.lua).
        int outcome = answer.get(0).toInteger();
        if (outcome == 1) {
            String incarnation = answer.get(2).toString();
            long version = answer.get(1).toLong();
            // A room read in an older schema is now all in the fields written.
            Read before = migrating ? new Read("", 0, RoomParts.SCHEMA, RoomScope.WHOLE, true, RoomParts.Fields.of(Map.of())) : read;
            recalled.written(room.sid(), before, changed, incarnation, version);
            return new Saved(version);
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
        return new Conflict(read(room.sid(), read.scope(), answer, 1, true));
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

    /** A room read with an incarnation keeps it: only a new room, or one stored before schema 5, gets one. */
    private static String newIncarnation(Read read) {
        return read.incarnation().isEmpty() ? UUID.randomUUID().toString() : "";
    }

    private static void addScope(List<String> args, RoomScope scope) {
        for (var sids : List.of(scope.participantSids(), scope.trackSids(), scope.recordingSids())) {
            args.add(Integer.toString(sids.size()));
            args.addAll(sids);
        }
    }

    /** The room in a script's answer (room-read.lua), from position {@code at}. */
    private Optional<StoredRoom> read(String roomSid, RoomScope scope, Response answer, int at, boolean remember) {
        String version = answer.get(at).toString();
        if (version.equals("0")) {
            recalled.forget(roomSid);
            return Optional.empty();
        }
        String incarnation = answer.get(at + 1).toString();
        int schema = answer.get(at + 2).toInteger();
        String mode = answer.get(at + 3).toString();
        if (mode.equals("newer")) {
            throw newerSchema(roomSid, schema);
        }
        boolean whole = mode.equals("whole");
        Map<String, String> fields = new LinkedHashMap<>();
        for (int k = at + 4; k + 1 < answer.size(); k += 2) {
            fields.put(answer.get(k).toString(), answer.get(k + 1).toString());
        }
        Read read = new Read(incarnation, Long.parseLong(version), schema, whole ? RoomScope.WHOLE : scope, whole,
                RoomParts.Fields.of(fields));
        StoredRoom stored = stored(roomSid, read);
        if (remember && schema == RoomParts.SCHEMA) {
            recalled.remember(roomSid, read);
        }
        return Optional.of(stored);
    }

    private static StoredRoom stored(String roomSid, Read read) {
        try {
            if (read.schema() < RoomParts.SCHEMA) {
                String document = read.fields().text().get(read.schema() == 1 ? LEGACY_DOCUMENT : DOCUMENT);
                if (document == null) {
                    throw new UnreadableRoomException("the room's document is missing");
                }
                return new StoredRoom(RoomDocuments.decode(read.schema(), document), read);
            }
            if (!read.fields().text().containsKey(RoomParts.HEADER)) {
                throw new UnreadableRoomException("the room's header is missing");
            }
            return new StoredRoom(RoomParts.decode(read.fields(), read.whole()), read);
        } catch (UnreadableRoomException e) {
            throw new StoreUnavailableException("room " + roomSid + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static StoreUnavailableException newerSchema(String roomSid, int schema) {
        return new StoreUnavailableException("room " + roomSid + " is stored in schema " + schema + ", newer than this"
                + " version's " + RoomParts.SCHEMA + ": a newer version of the function is being deployed", null);
    }
}
