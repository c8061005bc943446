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

    /**
     * A whole number in decimal (optionally signed) from {@code min} to {@code max}; absent or empty
     * means {@code absent}. Read here rather than bound as an {@code Integer}: JAX-RS answers 404 for a
     * query parameter it cannot convert.
     */
    public static int wholeNumber(String name, String value, int min, int max, int absent) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= min && parsed <= max) {
                return (int) parsed;
            }
        } catch (NumberFormatException e) {
            // reported below, as out of range
        }
        throw new InvalidParameterException(name + " must be a whole number from " + min + " to " + max);
    }

    /** Null for an absent or empty value. */
    public static String optional(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
