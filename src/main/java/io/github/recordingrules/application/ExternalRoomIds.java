package io.github.recordingrules.application;

import java.time.Duration;
import java.util.Optional;

/**
 * Which room a media server's own room id (LiveKit's {@code RM_…}) was linked to, for rooms that
 * got their SID elsewhere (created through the REST API): events that arrive after the room ended, when
 * its name no longer finds it, still reach it.
 */
public interface ExternalRoomIds {

    Optional<String> roomSidFor(String externalRoomId);

    /** Links the id to the room if it is linked to none yet. */
    void link(String externalRoomId, String roomSid, Duration expireAfter);
}
