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
 * its participants, tracks and recordings), each participant ({@code p:PA…}), track ({@code t:MT…}) and
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
    static final String PARTICIPANT = "p:";
    static final String TRACK = "t:";
    static final String RECORDING = "r:";
    static final String EXTERNAL_ID = "x:";

    /** Marks, in what was read, a field that Redis was asked for and does not hold. */
    static final String ABSENT = "";

    @RegisterForReflection
    record Header(String sid, String uniqueName, String type, String status, boolean recordParticipantsOnConnect,
                  String statusCallback, String statusCallbackMethod, Instant dateCreated, Instant dateUpdated,
                  Instant endTime, List<RoomDocument.Rule> rules, Instant rulesCreated, Instant rulesUpdated,
                  int next) {
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
     * its value, {@link #ABSENT}, or empty when it does not know. Empty when {@code lookup} did not know a field
     * the part needs.
     */
    static Optional<Map<String, String>> closure(String roomSid, RoomScope scope, Function<String, Optional<String>> lookup) {
        Map<String, String> part = new LinkedHashMap<>();
        Function<String, String> get = name -> {
            String known = part.get(name);
            if (known != null) {
                return known;
            }
            String value = lookup.apply(name).orElseThrow(Unknown::new);
            part.put(name, value);
            return value;
        };
        try {
            get.apply(HEADER);
            Set<String> tracks = new LinkedHashSet<>(scope.trackSids());
            for (String recordingSid : scope.recordingSids()) {
                String recording = get.apply(RECORDING + recordingSid);
                if (!recording.equals(ABSENT)) {
                    tracks.add(read(recording, RecordingPart.class).r().trackSid());
                }
            }
            Set<String> owners = new LinkedHashSet<>(scope.participantSids());
            for (String trackSid : tracks) {
                String track = get.apply(TRACK + trackSid);
                if (!track.equals(ABSENT) && read(track, TrackPart.class).t().participantSid() != null) {
                    owners.add(read(track, TrackPart.class).t().participantSid());
                }
            }
            Set<String> allTracks = new LinkedHashSet<>(tracks);
            for (String participantSid : owners) {
                String participant = get.apply(PARTICIPANT + participantSid);
                if (!participant.equals(ABSENT)) {
                    allTracks.addAll(read(participant, ParticipantPart.class).tracks());
                }
            }
            for (String trackSid : allTracks) {
                String track = get.apply(TRACK + trackSid);
                if (!track.equals(ABSENT) && read(track, TrackPart.class).current() != null) {
                    get.apply(RECORDING + read(track, TrackPart.class).current());
                }
            }
            get.apply(EXTERNAL_ID + roomSid);
            for (String name : List.copyOf(part.keySet())) {
                String sid = sidOf(name);
                if (sid != null && !part.get(name).equals(ABSENT)) {
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
        Header h = read(fields.get(HEADER), Header.class);
        List<ParticipantPart> participants = new ArrayList<>();
        List<TrackPart> tracks = new ArrayList<>();
        Map<String, RecordingPart> recordings = new HashMap<>();
        Map<String, String> externalIds = new LinkedHashMap<>();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            String name = field.getKey();
            String value = field.getValue();
            if (value.equals(ABSENT)) {
                continue;
            }
            if (name.startsWith(PARTICIPANT)) {
                participants.add(read(value, ParticipantPart.class));
            } else if (name.startsWith(TRACK)) {
                tracks.add(read(value, TrackPart.class));
            } else if (name.startsWith(RECORDING)) {
                RecordingPart recording = read(value, RecordingPart.class);
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
                h.rules() == null ? null : h.rules().stream().map(r -> RoomDocuments.rule(r, wire)).toList(),
                h.rulesCreated(), h.rulesUpdated(),
                participants.stream().map(p -> RoomDocuments.participant(p.p())).toList(),
                tracks.stream().map(t -> RoomDocuments.track(t.t(), wire)).toList(),
                byStart.stream().map(r -> RoomDocuments.recording(r.r(), wire)).toList(), active, externalIds, suspended);
        return whole ? Room.restore(snapshot) : Room.restorePart(snapshot);
    }

    /**
     * The fields that store the room as it is now, given the fields it was read from ({@code read}, empty for
     * a room not stored yet): an entity keeps its ordinal, a new one takes the next.
     */
    static Map<String, String> encode(Room room, Map<String, String> read) {
        RoomSnapshot s = room.snapshot();
        Header before = read.containsKey(HEADER) && !read.get(HEADER).equals(ABSENT)
                ? read(read.get(HEADER), Header.class) : null;
        int[] next = {before == null ? 0 : before.next()};
        Map<String, String> fields = new LinkedHashMap<>();
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
            ParticipantPart was = readIfHeld(read, PARTICIPANT + participant.sid(), ParticipantPart.class);
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
            fields.put(PARTICIPANT + participant.sid(), write(new ParticipantPart(ordinal(was == null ? null : was.o(), next),
                    RoomDocuments.participant(participant), List.copyOf(published))));
        }
        for (Track track : s.tracks()) {
            TrackPart was = readIfHeld(read, TRACK + track.sid(), TrackPart.class);
            fields.put(TRACK + track.sid(), write(new TrackPart(ordinal(was == null ? null : was.o(), next),
                    RoomDocuments.track(track), s.activeRecordings().get(track.sid()), suspended.contains(track.sid()))));
        }
        for (Recording recording : s.recordings()) {
            RecordingPart was = readIfHeld(read, RECORDING + recording.sid(), RecordingPart.class);
            fields.put(RECORDING + recording.sid(), write(new RecordingPart(ordinal(was == null ? null : was.o(), next),
                    RoomDocuments.recording(recording))));
        }
        s.externalIds().forEach((sid, id) -> fields.put(EXTERNAL_ID + sid, id));
        fields.put(HEADER, write(new Header(s.sid(), s.uniqueName(), s.type().wireName(), s.status().wireName(),
                s.recordParticipantsOnConnect(), s.statusCallback(), s.statusCallbackMethod(), s.dateCreated(),
                s.dateUpdated(), s.endTime(), s.rules() == null ? null : s.rules().stream().map(RoomDocuments::rule).toList(),
                s.rulesCreated(), s.rulesUpdated(), next[0])));
        return fields;
    }

    private static int ordinal(Integer kept, int[] next) {
        return kept != null ? kept : next[0]++;
    }

    private static <T> T readIfHeld(Map<String, String> read, String name, Class<T> type) {
        String value = read.get(name);
        return value == null || value.equals(ABSENT) ? null : read(value, type);
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
