package io.github.recordingrules.adapter.rest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Twilio shows dates in ISO 8601, UTC, to the second: {@code 2015-07-30T20:00:00Z}. */
final class ApiDates {

    private ApiDates() {
    }

    static String format(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
