package io.github.recordingrules.support;

import io.github.recordingrules.application.AccountIndex;

import io.github.recordingrules.domain.room.Recording;
import io.github.recordingrules.domain.room.RoomStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Stands in for the Redis index (RedisAccountIndex) in tests of the application alone: the same entries,
 * kept in maps, without expiry. Records every call, so that tests can see what was written when.
 */
public final class InMemoryAccountIndex implements AccountIndex {

    public final Map<String, Instant> inProgress = new HashMap<>();
    public final Map<String, Instant> completed = new HashMap<>();
    public final Map<String, String> names = new HashMap<>();
    public final Map<String, Instant> recordings = new TreeMap<>();
    public final Map<String, String> recordingRoom = new HashMap<>();
    public final Map<String, RecordingEntry> deleted = new HashMap<>();
    final List<String> calls = new ArrayList<>();

    @Override
    public void beforeSave(Update update) {
        calls.add("beforeSave");
        if (update.first()) {
            inProgress.putIfAbsent(update.roomSid(), update.dateCreated());
        }
        if (update.ending()) {
            completed.putIfAbsent(update.roomSid(), update.dateCreated());
        }
        if (update.uniqueName() != null) {
            names.put(update.roomSid(), update.uniqueName());
        }
        for (Recording started : update.started()) {
            recordings.putIfAbsent(started.sid(), started.dateCreated());
            recordingRoom.put(started.sid(), update.roomSid());
        }
    }

    @Override
    public void afterEnd(String roomSid, Instant expiresAt, Collection<String> recordingSids) {
        calls.add("afterEnd");
        inProgress.remove(roomSid);
    }

    @Override
    public Window<String> rooms(RoomStatus status, String uniqueName, Instant from, Instant to, int offset, int count) {
        Map<String, Instant> set = uniqueName != null ? byName(uniqueName)
                : status == RoomStatus.IN_PROGRESS ? inProgress : completed;
        List<String> sids = set.entrySet().stream()
                .filter(e -> (from == null || !e.getValue().isBefore(from)) && (to == null || !e.getValue().isAfter(to)))
                .sorted(Map.Entry.<String, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
        return window(sids, offset, count);
    }

    @Override
    public Window<RecordingEntry> recordings(Instant from, Instant to, int offset, int count) {
        List<RecordingEntry> entries = recordings.entrySet().stream()
                .filter(e -> (from == null || !e.getValue().isBefore(from)) && (to == null || !e.getValue().isAfter(to)))
                .sorted(Map.Entry.<String, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> new RecordingEntry(e.getKey(), recordingRoom.get(e.getKey()), null)).toList();
        return window(entries, offset, count);
    }

    @Override
    public Optional<String> roomOfRecording(String recordingSid) {
        return Optional.ofNullable(recordingRoom.get(recordingSid));
    }

    @Override
    public void keepDeleted(String roomSid, Recording recording, Instant until) {
        calls.add("keepDeleted");
        deleted.put(recording.sid(), new RecordingEntry(recording.sid(), roomSid, recording));
        recordingRoom.put(recording.sid(), roomSid);
        recordings.putIfAbsent(recording.sid(), recording.dateCreated());
    }

    @Override
    public Optional<RecordingEntry> deletedRecording(String recordingSid) {
        return Optional.ofNullable(deleted.get(recordingSid));
    }

    private Map<String, Instant> byName(String uniqueName) {
        Map<String, Instant> named = new HashMap<>();
        names.forEach((sid, name) -> {
            if (name.equals(uniqueName)) {
                named.put(sid, inProgress.getOrDefault(sid, completed.get(sid)));
            }
        });
        return named;
    }

    private static <T> Window<T> window(List<T> all, int offset, int count) {
        int from = Math.min(offset, all.size());
        int to = Math.min(from + count, all.size());
        return new Window<>(all.subList(from, to), to < all.size());
    }
}
