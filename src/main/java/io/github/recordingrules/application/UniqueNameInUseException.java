package io.github.recordingrules.application;

/** An in-progress room already has this unique name (Twilio's 53113). */
public final class UniqueNameInUseException extends RuntimeException {

    public UniqueNameInUseException(String uniqueName) {
        super("Room exists: an in-progress room named " + uniqueName + " already exists");
    }
}
