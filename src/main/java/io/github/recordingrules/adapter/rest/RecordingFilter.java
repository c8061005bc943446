package io.github.recordingrules.adapter.rest;

import io.github.recordingrules.adapter.http.ApiDates;
import io.github.recordingrules.adapter.http.InvalidParameterException;
import io.github.recordingrules.application.RecordingQuery;
import io.github.recordingrules.domain.room.RecordingStatus;
import io.github.recordingrules.domain.rules.TrackKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The filters of a recordings list, read from the query (docs/SPEC.md §5.10, §5.17), and the same filters
 * as sent, to repeat in the paging links.
 *
 * @param links each filter given as {@code &Name=value}, URL-encoded
 */
record RecordingFilter(RecordingQuery query, String links) {

    static RecordingFilter of(String status, String sourceSid, List<String> groupingSids, String mediaType,
                              String dateCreatedAfter, String dateCreatedBefore) {
        String source = QueryValues.anySid("SourceSid", sourceSid);
        List<String> grouping = new ArrayList<>();
        for (String sid : groupingSids == null ? List.<String>of() : groupingSids) {
            if (sid != null && !sid.isEmpty()) {
                grouping.add(QueryValues.anySid("GroupingSid", sid));
            }
        }
        TrackKind type = null;
        if (mediaType != null && !mediaType.isEmpty()) {
            type = TrackKind.fromWireName(mediaType);
            if (type == null) {
                throw new InvalidParameterException("MediaType must be audio, video or data");
            }
        }
        Instant after = ApiDates.parse("DateCreatedAfter", dateCreatedAfter);
        Instant before = ApiDates.parse("DateCreatedBefore", dateCreatedBefore);
        RecordingStatus wanted = status == null || status.isEmpty() ? null : RecordingStatus.fromWireName(status);
        String links = QueryValues.repeat("Status", wanted == null ? null : status)
                + QueryValues.repeat("SourceSid", source)
                + QueryValues.repeat("GroupingSid", grouping)
                + QueryValues.repeat("MediaType", type == null ? null : mediaType)
                + QueryValues.repeat("DateCreatedAfter", after == null ? null : dateCreatedAfter)
                + QueryValues.repeat("DateCreatedBefore", before == null ? null : dateCreatedBefore);
        return new RecordingFilter(new RecordingQuery(wanted, source, grouping, type, after, before), links);
    }
}
