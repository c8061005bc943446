package io.github.recordingrules.application;

import io.github.recordingrules.domain.room.Recording;
import io.github.recordingrules.domain.room.RecordingMedia;
import io.github.recordingrules.domain.room.RecordingStatus;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a recording's media can be downloaded (docs/SPEC.md §5.21): an object store's link that expires when
 * the media is in one ({@link MediaLinks}), else the {@code https} {@code MediaUri} the media server reported,
 * as it is. A processing or deleted recording, and one without media, has none.
 */
public final class MediaService {

    private final RoomService rooms;
    private final MediaLinks links;

    public MediaService(RoomService rooms, MediaLinks links) {
        this.rooms = rooms;
        this.links = links;
    }

    /** @param roomSid null for {@code /v1/Recordings/{Sid}/Media} */
    public URI link(String roomSid, String recordingSid, Duration ttl, String contentDisposition) {
        RoomRecording found = roomSid == null ? rooms.findRecording(recordingSid)
                : new RoomRecording(roomSid, rooms.findRecording(roomSid, recordingSid));
        Recording recording = found.recording();
        if (recording.status() == RecordingStatus.PROCESSING || recording.status() == RecordingStatus.DELETED) {
            throw new MediaNotFoundException(roomSid, recordingSid);
        }
        return links.link(found.roomSid(), recording, ttl, contentDisposition)
                .or(() -> httpsMediaUri(recording.media()))
                .orElseThrow(() -> new MediaNotFoundException(roomSid, recordingSid));
    }

    private static Optional<URI> httpsMediaUri(RecordingMedia media) {
        if (media == null || media.mediaUri() == null) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(media.mediaUri());
            return "https".equals(uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT))
                    && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
