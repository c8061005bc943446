package io.github.recordingrules.domain.room;

/** Makes Twilio-style SIDs: a two-letter prefix and 32 hex digits. */
@FunctionalInterface
public interface SidGenerator {

    String next(String prefix);
}
