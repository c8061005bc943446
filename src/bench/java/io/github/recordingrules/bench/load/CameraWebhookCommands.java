package io.github.recordingrules.bench.load;

import io.github.recordingrules.adapter.redis.RedisKeys;
import io.github.recordingrules.adapter.redis.RedisScript;
import io.github.recordingrules.support.Fixtures;
import io.github.recordingrules.support.RedisWire;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.github.recordingrules.support.RedisTestResource.KEYS;

/**
 * The Redis commands one state-changing camera webhook sends into a stored room, as RedisRoomStore sends them
 * (schema 5), for {@code redis-benchmark} to run: the load of the camera's scope (EVALSHA of load-room.lua, the
 * read a miss costs) and the save of the fields a camera toggle writes (EVALSHA of save-room.lua, the one round
 * trip of a hit). The camera is participant 0's, named as {@link Workload} and {@link SizedRooms} name it, or,
 * when the room no longer holds that one, the first camera it holds.
 *
 * @param storedChars the room as stored: the characters of its fields' names and values (HGETALL)
 * @param partChars   what a camera webhook's load reads of it: the characters of load-room's answer
 */
record CameraWebhookCommands(String[] load, String[] save, long storedChars, long partChars) {

    static final RedisScript LOAD = RedisScript.load("load-room", "room-read");
    static final RedisScript SAVE = RedisScript.load("save-room", "room-read");

    private static final Pattern CURRENT = Pattern.compile("\"current\"\\s*:\\s*\"(RT[0-9a-f]{32})\"");
    private static final Pattern PUBLISHER = Pattern.compile("\"participantSid\"\\s*:\\s*\"(PA[0-9a-f]{32})\"");
    /** How a camera's SID ends: {@link Fixtures#sid} is the hex of its label's end, "…-cam". */
    private static final String CAMERA_SUFFIX = String.format("%x", new BigInteger(1, "-cam".getBytes(StandardCharsets.UTF_8)));

    /** Loads both scripts into Redis, as the function's first call of each does. */
    static void loadScripts(int redisPort) {
        try (RedisWire wire = RedisWire.connect(redisPort)) {
            for (RedisScript script : List.of(LOAD, SAVE)) {
                String sha = wire.text("SCRIPT", "LOAD", script.source());
                if (!sha.equals(script.sha1())) {
                    throw new IllegalStateException("SCRIPT LOAD gave " + sha + ", the function runs " + script.sha1());
                }
            }
        }
    }

    static CameraWebhookCommands of(int redisPort, String roomSid) {
        String roomKey = KEYS.room(roomSid);
        try (RedisWire wire = RedisWire.connect(redisPort)) {
            Map<String, String> fields = new LinkedHashMap<>();
            List<?> all = (List<?>) wire.call("HGETALL", roomKey);
            long stored = 0;
            for (int k = 0; k + 1 < all.size(); k += 2) {
                fields.put(all.get(k).toString(), all.get(k + 1).toString());
                stored += all.get(k).toString().length() + all.get(k + 1).toString().length();
            }
            String schema = fields.get(RedisKeys.SCHEMA);
            String first = "t:" + Fixtures.sid("MT", roomSid + "-0-cam");
            String cameraField = fields.containsKey(first) ? first : fields.keySet().stream()
                    .filter(f -> f.startsWith("t:") && f.endsWith(CAMERA_SUFFIX)).findFirst().orElse(null);
            if (schema == null || cameraField == null || fields.get(RedisKeys.HEADER) == null) {
                throw new IllegalStateException(roomKey + " holds no schema, header or camera (fields: "
                        + fields.keySet().stream().limit(8).toList() + "…)");
            }
            String camera = cameraField.substring(2);
            String track = fields.get(cameraField);
            Matcher publisher = PUBLISHER.matcher(track);
            if (!publisher.find()) {
                throw new IllegalStateException("no publisher in " + track);
            }
            String participant = publisher.group(1);
            String[] load = {"EVALSHA", LOAD.sha1(), "1", roomKey, roomSid, schema, "0", "1", participant, "1", camera, "0"};
            long part = 0;
            for (Object element : (List<?>) wire.call(load)) {
                part += element == null ? 0 : element.toString().length();
            }
            String recording = recordingField(fields, track, camera);
            // A new room in a fresh random key each call: every call is a successful write, and its time to live
            // (1 s where the function sets 48 h, at the same cost) keeps them from piling up in memory.
            String[] save = {"EVALSHA", SAVE.sha1(), "2", "rrbench:{RM__rand_int__}:room", "rrbench:{RM__rand_int__}:outbox",
                    "", "0", schema, UUID.randomUUID().toString(), "1000", Long.toString(Long.MAX_VALUE / 2), "0", roomSid, "0",
                    "0", "0", "0",
                    "3", RedisKeys.HEADER, fields.get(RedisKeys.HEADER), "t:" + camera, track, recording, fields.get(recording),
                    "0", "0"};
            return new CameraWebhookCommands(load, save, stored, part);
        }
    }

    /** The camera's current recording, else one of its past ones, else any: a toggle writes one of them. */
    private static String recordingField(Map<String, String> fields, String track, String camera) {
        Matcher current = CURRENT.matcher(track);
        if (current.find() && fields.containsKey("r:" + current.group(1))) {
            return "r:" + current.group(1);
        }
        return fields.entrySet().stream().filter(f -> f.getKey().startsWith("r:") && f.getValue().contains(camera))
                .map(Map.Entry::getKey).findFirst()
                .orElseGet(() -> fields.keySet().stream().filter(f -> f.startsWith("r:")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no recording in the room")));
    }
}
