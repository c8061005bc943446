package io.github.recordingrules.adapter.http;

/** A request parameter is missing or malformed: 400 with Twilio's 20001. */
public final class InvalidParameterException extends RuntimeException {

    public InvalidParameterException(String message) {
        super(message);
    }
}
