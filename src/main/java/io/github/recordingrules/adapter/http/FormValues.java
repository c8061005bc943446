package io.github.recordingrules.adapter.http;

import java.util.Locale;

/** Reads form values the way Twilio's API does. */
public final class FormValues {

    private FormValues() {
    }

    /** Twilio's booleans are {@code true}/{@code false} in any case; absent means the default. */
    public static boolean bool(String name, String value, boolean absent) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidParameterException(name + " must be true or false");
        };
    }

    /** Null for an absent or empty value. */
    public static String optional(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
