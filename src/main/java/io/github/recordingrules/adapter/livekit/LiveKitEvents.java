package io.github.recordingrules.adapter.livekit;

import io.github.recordingrules.adapter.http.InvalidParameterException;
import io.github.recordingrules.adapter.livekit.WebhookEventJson.EgressInfo;
import io.github.recordingrules.adapter.livekit.WebhookEventJson.FileInfo;
import io.github.recordingrules.adapter.livekit.WebhookEventJson.ParticipantInfo;
import io.github.recordingrules.adapter.livekit.WebhookEventJson.TrackInfo;
import io.github.recordingrules.domain.Limits;
import io.github.recordingrules.domain.room.RecordingMedia;
import io.github.recordingrules.domain.room.RecordingStatus;
import io.github.recordingrules.domain.room.RoomEvent;
import io.github.recordingrules.domain.rules.TrackKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a LiveKit webhook into the room event it stands for, with the LiveKit ids it tells
 * (docs/LIVEKIT.md, "Events"). LiveKit's ids become SIDs through {@link LiveKitSids}; the room itself is
 * found by the caller, from its LiveKit id and name.
 */
final class LiveKitEvents {

    /** A webhook as read: LiveKit's room, the event, and our SIDs mapped to LiveKit's ids. */
    record Translated(String liveKitRoomId, String roomName, RoomEvent event, Map<String, String> externalIds) {
    }

    private static final Pattern RECORDING_SID = Pattern.compile("RT[0-9a-f]{32}");

    private final LiveKitSids sids;

    LiveKitEvents(LiveKitSids sids) {
        this.sids = sids;
    }

    /** Empty for an event about no room (ingress, agent jobs) or about an egress this function did not start. */
    Optional<Translated> translate(WebhookEventJson webhook, Instant receivedAt) {
        String eventName = required("event", webhook.event());
        Instant at = webhook.createdAt() != null && webhook.createdAt() > 0
                ? Instant.ofEpochSecond(webhook.createdAt()) : receivedAt;
        EgressInfo egress = webhook.egressInfo();
        String roomId = webhook.room() != null ? webhook.room().sid() : egress != null ? egress.roomId() : null;
        String roomName = webhook.room() != null ? webhook.room().name() : egress != null ? egress.roomName() : null;
        if (isEmpty(roomId)) {
            return Optional.empty();
        }
        checkLength("room.sid", roomId);
        required("room.name", roomName);
        Map<String, String> ids = new LinkedHashMap<>();
        RoomEvent event = switch (eventName) {
            case "room_started" -> new RoomEvent.RoomCreated(at);
            case "room_finished" -> new RoomEvent.RoomEnded(at);
            case "participant_joined" -> isRecorder(webhook.participant()) ? other(at, eventName)
                    : new RoomEvent.ParticipantConnected(at, participant(webhook, ids), webhook.participant().identity());
            case "participant_left", "participant_connection_aborted" -> isRecorder(webhook.participant()) ? other(at, eventName)
                    : new RoomEvent.ParticipantDisconnected(at, participant(webhook, ids), webhook.participant().identity());
            case "track_published" -> new RoomEvent.TrackAdded(at, participant(webhook, ids),
                    webhook.participant().identity(), track(webhook, ids), kind(webhook.track()), name(webhook.track()));
            case "track_unpublished" -> new RoomEvent.TrackRemoved(at, participant(webhook, ids),
                    webhook.participant().identity(), track(webhook, ids), kind(webhook.track()), name(webhook.track()));
            case "egress_started", "egress_updated", "egress_ended" -> {
                Optional<String> recording = recordingOf(egress);
                if (recording.isEmpty()) {
                    yield null;
                }
                ids.put(recording.get(), required("egressInfo.egressId", egress.egressId()));
                yield egressReport(at, recording.get(), egress).orElse(other(at, eventName));
            }
            default -> other(at, eventName);
        };
        return event == null ? Optional.empty() : Optional.of(new Translated(roomId, roomName, event, ids));
    }

    private String participant(WebhookEventJson webhook, Map<String, String> ids) {
        ParticipantInfo participant = webhook.participant();
        if (participant == null) {
            throw new InvalidParameterException(webhook.event() + " needs participant");
        }
        String liveKitId = required("participant.sid", participant.sid());
        checkLength("participant.identity", participant.identity());
        String sid = sids.participant(liveKitId);
        ids.put(sid, liveKitId);
        return sid;
    }

    private String track(WebhookEventJson webhook, Map<String, String> ids) {
        TrackInfo track = webhook.track();
        if (track == null) {
            throw new InvalidParameterException(webhook.event() + " needs track");
        }
        String liveKitId = required("track.sid", track.sid());
        checkLength("track.name", track.name());
        String sid = sids.track(liveKitId);
        ids.put(sid, liveKitId);
        return sid;
    }

    /** LiveKit's own recorders join rooms as participants of kind EGRESS: they are not the room's. */
    private static boolean isRecorder(ParticipantInfo participant) {
        return participant != null && "EGRESS".equals(participant.kind());
    }

    /** AUDIO is protobuf's default, so it is never sent; a type this function does not know is never recorded. */
    private static TrackKind kind(TrackInfo track) {
        String type = track.type();
        if (type == null || type.equals("AUDIO")) {
            return TrackKind.AUDIO;
        }
        return type.equals("VIDEO") ? TrackKind.VIDEO : TrackKind.DATA;
    }

    /** The name the publisher gave, else its source ({@code camera}, {@code screen_share}, ...), else none. */
    static String name(TrackInfo track) {
        if (!isEmpty(track.name())) {
            return track.name();
        }
        String source = track.source();
        return isEmpty(source) || source.equals("UNKNOWN") ? null : source.toLowerCase(Locale.ROOT);
    }

    /** The recording an egress records: its SID is in every file path the function asks for. */
    private static Optional<String> recordingOf(EgressInfo egress) {
        if (egress == null) {
            return Optional.empty();
        }
        List<String> paths = new ArrayList<>();
        if (egress.track() != null && egress.track().file() != null) {
            paths.add(egress.track().file().filepath());
        }
        for (FileInfo file : files(egress)) {
            paths.add(file.filename());
            paths.add(file.location());
        }
        for (String path : paths) {
            if (path != null) {
                Matcher sid = RECORDING_SID.matcher(path);
                if (sid.find()) {
                    return Optional.of(sid.group());
                }
            }
        }
        return Optional.empty();
    }

    /** An egress that ended: completed with its file, or failed; one still running reports nothing. */
    private static Optional<RoomEvent> egressReport(Instant at, String recordingSid, EgressInfo egress) {
        String status = egress.status() == null ? "EGRESS_STARTING" : egress.status();
        return switch (status) {
            case "EGRESS_COMPLETE", "EGRESS_LIMIT_REACHED" -> {
                FileInfo file = files(egress).stream().findFirst().orElse(null);
                Integer duration = file == null || file.duration() == null || file.duration() <= 0 ? null
                        : (int) Math.min(Integer.MAX_VALUE, Math.max(1, Math.round(file.duration() / 1e9)));
                RecordingMedia media = file == null ? null : new RecordingMedia(null, file.location(), file.size(), null,
                        container(file.filename()), null, null);
                yield Optional.of(new RoomEvent.RecordingStatusChanged(at, recordingSid, RecordingStatus.COMPLETED,
                        duration, media, true));
            }
            case "EGRESS_FAILED", "EGRESS_ABORTED" -> Optional.of(new RoomEvent.RecordingStatusChanged(at, recordingSid,
                    RecordingStatus.FAILED, null, new RecordingMedia(null, null, null, null, null, null,
                    "egress " + status + (isEmpty(egress.error()) ? "" : ": " + egress.error())), false));
            default -> Optional.empty();
        };
    }

    private static List<FileInfo> files(EgressInfo egress) {
        List<FileInfo> files = new ArrayList<>();
        if (egress.fileResults() != null) {
            files.addAll(egress.fileResults());
        }
        if (egress.file() != null) {
            files.add(egress.file());
        }
        return files;
    }

    /** The file's extension, which names what Egress wrote: ogg, mp4, webm, ... */
    private static String container(String filename) {
        if (filename == null) {
            return null;
        }
        int dot = filename.lastIndexOf('.');
        return dot < 0 || dot < filename.lastIndexOf('/') ? null : filename.substring(dot + 1);
    }

    private static RoomEvent other(Instant at, String eventName) {
        return new RoomEvent.Other(at, eventName);
    }

    private static String required(String field, String value) {
        if (isEmpty(value)) {
            throw new InvalidParameterException(field + " is required");
        }
        checkLength(field, value);
        return value;
    }

    private static void checkLength(String field, String value) {
        if (value != null && value.length() > Limits.NAME) {
            throw new InvalidParameterException(field + " must be at most " + Limits.NAME + " characters");
        }
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }
}
