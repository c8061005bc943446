package io.github.recordingrules.adapter.http;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Twilio's dates: ISO 8601, shown in UTC to the second ({@code 2015-07-30T20:00:00Z}). */
public final class ApiDates {

    private ApiDates() {
    }

    public static String format(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * A date filter parameter, or null when absent. The Java helper library sends
     * {@code 2026-01-01T12:00:00}, without a zone: UTC, as Twilio reads it.
     */
    public static Instant parse(String parameter, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                throw new InvalidParameterException(parameter + " must be an ISO 8601 date and time");
            }
        }
    }

    /**
     * A date filter that may also be a day alone ({@code 2026-01-01}, midnight UTC), as Twilio documents
     * for the rooms list; null when absent.
     */
    public static Instant parseDayOrTime(String parameter, String value) {
        if (value != null && value.length() == 10) {
            try {
                return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new InvalidParameterException(parameter + " must be an ISO 8601 date, or date and time");
            }
        }
        return parse(parameter, value);
    }
}
