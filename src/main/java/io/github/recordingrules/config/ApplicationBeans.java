package io.github.recordingrules.config;

import io.github.recordingrules.application.ExternalRoomIds;
import io.github.recordingrules.application.MediaServerRooms;
import io.github.recordingrules.application.RecordingBackend;
import io.github.recordingrules.application.RoomService;
import io.github.recordingrules.application.RoomStore;
import io.github.recordingrules.domain.room.RandomSids;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;

/** Wires the framework-free core into CDI. */
public class ApplicationBeans {

    @Produces
    @Singleton
    RoomService roomService(RoomStore store, RecordingBackend backend, RecordingRulesConfig config) {
        return new RoomService(store, new RandomSids(), Clock.systemUTC(), config.maxRoomLifetime(),
                config.retention(), config.maxUpdateAttempts(), backend);
    }

    @Produces
    @Singleton
    MediaServerRooms mediaServerRooms(RoomStore store, ExternalRoomIds links, RecordingRulesConfig config) {
        return new MediaServerRooms(store, links, config.maxRoomLifetime(), config.retention());
    }
}
