package io.github.recordingrules.domain.room;

import java.util.List;

/**
 * What one change did to a room.
 *
 * @param changed whether the room's state differs from before (a repeated or stale event leaves it as it was)
 * @param started recordings this change started
 * @param stopped recordings this change completed
 * @param deleted recordings this change deleted through the REST API: the media server is to delete their media
 */
public record Outcome(boolean changed, List<Recording> started, List<Recording> stopped, List<Recording> deleted) {

    static final Outcome UNCHANGED = new Outcome(false, List.of(), List.of());

    public Outcome(boolean changed, List<Recording> started, List<Recording> stopped) {
        this(changed, started, stopped, List.of());
    }
}
