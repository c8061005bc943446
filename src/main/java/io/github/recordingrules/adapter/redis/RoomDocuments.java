package io.github.recordingrules.adapter.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.recordingrules.domain.WireName;
import io.github.recordingrules.domain.room.Participant;
import io.github.recordingrules.domain.room.Recording;
import io.github.recordingrules.domain.room.RecordingMedia;
import io.github.recordingrules.domain.room.RecordingStatus;
import io.github.recordingrules.domain.room.Room;
import io.github.recordingrules.domain.room.RoomSnapshot;
import io.github.recordingrules.domain.room.RoomStatus;
import io.github.recordingrules.domain.room.RoomType;
import io.github.recordingrules.domain.room.Track;
import io.github.recordingrules.domain.rules.RecordingRule;
import io.github.recordingrules.domain.rules.RuleType;
import io.github.recordingrules.domain.rules.TrackKind;

import java.util.Locale;

/**
 * A room from its stored document ({@link RoomDocument}, schemas 1 to 4), with a mapper of this adapter's own, not
 * the application's: it refuses any field it does not know, so a document a newer version wrote is never
 * read as if it were complete and then written back without what it did not understand.
 */
final class RoomDocuments {

    /**
     * The last schema that stored a room as one document; this version reads every one up to it, and writes
     * schema 5 ({@link RoomParts}). 3 added a participant's {@code connectedAt} and a recording's
     * {@code dateDeleted}, 4 the room's {@code externalIds} and {@code suspendedTracks}, absent (null) in older
     * documents.
     */
    static final int LAST_SCHEMA = 4;

    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private RoomDocuments() {
    }

    /**
     * The room stored as {@code text} in {@code schema}.
     *
     * @throws UnreadableRoomException when the schema is newer than this version's or the text does not match it
     */
    static Room decode(int schema, String text) {
        if (schema > LAST_SCHEMA || schema < 1) {
            throw new UnreadableRoomException("the room is stored in schema " + schema + "; this version reads documents of schemas 1 to " + LAST_SCHEMA);
        }
        RoomDocument d;
        try {
            d = JSON.readValue(text, RoomDocument.class);
        } catch (JsonProcessingException e) {
            throw new UnreadableRoomException("the stored room does not match schema " + schema + ": " + e.getOriginalMessage());
        }
        Spelling spelling = schema == 1 ? Spelling.CONSTANT : Spelling.WIRE;
        return Room.restore(new RoomSnapshot(d.sid(), d.uniqueName(), spelling.of(RoomType.class, d.type()),
                spelling.of(RoomStatus.class, d.status()), d.recordParticipantsOnConnect(), d.statusCallback(),
                d.statusCallbackMethod(), d.dateCreated(), d.dateUpdated(), d.endTime(),
                d.rules() == null ? null : d.rules().stream().map(r -> rule(r, spelling)).toList(),
                d.rulesCreated(), d.rulesUpdated(), d.participants().stream().map(RoomDocuments::participant).toList(),
                d.tracks().stream().map(t -> track(t, spelling)).toList(),
                d.recordings().stream().map(r -> recording(r, spelling)).toList(), d.activeRecordings(), d.externalIds(),
                d.suspendedTracks()));
    }

    static RoomDocument.Rule rule(RecordingRule r) {
        return new RoomDocument.Rule(r.type().wireName(), r.all(), wire(r.kind()), r.publisher(), r.track());
    }

    static RecordingRule rule(RoomDocument.Rule r, Spelling spelling) {
        return new RecordingRule(spelling.of(RuleType.class, r.type()), r.all(), spelling.of(TrackKind.class, r.kind()),
                r.publisher(), r.track());
    }

    static RoomDocument.Participant participant(Participant p) {
        return new RoomDocument.Participant(p.sid(), p.identity(), p.connected(), p.changedAt(), p.connectedAt());
    }

    static Participant participant(RoomDocument.Participant p) {
        return new Participant(p.sid(), p.identity(), p.connected(), p.changedAt(), p.connectedAt());
    }

    static RoomDocument.Track track(Track t) {
        return new RoomDocument.Track(t.sid(), t.name(), wire(t.kind()), t.participantSid(), t.published(), t.changedAt(),
                t.enabled(), t.enabledChangedAt());
    }

    static Track track(RoomDocument.Track t, Spelling spelling) {
        return new Track(t.sid(), t.name(), spelling.of(TrackKind.class, t.kind()), t.participantSid(), t.published(),
                t.changedAt(), t.enabled(), t.enabledChangedAt());
    }

    static RoomDocument.Recording recording(Recording r) {
        RecordingMedia m = r.media();
        return new RoomDocument.Recording(r.sid(), r.trackSid(), r.trackName(), wire(r.kind()), r.participantSid(),
                r.status().wireName(), r.dateCreated(), r.dateCompleted(), r.duration(),
                m == null ? null : new RoomDocument.Media(m.mediaUri(), m.mediaExternalLocation(), m.size(), m.codec(),
                        m.container(), m.offset(), m.failedOperation()), r.dateDeleted());
    }

    static Recording recording(RoomDocument.Recording r, Spelling spelling) {
        RoomDocument.Media m = r.media();
        return new Recording(r.sid(), r.trackSid(), r.trackName(), spelling.of(TrackKind.class, r.kind()),
                r.participantSid(), spelling.of(RecordingStatus.class, r.status()), r.dateCreated(), r.dateCompleted(),
                r.duration(), m == null ? null : new RecordingMedia(m.mediaUri(), m.mediaExternalLocation(), m.size(),
                m.codec(), m.container(), m.offset(), m.failedOperation()), r.dateDeleted());
    }

    static String wire(WireName value) {
        return value == null ? null : value.wireName();
    }

    /**
     * How a schema spells enumerations: schema 1 as the Java constants of its day ({@code IN_PROGRESS}),
     * which are the wire names upper-cased with '-' as '_'; later ones as the wire names ({@code in-progress}).
     */
    enum Spelling {
        CONSTANT, WIRE;

        <E extends Enum<E> & WireName> E of(Class<E> type, String text) {
            if (text == null) {
                return null;
            }
            for (E constant : type.getEnumConstants()) {
                String wire = constant.wireName();
                if (text.equals(this == WIRE ? wire : wire.toUpperCase(Locale.ROOT).replace('-', '_'))) {
                    return constant;
                }
            }
            throw new UnreadableRoomException("no " + type.getSimpleName() + " is spelled " + text);
        }
    }
}
