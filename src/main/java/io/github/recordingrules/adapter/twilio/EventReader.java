package io.github.recordingrules.adapter.twilio;

import io.github.recordingrules.adapter.http.InvalidParameterException;
import io.github.recordingrules.domain.Limits;
import io.github.recordingrules.domain.Sids;
import io.github.recordingrules.domain.room.RecordingMedia;
import io.github.recordingrules.domain.room.RecordingStatus;
import io.github.recordingrules.domain.room.RoomEvent;
import io.github.recordingrules.domain.room.RoomType;
import io.github.recordingrules.domain.rules.TrackKind;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.Predicate;

/** Reads a Twilio-style room status callback (docs/SPEC.md §7.3) into a {@link RoomEvent}; unknown parameters are ignored. */
final class EventReader {

    /** A callback as read: the room it names and what happened to it. */
    record Callback(String roomSid, String roomName, RoomType roomType, String eventName, RoomEvent event) {
    }

    private final Map<String, List<String>> form;

    private EventReader(Map<String, List<String>> form) {
        this.form = form;
    }

    static Callback read(Map<String, List<String>> form, Supplier<Instant> now) {
        return new EventReader(form).read(now);
    }

    private Callback read(Supplier<Instant> now) {
        String roomSid = required("RoomSid", Sids::isRoom);
        String eventName = required("StatusCallbackEvent", null);
        String timestamp = optional("Timestamp");
        Instant at = timestamp == null ? now.get() : parseTimestamp(timestamp);
        RoomEvent event = switch (eventName) {
            case "room-created" -> new RoomEvent.RoomCreated(at);
            case "room-ended" -> new RoomEvent.RoomEnded(at);
            case "participant-connected" -> new RoomEvent.ParticipantConnected(at,
                    required("ParticipantSid", Sids::isParticipant), optional("ParticipantIdentity"));
            case "participant-disconnected" -> new RoomEvent.ParticipantDisconnected(at,
                    required("ParticipantSid", Sids::isParticipant), optional("ParticipantIdentity"));
            case "track-added" -> new RoomEvent.TrackAdded(at, required("ParticipantSid", Sids::isParticipant),
                    optional("ParticipantIdentity"), required("TrackSid", Sids::isTrack), trackKind(true),
                    optional("TrackName"));
            case "track-removed" -> new RoomEvent.TrackRemoved(at, required("ParticipantSid", Sids::isParticipant),
                    optional("ParticipantIdentity"), required("TrackSid", Sids::isTrack), trackKind(false),
                    optional("TrackName"));
            case "track-enabled" -> new RoomEvent.TrackSwitched(at, required("ParticipantSid", Sids::isParticipant),
                    required("TrackSid", Sids::isTrack), true);
            case "track-disabled" -> new RoomEvent.TrackSwitched(at, required("ParticipantSid", Sids::isParticipant),
                    required("TrackSid", Sids::isTrack), false);
            case "recording-completed" -> recordingStatus(at, RecordingStatus.COMPLETED);
            case "recording-failed" -> recordingStatus(at, RecordingStatus.FAILED);
            case "recording-deleted" -> recordingStatus(at, RecordingStatus.DELETED);
            default -> new RoomEvent.Other(at, eventName);
        };
        return new Callback(roomSid, optional("RoomName"), RoomType.fromWireName(optional("RoomType")), eventName, event);
    }

    /** A media server's report on a recording, with Twilio's recording parameters (each optional). */
    private RoomEvent recordingStatus(Instant at, RecordingStatus status) {
        Long duration = count("Duration", Integer.MAX_VALUE);
        RecordingMedia media = new RecordingMedia(optional("MediaUri"), optional("MediaExternalLocation"),
                count("Size", Long.MAX_VALUE), optional("Codec"), optional("Container"),
                count("OffsetFromTwilioVideoEpoch", Long.MAX_VALUE), optional("FailedOperation"));
        return new RoomEvent.RecordingStatusChanged(at, required("RecordingSid", Sids::isRecording), status,
                duration == null ? null : duration.intValue(), media.equals(RecordingMedia.NONE) ? null : media);
    }

    /** A whole number from 0 to {@code max}, or null when absent. */
    private Long count(String name, long max) {
        String value = optional(name);
        if (value == null) {
            return null;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= 0 && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidParameterException(name + " must be a whole number from 0 to " + max);
    }

    private TrackKind trackKind(boolean required) {
        String kind = required ? required("TrackKind", null) : optional("TrackKind");
        if (kind == null) {
            return null;
        }
        TrackKind parsed = TrackKind.fromWireName(kind);
        if (parsed == null) {
            throw new InvalidParameterException("TrackKind must be audio, video or data");
        }
        return parsed;
    }

    private String required(String name, Predicate<String> shape) {
        String value = optional(name);
        if (value == null) {
            throw new InvalidParameterException(name + " is required");
        }
        if (shape != null && !shape.test(value)) {
            throw new InvalidParameterException(name + " is not a valid SID");
        }
        return value;
    }

    private String optional(String name) {
        List<String> values = form.get(name);
        if (values == null || values.isEmpty() || values.get(0).isEmpty()) {
            return null;
        }
        String value = values.get(0);
        if (value.length() > Limits.NAME) {
            throw new InvalidParameterException(name + " must be at most " + Limits.NAME + " characters");
        }
        return value;
    }

    private static Instant parseTimestamp(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException("Timestamp must be an ISO 8601 date and time");
        }
    }
}
