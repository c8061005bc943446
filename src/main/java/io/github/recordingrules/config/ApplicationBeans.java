package io.github.recordingrules.config;

import io.github.recordingrules.application.AccountIndex;
import io.github.recordingrules.application.Listings;
import io.github.recordingrules.application.MediaLinks;
import io.github.recordingrules.application.MediaService;
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
    RoomService roomService(RoomStore store, AccountIndex index, RecordingRulesConfig config) {
        return new RoomService(store, index, new RandomSids(), Clock.systemUTC(), config.maxRoomLifetime(),
                config.retention(), config.deletedRecordingRetention(), config.maxUpdateAttempts());
    }

    @Produces
    @Singleton
    MediaService mediaService(RoomService rooms, MediaLinks links) {
        return new MediaService(rooms, links);
    }

    @Produces
    @Singleton
    Listings listings(RoomStore store, AccountIndex index, RecordingRulesConfig config) {
        return new Listings(store, index, Clock.systemUTC(), config.deletedRecordingRetention());
    }
}
