package io.github.recordingrules.adapter.rest;


import io.github.recordingrules.adapter.http.InvalidParameterException;
import io.github.recordingrules.domain.Limits;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the query parameters of the lists and of {@code /Media}: numbers are read here rather than by
 * RESTEasy, so that a value that is not a number answers 400 with Twilio's body (docs/SPEC.md §5.1).
 */
final class QueryValues {

    /** Twilio's shape of a SID of any kind: two letters and 32 hex digits. */
    private static final Pattern ANY_SID = Pattern.compile("^[a-zA-Z]{2}[0-9a-fA-F]{32}$");

    private QueryValues() {
    }

    /** A SID of any kind (Twilio's {@code ^[a-zA-Z]{2}[0-9a-fA-F]{32}$}), or null when absent. */
    static String anySid(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!ANY_SID.matcher(value).matches()) {
            throw new InvalidParameterException(name + " must be a SID: two letters and 32 hex digits");
        }
        return value;
    }

    /** A free text value of at most {@link Limits#NAME} characters, or null when absent. */
    static String text(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > Limits.NAME) {
            throw new InvalidParameterException(name + " must be at most " + Limits.NAME + " characters");
        }
        return value;
    }

    /** {@code &Name=value} for each value given, URL-encoded, for paging links. */
    static String repeat(String name, List<String> values) {
        StringBuilder query = new StringBuilder();
        for (String value : values) {
            query.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    static String repeat(String name, String value) {
        return value == null ? "" : repeat(name, List.of(value));
    }
}
