package io.github.recordingrules.domain.room;

import java.util.List;

/**
 * What one change did to a room.
 *
 * @param changed whether the room's state differs from before (a repeated or stale event leaves it as it was)
 * @param started recordings this change started
 * @param stopped recordings this change completed
 */
public record Outcome(boolean changed, List<Recording> started, List<Recording> stopped) {

    static final Outcome UNCHANGED = new Outcome(false, List.of(), List.of());
}
