package io.github.recordingrules.adapter.rest;

import io.github.recordingrules.adapter.http.FormValues;
import io.github.recordingrules.adapter.http.InvalidParameterException;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

/** The parameters and the answer of {@code …/Recordings/{Sid}/Media} (docs/SPEC.md §5.21). */
final class MediaAnswers {

    /** {@code inline} or {@code attachment}, optionally with parameters ({@code attachment; filename="a.mka"}). */
    private static final Pattern DISPOSITION = Pattern.compile("^(?i)(inline|attachment)(\\s*;[\\x20-\\x7e]*)?$");
    private static final int MAX_DISPOSITION = 1024;

    private MediaAnswers() {
    }

    /** {@code Ttl}: 1 to 3600 seconds, 600 when absent. */
    static Duration ttl(String value) {
        return Duration.ofSeconds(FormValues.wholeNumber("Ttl", value, 1, 3600, 600));
    }

    /** {@code ContentDisposition}, or null when absent. */
    static String contentDisposition(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > MAX_DISPOSITION || !DISPOSITION.matcher(value).matches()) {
            throw new InvalidParameterException("ContentDisposition must be inline or attachment, optionally"
                    + " followed by parameters such as ; filename=\"recording.mka\"");
        }
        return value;
    }

    /** Twilio's answer: 302 to the media, and the same URL as {@code redirect_to}. */
    static Response redirect(URI media) {
        return Response.status(Response.Status.FOUND).location(media).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new MediaRedirectJson(media.toString())).build();
    }
}
