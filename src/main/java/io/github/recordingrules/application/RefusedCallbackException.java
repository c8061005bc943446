package io.github.recordingrules.application;

/** A {@code StatusCallback} the function will not call (docs/SPEC.md §11.1.6). */
public final class RefusedCallbackException extends RuntimeException {

    public RefusedCallbackException(String reason) {
        super(reason);
    }
}
