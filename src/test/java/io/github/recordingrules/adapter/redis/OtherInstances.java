package io.github.recordingrules.adapter.redis;

import io.github.recordingrules.application.AccountIndex;
import io.github.recordingrules.application.RoomService;
import io.github.recordingrules.application.RoomStore;
import io.github.recordingrules.config.RecordingRulesConfig;
import io.github.recordingrules.domain.room.SidGenerator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;

/**
 * Other instances of the function over the same Redis, for tests of what several Lambda instances do at once:
 * each store is a new {@link RedisRoomStore}, so it recalls nothing of what this one or the others wrote.
 */
@ApplicationScoped
public class OtherInstances {

    @Inject
    RedisCalls calls;

    @Inject
    MessageCodec messages;

    @Inject
    RecordingRulesConfig config;

    @Inject
    ReplicaAcknowledgement replicas;

    @Inject
    AccountIndex index;

    @Inject
    SidGenerator sids;

    public RoomStore newStore() {
        return new RedisRoomStore(calls, messages, config, replicas);
    }

    /** Another instance's service, with no outbound messages. */
    public RoomService newRoomService() {
        return new RoomService(newStore(), index, sids, Clock.systemUTC(), new RoomService.Settings(config.maxRoomLifetime(),
                config.retention(), config.deletedRecordingRetention(), config.maxUpdateAttempts(),
                config.redis().writeDeadline()));
    }
}
