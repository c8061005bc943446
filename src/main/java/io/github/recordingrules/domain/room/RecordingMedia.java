package io.github.recordingrules.domain.room;

/**
 * What the media server reports of a recording's media, with Twilio's recording parameters; every
 * part may be absent (null).
 *
 * @param mediaUri              where the media can be fetched ({@code MediaUri})
 * @param mediaExternalLocation where the media server stored it, e.g. an S3 URL ({@code MediaExternalLocation})
 * @param size                  bytes ({@code Size})
 * @param codec                 e.g. {@code opus}, {@code VP8}, {@code H264} ({@code Codec})
 * @param container             {@code mka}, {@code mkv}, ... ({@code Container})
 * @param offset                milliseconds from Twilio's video epoch ({@code OffsetFromTwilioVideoEpoch})
 * @param failedOperation       what failed, for a failed recording ({@code FailedOperation})
 */
public record RecordingMedia(String mediaUri, String mediaExternalLocation, Long size, String codec, String container,
                             Long offset, String failedOperation) {

    public static final RecordingMedia NONE = new RecordingMedia(null, null, null, null, null, null, null);

    /** This report, each absent part taken from {@code earlier}. */
    RecordingMedia over(RecordingMedia earlier) {
        if (earlier == null) {
            return this;
        }
        return new RecordingMedia(first(mediaUri, earlier.mediaUri), first(mediaExternalLocation, earlier.mediaExternalLocation),
                first(size, earlier.size), first(codec, earlier.codec), first(container, earlier.container),
                first(offset, earlier.offset), first(failedOperation, earlier.failedOperation));
    }

    private static <T> T first(T reported, T known) {
        return reported != null ? reported : known;
    }
}
