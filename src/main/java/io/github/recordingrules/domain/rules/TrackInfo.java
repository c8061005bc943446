package io.github.recordingrules.domain.rules;

/**
 * What a rule filter can see of a published track.
 *
 * @param sid            the track SID ({@code MT…})
 * @param name           the track name, or null where the media server did not send it
 * @param kind           audio, video or data
 * @param participantSid the publisher's SID ({@code PA…})
 * @param identity       the publisher's identity, or null where unknown
 */
public record TrackInfo(String sid, String name, TrackKind kind, String participantSid, String identity) {
}
