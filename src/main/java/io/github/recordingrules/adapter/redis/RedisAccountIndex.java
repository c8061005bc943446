package io.github.recordingrules.adapter.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.recordingrules.application.AccountIndex;
import io.github.recordingrules.config.RecordingRulesConfig;
import io.github.recordingrules.domain.room.Recording;
import io.github.recordingrules.domain.room.RoomStatus;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The {@link AccountIndex} in Redis (docs/SPEC.md §8.7). Its keys all carry the hash tag {@code {index}}, so
 * that one script can keep them consistent on a Redis Cluster too (one slot, no cross-slot command):
 * <ul>
 *   <li>{@code rooms:in-progress}, {@code rooms:completed}: sorted sets of room SIDs scored by creation time
 *       (milliseconds), one per status, so a list reads a window of one set, whatever the number of rooms
 *       of the other status;</li>
 *   <li>{@code rooms:by-name}: one sorted set of {@code <name length><name><creation><SID>} members, read by
 *       lexical range; {@code rooms:name-of} maps a room to its member there;</li>
 *   <li>{@code recordings}: recording SIDs scored by creation time; {@code recording-room}: recording SID to
 *       room SID; {@code deleted}: the kept copy of each deleted recording;</li>
 *   <li>{@code expiry}: every room and recording SID above, scored by when what it names expires. Each write
 *       and list first drops a batch of entries that have expired, and every index key expires with the
 *       last of them, so the index never outlives what it names.</li>
 * </ul>
 */
@ApplicationScoped
public class RedisAccountIndex implements AccountIndex {

    /**
     * Before a room's save. ARGV: now, room SID, creation, first (1/0), ending (1/0), name member or '',
     * lifetime end, retention end, then per started recording its SID and creation.
     */
    private static final RedisScript BEFORE_SAVE = RedisScript.load("index-before-save", "index-common");

    /**
     * After the save that ended a room: its entries get the room's exact expiry. ARGV: now, room SID, its
     * expiry, then the SIDs of its recordings (not the deleted ones: theirs is the deleted retention).
     */
    private static final RedisScript AFTER_END = RedisScript.load("index-after-end", "index-common");

    /** A deleted recording's copy. ARGV: now, room SID, recording SID, its creation, kept until, the copy. */
    private static final RedisScript KEEP_DELETED = RedisScript.load("index-keep-deleted", "index-common");

    /**
     * A window of one list. ARGV: now, 'score' or 'lex', the list's key index, min, max, offset, count.
     * Answers whether more follow, then the members (for recordings: each with its room).
     */
    private static final RedisScript WINDOW = RedisScript.load("index-window", "index-common");

    private static final int IN_PROGRESS = 1;
    private static final int COMPLETED = 2;
    private static final int BY_NAME = 3;
    private static final int RECORDINGS = 6;

    private final RedisCalls redis;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();
    private final List<String> keys;
    private final String recordingRoomKey;
    private final String deletedKey;

    RedisAccountIndex(RedisCalls redis, ObjectMapper json, RecordingRulesConfig config) {
        this.redis = redis;
        this.json = json;
        String index = config.redis().keyPrefix() + ":{index}:";
        this.keys = List.of(index + "rooms:in-progress", index + "rooms:completed", index + "rooms:by-name",
                index + "rooms:name-of", index + "expiry", index + "recordings", index + "recording-room",
                index + "deleted");
        this.recordingRoomKey = keys.get(6);
        this.deletedKey = keys.get(7);
    }

    /** The index's keys, in the order the scripts number them. */
    List<String> keys() {
        return keys;
    }

    @Override
    public void beforeSave(Update update) {
        List<String> args = new ArrayList<>(List.of(now(), update.roomSid(), millis(update.dateCreated()),
                update.first() ? "1" : "0", update.ending() ? "1" : "0",
                update.uniqueName() == null ? "" : nameMember(update.uniqueName(), update.dateCreated(), update.roomSid()),
                millis(update.lifetimeUntil()), millis(update.retentionUntil())));
        for (Recording started : update.started()) {
            args.add(started.sid());
            args.add(millis(started.dateCreated()));
        }
        run(BEFORE_SAVE, args);
    }

    @Override
    public void afterEnd(String roomSid, Instant expiresAt, Collection<String> recordingSids) {
        List<String> args = new ArrayList<>(List.of(now(), roomSid, millis(expiresAt)));
        args.addAll(recordingSids);
        run(AFTER_END, args);
    }

    @Override
    public Window<String> rooms(RoomStatus status, String uniqueName, Instant from, Instant to, int offset, int count) {
        Response answer;
        if (uniqueName != null) {
            String prefix = namePrefix(uniqueName);
            answer = run(WINDOW, List.of(now(), "lex", Integer.toString(BY_NAME), "[" + prefix, "(" + prefix + ":",
                    Integer.toString(offset), Integer.toString(count)));
        } else {
            answer = run(WINDOW, List.of(now(), "score",
                    Integer.toString(status == RoomStatus.IN_PROGRESS ? IN_PROGRESS : COMPLETED),
                    from == null ? "-inf" : millis(from), to == null ? "+inf" : millis(to),
                    Integer.toString(offset), Integer.toString(count)));
        }
        List<String> sids = new ArrayList<>();
        for (int i = 1; i < answer.size(); i++) {
            String member = answer.get(i).toString();
            sids.add(member.substring(member.length() - 34));
        }
        return new Window<>(sids, answer.get(0).toInteger() == 1);
    }

    @Override
    public Window<RecordingEntry> recordings(Instant from, Instant to, int offset, int count) {
        Response answer = run(WINDOW, List.of(now(), "score", Integer.toString(RECORDINGS),
                from == null ? "-inf" : millis(from), to == null ? "+inf" : millis(to),
                Integer.toString(offset), Integer.toString(count)));
        List<RecordingEntry> entries = new ArrayList<>();
        for (int i = 1; i + 1 < answer.size(); i += 2) {
            entries.add(new RecordingEntry(answer.get(i).toString(), answer.get(i + 1).toString(), null));
        }
        return new Window<>(entries, answer.get(0).toInteger() == 1);
    }

    @Override
    public Optional<String> roomOfRecording(String recordingSid) {
        Response room = redis.call(r -> r.execute("HGET", recordingRoomKey, recordingSid));
        return room == null ? Optional.empty() : Optional.of(room.toString());
    }

    @Override
    public void keepDeleted(String roomSid, Recording deleted, Instant until) {
        run(KEEP_DELETED, List.of(now(), roomSid, deleted.sid(), millis(deleted.dateCreated()), millis(until),
                encode(new KeptRecording(roomSid, deleted))));
    }

    @Override
    public Optional<RecordingEntry> deletedRecording(String recordingSid) {
        Response kept = redis.call(r -> r.execute("HGET", deletedKey, recordingSid));
        if (kept == null) {
            return Optional.empty();
        }
        KeptRecording copy = decode(kept.toString());
        return Optional.of(new RecordingEntry(recordingSid, copy.roomSid(), copy.recording()));
    }

    /** A deleted recording as kept once its room may be gone. */
    @RegisterForReflection
    record KeptRecording(String roomSid, Recording recording) {
    }

    private Response run(RedisScript script, List<String> args) {
        return redis.call(r -> script.run(r, keys, args.toArray(String[]::new)));
    }

    /**
     * The by-name member's prefix for a name: its length in UTF-8 bytes (four hex digits), then the name, so
     * that no name's prefix is another name's. The creation time follows in digits, so every member of a
     * name sorts below its prefix followed by ':'.
     */
    static String namePrefix(String uniqueName) {
        int bytes = uniqueName.getBytes(StandardCharsets.UTF_8).length;
        return HexFormat.of().toHexDigits((short) bytes) + uniqueName;
    }

    private static String nameMember(String uniqueName, Instant created, String roomSid) {
        return namePrefix(uniqueName) + String.format("%016d", created.toEpochMilli()) + roomSid;
    }

    private String now() {
        return millis(clock.instant());
    }

    private static String millis(Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }

    private String encode(KeptRecording copy) {
        try {
            return json.writeValueAsString(copy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a recording is always serialisable", e);
        }
    }

    private KeptRecording decode(String stored) {
        try {
            return json.readValue(stored, KeptRecording.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a kept recording is unreadable", e);
        }
    }
}
