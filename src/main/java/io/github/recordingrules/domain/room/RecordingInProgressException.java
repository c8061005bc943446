package io.github.recordingrules.domain.room;

/** A processing recording cannot be deleted: it ends when its track leaves the set of recording tracks. */
public final class RecordingInProgressException extends RuntimeException {

    private final String recordingSid;

    public RecordingInProgressException(String recordingSid) {
        super("recording " + recordingSid + " is still processing");
        this.recordingSid = recordingSid;
    }

    public String recordingSid() {
        return recordingSid;
    }
}
