package io.github.recordingrules.domain.room;

import io.github.recordingrules.domain.rules.TrackKind;

import java.time.Duration;
import java.time.Instant;

/**
 * A track recording ({@code RT…}). It starts when its track enters the set of recording tracks
 * and completes when the track leaves it, or when the media server reports it ended.
 *
 * @param duration    whole seconds, null while processing; a duration the media server reports wins
 * @param media       what the media server reported of the media; null until it reports
 * @param dateDeleted when it was deleted (through the REST API or a recording-deleted report), else null
 */
public record Recording(String sid, String trackSid, String trackName, TrackKind kind, String participantSid,
                        RecordingStatus status, Instant dateCreated, Instant dateCompleted, Integer duration,
                        RecordingMedia media, Instant dateDeleted) {

    Recording complete(Instant at) {
        RecordingStatus next = status == RecordingStatus.PROCESSING ? RecordingStatus.COMPLETED : status;
        return new Recording(sid, trackSid, trackName, kind, participantSid, next, dateCreated, at,
                secondsBetween(dateCreated, at), media, dateDeleted);
    }

    /** The media server's report: a final status, and whatever it knows of the media. */
    Recording reported(RecordingStatus next, Integer reportedDuration, RecordingMedia reportedMedia, Instant at) {
        Recording ended = dateCompleted == null ? complete(at) : this;
        return new Recording(sid, trackSid, trackName, kind, participantSid, next, dateCreated, ended.dateCompleted,
                reportedDuration != null ? reportedDuration : ended.duration,
                reportedMedia == null ? media : reportedMedia.over(media),
                next == RecordingStatus.DELETED ? at : null);
    }

    Recording deleted(Instant at) {
        return new Recording(sid, trackSid, trackName, kind, participantSid, RecordingStatus.DELETED, dateCreated,
                dateCompleted, duration, media, at);
    }

    /**
     * Whether it can still be read at {@code now}: a deleted recording is kept for {@code keepDeleted}
     * after its deletion (docs/SPEC.md §4.6), whatever its room's retention.
     */
    public boolean readableAt(Instant now, Duration keepDeleted) {
        return status != RecordingStatus.DELETED || dateDeleted == null || now.isBefore(dateDeleted.plus(keepDeleted));
    }

    /** Rounded to the nearest second; a sub-second recording lasts one second, as Twilio reports it. */
    static int secondsBetween(Instant start, Instant end) {
        long millis = Math.max(0, Duration.between(start, end).toMillis());
        return (int) Math.max(1, Math.round(millis / 1000.0));
    }
}
