package io.github.recordingrules.adapter.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.recordingrules.domain.room.Room;
import io.github.recordingrules.domain.room.RoomSnapshot;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;

/** A room's state as one JSON document, so that one read and one write move all of it. */
@ApplicationScoped
@RegisterForReflection(targets = {RoomSnapshot.class, io.github.recordingrules.domain.room.Participant.class,
        io.github.recordingrules.domain.room.Track.class, io.github.recordingrules.domain.room.Recording.class,
        io.github.recordingrules.domain.room.RecordingMedia.class,
        io.github.recordingrules.domain.rules.RecordingRule.class})
public class RoomCodec {

    private final ObjectMapper json;

    RoomCodec(ObjectMapper json) {
        this.json = json;
    }

    String encode(Room room) {
        try {
            return json.writeValueAsString(room.snapshot());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a room snapshot is always serialisable", e);
        }
    }

    Room decode(String stored) {
        try {
            return Room.restore(json.readValue(stored, RoomSnapshot.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored room state is unreadable", e);
        }
    }
}
