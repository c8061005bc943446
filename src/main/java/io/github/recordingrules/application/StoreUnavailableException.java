package io.github.recordingrules.application;

/** The store could not be reached or did not answer in time; nothing was written. Callers should retry. */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
