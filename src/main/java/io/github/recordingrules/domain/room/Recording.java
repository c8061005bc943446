package io.github.recordingrules.domain.room;

import io.github.recordingrules.domain.rules.TrackKind;

import java.time.Duration;
import java.time.Instant;

/**
 * A track recording ({@code RT…}). It starts when its track enters the set of recording tracks
 * and completes when the track leaves it.
 *
 * @param duration whole seconds, null while processing
 */
public record Recording(String sid, String trackSid, String trackName, TrackKind kind, String participantSid,
                        RecordingStatus status, Instant dateCreated, Instant dateCompleted, Integer duration) {

    Recording complete(Instant at) {
        RecordingStatus next = status == RecordingStatus.PROCESSING ? RecordingStatus.COMPLETED : status;
        return new Recording(sid, trackSid, trackName, kind, participantSid, next, dateCreated, at, secondsBetween(dateCreated, at));
    }

    Recording withStatus(RecordingStatus next, Integer reportedDuration) {
        Integer seconds = reportedDuration != null ? reportedDuration : duration;
        return new Recording(sid, trackSid, trackName, kind, participantSid, next, dateCreated, dateCompleted, seconds);
    }

    /** Rounded to the nearest second; a sub-second recording lasts one second, as Twilio reports it. */
    static int secondsBetween(Instant start, Instant end) {
        long millis = Math.max(0, Duration.between(start, end).toMillis());
        return (int) Math.max(1, Math.round(millis / 1000.0));
    }
}
