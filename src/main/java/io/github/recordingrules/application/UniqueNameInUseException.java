package io.github.recordingrules.application;

/** An in-progress room already has this unique name. */
public final class UniqueNameInUseException extends RuntimeException {

    private final String uniqueName;

    public UniqueNameInUseException(String uniqueName) {
        super("unique name in use: " + uniqueName);
        this.uniqueName = uniqueName;
    }

    public String uniqueName() {
        return uniqueName;
    }
}
