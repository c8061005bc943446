package io.github.recordingrules.config;

import io.github.recordingrules.application.CallbackTargets;
import io.github.recordingrules.application.Deliverer;
import io.github.recordingrules.application.Deliveries;
import io.github.recordingrules.application.Metrics;
import io.github.recordingrules.application.Notifications;
import io.github.recordingrules.application.Outbox;
import io.github.recordingrules.application.AccountIndex;
import io.github.recordingrules.application.ExternalRoomIds;
import io.github.recordingrules.application.Listings;
import io.github.recordingrules.application.MediaLinks;
import io.github.recordingrules.application.MediaServerRooms;
import io.github.recordingrules.application.MediaService;
import io.github.recordingrules.application.RecordingBackend;
import io.github.recordingrules.application.RoomService;
import io.github.recordingrules.application.RoomStore;
import io.github.recordingrules.domain.room.RandomSids;
import io.github.recordingrules.domain.room.SidGenerator;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Wires the framework-free core into CDI. */
public class ApplicationBeans {

    private static final String DELIVERY_THREADS = "delivery-threads";

    @Produces
    @Singleton
    SidGenerator sids() {
        return new RandomSids();
    }

    @Produces
    @Singleton
    RoomService roomService(RoomStore store, AccountIndex index, SidGenerator sids, RecordingRulesConfig config,
                            Notifications notifications, CallbackTargets targets, Outbox outbox, Deliveries deliveries,
                            Metrics metrics, RecordingBackend backend) {
        return new RoomService(store, index, sids, Clock.systemUTC(), new RoomService.Settings(config.maxRoomLifetime(),
                config.retention(), config.deletedRecordingRetention(), config.maxUpdateAttempts(),
                config.redis().writeDeadline()), new RoomService.Outbound(notifications, targets, outbox, deliveries),
                metrics, backend);
    }

    @Produces
    @Singleton
    MediaServerRooms mediaServerRooms(RoomStore store, ExternalRoomIds links, RecordingRulesConfig config) {
        return new MediaServerRooms(store, links, config.maxRoomLifetime(), config.retention());
    }

    @Produces
    @Singleton
    MediaService mediaService(RoomService rooms, MediaLinks links) {
        return new MediaService(rooms, links);
    }

    @Produces
    @Singleton
    Notifications notifications(RecordingRulesConfig config, SidGenerator sids) {
        return new Notifications(config.accountSid(), config.statusCallback().enabled(),
                config.mediaServer().url().isPresent(),
                config.statusCallback().recordingCompleted() == RecordingRulesConfig.RecordingCompletedAt.AT_MEDIA_REPORT
                        ? Notifications.CompletionReport.AT_MEDIA_REPORT : Notifications.CompletionReport.AT_STOP,
                sids);
    }

    @Produces
    @Singleton
    Deliveries deliveries(Outbox outbox, Instance<Deliverer> deliverers, RecordingRulesConfig config, SidGenerator sids,
                          @Named(DELIVERY_THREADS) ExecutorService threads, Metrics metrics) {
        RecordingRulesConfig.Outbound outbound = config.outbound();
        return new Deliveries(outbox, deliverers.stream().toList(), new Deliveries.Settings(
                outbound.firstAttemptTimeout(), outbound.attemptTimeout(), outbound.lease(),
                outbound.retry().initialBackoff(), outbound.retry().maxBackoff(), outbound.retry().period(),
                outbound.sweep().timeLimit(), outbound.sweep().maxRooms(), outbound.sweep().parallelism(),
                config.redis().writeDeadline().plus(config.redis().maxClockSkew())), threads, sids, metrics);
    }

    /** Threads for deliveries to several destinations at once and for the sweep's rooms; made at run time. */
    @Produces
    @Singleton
    @Named(DELIVERY_THREADS)
    ExecutorService deliveryThreads() {
        return Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "outbound-delivery");
            thread.setDaemon(true);
            return thread;
        });
    }

    void stopDeliveryThreads(@Disposes @Named(DELIVERY_THREADS) ExecutorService threads) {
        threads.shutdownNow();
    }

    @Produces
    @Singleton
    Listings listings(RoomStore store, AccountIndex index, RecordingRulesConfig config) {
        return new Listings(store, index, Clock.systemUTC(), config.deletedRecordingRetention());
    }
}
