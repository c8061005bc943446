package io.github.recordingrules.domain;

/** A value with one exact, case-sensitive spelling on the wire (Twilio's JSON and form values). */
public interface WireName {

    String wireName();

    /** The constant of {@code type} spelled exactly {@code name}, or null. */
    static <E extends Enum<E> & WireName> E find(Class<E> type, String name) {
        for (E constant : type.getEnumConstants()) {
            if (constant.wireName().equals(name)) {
                return constant;
            }
        }
        return null;
    }
}
