package io.github.recordingrules.adapter.rest;

import io.github.recordingrules.domain.room.Recording;
import io.github.recordingrules.domain.room.RecordingStatus;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The filters of a recordings list, each optional; {@code after} and {@code before} are exclusive.
 * The raw values are kept to repeat them, as sent, in the paging links.
 */
record RecordingFilter(RecordingStatus status, String sourceSid, Instant after, String rawAfter,
                       Instant before, String rawBefore) {

    boolean matches(Recording recording) {
        return (status == null || recording.status() == status)
                && (sourceSid == null || sourceSid.equals(recording.trackSid()))
                && (after == null || recording.dateCreated().isAfter(after))
                && (before == null || recording.dateCreated().isBefore(before));
    }

    /** The filters as query parameters for the paging links, each as {@code &Name=value}. */
    String query() {
        return (status == null ? "" : "&Status=" + status.wireName())
                + (sourceSid == null ? "" : "&SourceSid=" + encode(sourceSid))
                + (after == null ? "" : "&DateCreatedAfter=" + encode(rawAfter))
                + (before == null ? "" : "&DateCreatedBefore=" + encode(rawBefore));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
