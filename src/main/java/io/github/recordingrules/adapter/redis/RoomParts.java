package io.github.recordingrules.adapter.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.recordingrules.domain.room.Participant;
import io.github.recordingrules.domain.room.Recording;
import io.github.recordingrules.domain.room.Room;
import io.github.recordingrules.domain.room.RoomScope;
import io.github.recordingrules.domain.room.RoomSnapshot;
import io.github.recordingrules.domain.room.RoomStatus;
import io.github.recordingrules.domain.room.RoomType;
import io.github.recordingrules.domain.room.Track;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Schema 5 of a stored room (docs/SPEC.md §8.1): the room's hash holds its header ({@code h}: everything but
 * its rules, participants, tracks and recordings), its rules ({@code rl}), each participant ({@code p:PA…}), track ({@code t:MT…}) and
 * recording ({@code r:RT…}) in a field of its own, and each media server id in {@code x:<SID>}. An event reads
 * and writes the fields of its {@link RoomScope} only, so what it costs does not grow with the room.
 * <p>
 * The fields hold what a part needs to find the rest of its scope: a participant its tracks, a track its
 * publisher and current recording, a recording its track ({@link #closure}; {@code redis/room-read.lua}
 * follows the same links inside Redis). Each entity has an ordinal, from the header's counter, so that the
 * whole room lists them in the order they were first stored.
 */
final class RoomParts {

    static final int SCHEMA = 5;

    static final String HEADER = RedisKeys.HEADER;
    static final String RULES = RedisKeys.RULES;
    static final String PARTICIPANT = "p:";
    static final String TRACK = "t:";
    static final String RECORDING = "r:";
    static final String EXTERNAL_ID = "x:";

    /** Marks, in what was read, a field that Redis was asked for and does not hold. */
    static final String ABSENT = "";

    /**
     * Fields as read: each one's stored text ({@link #ABSENT} for one asked for and not there), and each decoded
     * at most once. Used by one request at a time.
     */
    static final class Fields {

        private final Map<String, String> text;
        private final Map<String, Object> decoded;

        Fields(Map<String, String> text, Map<String, Object> decoded) {
            this.text = text;
            this.decoded = decoded;
        }

        static Fields of(Map<String, String> text) {
            return new Fields(text, new HashMap<>());
        }

        Map<String, String> text() {
            return text;
        }

        /** What has been decoded so far, by field name. */
        Map<String, Object> decoded() {
            return decoded;
        }

        /** The field decoded, or null when it is not held. */
        <T> T part(String name, Class<T> type) {
            String stored = text.get(name);
            if (stored == null || stored.equals(ABSENT)) {
                return null;
            }
            Object part = decoded.get(name);
            if (part == null) {
                part = read(stored, type);
                decoded.put(name, part);
            }
            return type.cast(part);
        }
    }

    /** The fields a change writes, as text for Redis and decoded for what the instance recalls. */
    record Written(Map<String, String> text, Map<String, Object> decoded) {
    }

    /** Everything of the room but its rules, participants, tracks and recordings; rewritten by most changes. */
    @RegisterForReflection
    record Header(String sid, String uniqueName, String type, String status, boolean recordParticipantsOnConnect,
                  String statusCallback, String statusCallbackMethod, Instant dateCreated, Instant dateUpdated,
                  Instant endTime, int next) {
    }

    /** The rules posted last (null: none) and when: written only when they change. */
    @RegisterForReflection
    record RulesPart(List<RoomDocument.Rule> rules, Instant rulesCreated, Instant rulesUpdated) {
    }

    /** @param tracks the SIDs of the tracks it published, in the order first heard of */
    @RegisterForReflection
    record ParticipantPart(int o, RoomDocument.Participant p, List<String> tracks) {
    }

    /**
     * @param current   the SID of its processing recording, null when it is not a recording track
     * @param suspended wanted but left unrecorded, the media server having failed it (docs/SPEC.md §4.4)
     */
    @RegisterForReflection
    record TrackPart(int o, RoomDocument.Track t, String current, boolean suspended) {
    }

    @RegisterForReflection
    record RecordingPart(int o, RoomDocument.Recording r) {
    }

    private RoomParts() {
    }

    /**
     * The fields of a scope's part, and of nothing else, from what {@code lookup} answers for a field name:
     * its text, {@link #ABSENT}, or empty when it does not know; {@code known} holds fields decoded already.
     * Empty when {@code lookup} did not know a field the part needs.
     */
    static Optional<Fields> closure(String roomSid, RoomScope scope, Function<String, Optional<String>> lookup,
                                    Map<String, Object> known) {
        Fields part = new Fields(new LinkedHashMap<>(), new HashMap<>());
        Function<String, String> get = name -> {
            String held = part.text().get(name);
            if (held != null) {
                return held;
            }
            String value = lookup.apply(name).orElseThrow(Unknown::new);
            part.text().put(name, value);
            Object decoded = known.get(name);
            if (decoded != null) {
                part.decoded().put(name, decoded);
            }
            return value;
        };
        try {
            get.apply(HEADER);
            get.apply(RULES);
            Set<String> tracks = new LinkedHashSet<>(scope.trackSids());
            for (String recordingSid : scope.recordingSids()) {
                get.apply(RECORDING + recordingSid);
                RecordingPart recording = part.part(RECORDING + recordingSid, RecordingPart.class);
                if (recording != null) {
                    tracks.add(recording.r().trackSid());
                }
            }
            Set<String> owners = new LinkedHashSet<>(scope.participantSids());
            for (String trackSid : tracks) {
                get.apply(TRACK + trackSid);
                TrackPart track = part.part(TRACK + trackSid, TrackPart.class);
                if (track != null && track.t().participantSid() != null) {
                    owners.add(track.t().participantSid());
                }
            }
            Set<String> allTracks = new LinkedHashSet<>(tracks);
            for (String participantSid : owners) {
                get.apply(PARTICIPANT + participantSid);
                ParticipantPart participant = part.part(PARTICIPANT + participantSid, ParticipantPart.class);
                if (participant != null) {
                    allTracks.addAll(participant.tracks());
                }
            }
            for (String trackSid : allTracks) {
                get.apply(TRACK + trackSid);
                TrackPart track = part.part(TRACK + trackSid, TrackPart.class);
                if (track != null && track.current() != null) {
                    get.apply(RECORDING + track.current());
                }
            }
            get.apply(EXTERNAL_ID + roomSid);
            for (String name : List.copyOf(part.text().keySet())) {
                String sid = sidOf(name);
                if (sid != null && !part.text().get(name).equals(ABSENT)) {
                    get.apply(EXTERNAL_ID + sid);
                }
            }
        } catch (Unknown e) {
            return Optional.empty();
        }
        return Optional.of(part);
    }

    /** The room those fields hold: all of it when {@code whole}, else the part they are the closure of. */
    static Room decode(Map<String, String> fields, boolean whole) {
        return decode(Fields.of(fields), whole);
    }

    static Room decode(Fields fields, boolean whole) {
        Header h = fields.part(HEADER, Header.class);
        RulesPart rules = fields.part(RULES, RulesPart.class);
        if (rules == null) {
            throw new UnreadableRoomException("the room's rules field is missing");
        }
        List<ParticipantPart> participants = new ArrayList<>();
        List<TrackPart> tracks = new ArrayList<>();
        Map<String, RecordingPart> recordings = new HashMap<>();
        Map<String, String> externalIds = new LinkedHashMap<>();
        for (Map.Entry<String, String> field : fields.text().entrySet()) {
            String name = field.getKey();
            String value = field.getValue();
            if (value.equals(ABSENT)) {
                continue;
            }
            if (name.startsWith(PARTICIPANT)) {
                participants.add(fields.part(name, ParticipantPart.class));
            } else if (name.startsWith(TRACK)) {
                tracks.add(fields.part(name, TrackPart.class));
            } else if (name.startsWith(RECORDING)) {
                RecordingPart recording = fields.part(name, RecordingPart.class);
                recordings.put(recording.r().sid(), recording);
            } else if (name.startsWith(EXTERNAL_ID)) {
                externalIds.put(name.substring(EXTERNAL_ID.length()), value);
            }
        }
        participants.sort(Comparator.comparingInt(ParticipantPart::o));
        tracks.sort(Comparator.comparingInt(TrackPart::o));
        List<RecordingPart> byStart = new ArrayList<>(recordings.values());
        byStart.sort(Comparator.comparingInt(RecordingPart::o));
        List<TrackPart> recordingTracks = new ArrayList<>();
        List<String> suspended = new ArrayList<>();
        for (TrackPart track : tracks) {
            if (track.current() != null) {
                recordingTracks.add(track);
            }
            if (track.suspended()) {
                suspended.add(track.t().sid());
            }
        }
        // The set of recording tracks is kept in the order its recordings started (Room#recordingTracks).
        recordingTracks.sort(Comparator.comparingInt(t -> recordings.get(t.current()).o()));
        Map<String, String> active = new LinkedHashMap<>();
        recordingTracks.forEach(t -> active.put(t.t().sid(), t.current()));
        RoomDocuments.Spelling wire = RoomDocuments.Spelling.WIRE;
        RoomSnapshot snapshot = new RoomSnapshot(h.sid(), h.uniqueName(), wire.of(RoomType.class, h.type()),
                wire.of(RoomStatus.class, h.status()), h.recordParticipantsOnConnect(), h.statusCallback(),
                h.statusCallbackMethod(), h.dateCreated(), h.dateUpdated(), h.endTime(),
                rules.rules() == null ? null : rules.rules().stream().map(r -> RoomDocuments.rule(r, wire)).toList(),
                rules.rulesCreated(), rules.rulesUpdated(),
                participants.stream().map(p -> RoomDocuments.participant(p.p())).toList(),
                tracks.stream().map(t -> RoomDocuments.track(t.t(), wire)).toList(),
                byStart.stream().map(r -> RoomDocuments.recording(r.r(), wire)).toList(), active, externalIds, suspended);
        return whole ? Room.restore(snapshot) : Room.restorePart(snapshot);
    }

    /** Every field that stores the room as it is now (for a room not stored yet). */
    static Map<String, String> encode(Room room) {
        return encode(room, Fields.of(Map.of())).text();
    }

    /**
     * The fields that store the room as it is now and differ from those it was read from ({@code read}): an
     * entity keeps its ordinal, a new one takes the next.
     */
    static Written encode(Room room, Fields read) {
        RoomSnapshot s = room.snapshot();
        Header before = read.part(HEADER, Header.class);
        int[] next = {before == null ? 0 : before.next()};
        Map<String, Object> parts = new LinkedHashMap<>();
        Set<String> suspended = Set.copyOf(s.suspendedTracks());
        Map<String, List<String>> tracksOf = new HashMap<>();
        Map<String, Track> held = new HashMap<>();
        for (Track track : s.tracks()) {
            held.put(track.sid(), track);
            if (track.participantSid() != null) {
                tracksOf.computeIfAbsent(track.participantSid(), p -> new ArrayList<>()).add(track.sid());
            }
        }
        for (Participant participant : s.participants()) {
            ParticipantPart was = read.part(PARTICIPANT + participant.sid(), ParticipantPart.class);
            Set<String> published = new LinkedHashSet<>();
            if (was != null) {
                for (String trackSid : was.tracks()) {
                    // A track held now under another publisher is no longer this one's.
                    Track now = held.get(trackSid);
                    if (now == null || participant.sid().equals(now.participantSid())) {
                        published.add(trackSid);
                    }
                }
            }
            published.addAll(tracksOf.getOrDefault(participant.sid(), List.of()));
            changed(parts, PARTICIPANT + participant.sid(), was, new ParticipantPart(ordinal(was == null ? null : was.o(), next),
                    RoomDocuments.participant(participant), List.copyOf(published)));
        }
        for (Track track : s.tracks()) {
            TrackPart was = read.part(TRACK + track.sid(), TrackPart.class);
            changed(parts, TRACK + track.sid(), was, new TrackPart(ordinal(was == null ? null : was.o(), next),
                    RoomDocuments.track(track), s.activeRecordings().get(track.sid()), suspended.contains(track.sid())));
        }
        for (Recording recording : s.recordings()) {
            RecordingPart was = read.part(RECORDING + recording.sid(), RecordingPart.class);
            changed(parts, RECORDING + recording.sid(), was, new RecordingPart(ordinal(was == null ? null : was.o(), next),
                    RoomDocuments.recording(recording)));
        }
        Map<String, String> text = new LinkedHashMap<>();
        s.externalIds().forEach((sid, id) -> {
            if (!id.equals(read.text().get(EXTERNAL_ID + sid))) {
                text.put(EXTERNAL_ID + sid, id);
            }
        });
        changed(parts, RULES, read.part(RULES, RulesPart.class), new RulesPart(
                s.rules() == null ? null : s.rules().stream().map(RoomDocuments::rule).toList(), s.rulesCreated(), s.rulesUpdated()));
        changed(parts, HEADER, before, new Header(s.sid(), s.uniqueName(), s.type().wireName(), s.status().wireName(),
                s.recordParticipantsOnConnect(), s.statusCallback(), s.statusCallbackMethod(), s.dateCreated(),
                s.dateUpdated(), s.endTime(), next[0]));
        parts.forEach((name, part) -> text.put(name, write(part)));
        return new Written(text, parts);
    }

    /** Only a part that differs from what was read is written. */
    private static void changed(Map<String, Object> parts, String name, Object was, Object now) {
        if (!now.equals(was)) {
            parts.put(name, now);
        }
    }

    private static int ordinal(Integer kept, int[] next) {
        return kept != null ? kept : next[0]++;
    }

    /** The SID a participant's, track's or recording's field is named after; null for other fields. */
    static String sidOf(String field) {
        if (field.startsWith(PARTICIPANT) || field.startsWith(TRACK) || field.startsWith(RECORDING)) {
            return field.substring(2);
        }
        return null;
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return RoomDocuments.JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UnreadableRoomException("a field of the stored room does not match schema " + SCHEMA + ": "
                    + e.getOriginalMessage());
        }
    }

    private static String write(Object part) {
        try {
            return RoomDocuments.JSON.writeValueAsString(part);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a room's fields are always serialisable", e);
        }
    }

    /** A field the part needs that the lookup does not know. */
    private static final class Unknown extends RuntimeException {
        Unknown() {
            super(null, null, false, false);
        }
    }
}
