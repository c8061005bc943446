package io.github.recordingrules.adapter.webhook;

import io.github.recordingrules.adapter.rest.InvalidParameterException;
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
import java.util.regex.Pattern;

/** Reads a Twilio-style room status callback (docs/SPEC.md §7.3) into a {@link RoomEvent}; unknown parameters are ignored. */
final class EventReader {

    static final int MAX_VALUE_LENGTH = 256;

    private static final Pattern ROOM_SID = Pattern.compile("^RM[0-9a-fA-F]{32}$");
    private static final Pattern PARTICIPANT_SID = Pattern.compile("^PA[0-9a-fA-F]{32}$");
    private static final Pattern TRACK_SID = Pattern.compile("^MT[0-9a-fA-F]{32}$");
    private static final Pattern RECORDING_SID = Pattern.compile("^RT[0-9a-fA-F]{32}$");

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
        String roomSid = required("RoomSid", ROOM_SID);
        String eventName = required("StatusCallbackEvent", null);
        String timestamp = optional("Timestamp");
        Instant at = timestamp == null ? now.get() : parseTimestamp(timestamp);
        RoomEvent event = switch (eventName) {
            case "room-created" -> new RoomEvent.RoomCreated(at);
            case "room-ended" -> new RoomEvent.RoomEnded(at);
            case "participant-connected" -> new RoomEvent.ParticipantConnected(at,
                    required("ParticipantSid", PARTICIPANT_SID), optional("ParticipantIdentity"));
            case "participant-disconnected" -> new RoomEvent.ParticipantDisconnected(at,
                    required("ParticipantSid", PARTICIPANT_SID), optional("ParticipantIdentity"));
            case "track-added" -> new RoomEvent.TrackAdded(at, required("ParticipantSid", PARTICIPANT_SID),
                    optional("ParticipantIdentity"), required("TrackSid", TRACK_SID), trackKind(true),
                    optional("TrackName"));
            case "track-removed" -> new RoomEvent.TrackRemoved(at, required("ParticipantSid", PARTICIPANT_SID),
                    optional("ParticipantIdentity"), required("TrackSid", TRACK_SID), trackKind(false),
                    optional("TrackName"));
            case "recording-completed" -> recordingStatus(at, RecordingStatus.COMPLETED);
            case "recording-failed" -> recordingStatus(at, RecordingStatus.FAILED);
            case "recording-deleted" -> recordingStatus(at, RecordingStatus.DELETED);
            default -> new RoomEvent.Other(at, eventName);
        };
        return new Callback(roomSid, optional("RoomName"), RoomType.fromWireName(optional("RoomType")), eventName, event);
    }

    private RoomEvent recordingStatus(Instant at, RecordingStatus status) {
        String duration = optional("Duration");
        Integer seconds = null;
        if (duration != null) {
            try {
                seconds = Integer.valueOf(duration);
            } catch (NumberFormatException e) {
                throw new InvalidParameterException("Duration must be a whole number of seconds");
            }
        }
        return new RoomEvent.RecordingStatusChanged(at, required("RecordingSid", RECORDING_SID), status, seconds);
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

    private String required(String name, Pattern shape) {
        String value = optional(name);
        if (value == null) {
            throw new InvalidParameterException(name + " is required");
        }
        if (shape != null && !shape.matcher(value).matches()) {
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
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new InvalidParameterException(name + " must be at most " + MAX_VALUE_LENGTH + " characters");
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
