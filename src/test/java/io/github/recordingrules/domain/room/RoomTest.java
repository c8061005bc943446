package io.github.recordingrules.domain.room;

import io.github.recordingrules.domain.room.RoomEvent.ParticipantConnected;
import io.github.recordingrules.domain.room.RoomEvent.ParticipantDisconnected;
import io.github.recordingrules.domain.room.RoomEvent.RecordingStatusChanged;
import io.github.recordingrules.domain.room.RoomEvent.TrackAdded;
import io.github.recordingrules.domain.room.RoomEvent.TrackRemoved;
import io.github.recordingrules.domain.rules.InvalidRulesException;
import io.github.recordingrules.domain.rules.RecordingRule;
import io.github.recordingrules.domain.rules.RecordingRules;
import io.github.recordingrules.domain.rules.RulesParser;
import io.github.recordingrules.domain.rules.TrackKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Room aggregate: rules, callbacks delivered at least once and out of order, recordings. */
class RoomTest {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final String ROOM = "RM" + "0".repeat(32);
    static final String ALICE = "PA" + "a".repeat(32);
    static final String BOB = "PA" + "b".repeat(32);
    static final String MTA_A = "MT" + "a0".repeat(16);
    static final String MTA_C = "MT" + "a1".repeat(16);
    static final String MTA_D = "MT" + "a3".repeat(16);
    static final String MTB_A = "MT" + "b0".repeat(16);
    static final String MTB_C = "MT" + "b1".repeat(16);
    static final String RT_SID = "^RT[0-9a-f]{32}$";

    /** Predictable SIDs: prefix and a counter. */
    static final class CountingSids implements SidGenerator {
        private int issued;

        @Override
        public String next(String prefix) {
            return prefix + String.format("%032x", ++issued);
        }
    }

    CountingSids sids;

    @BeforeEach
    void freshSids() {
        sids = new CountingSids();
    }

    static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    static RecordingRules rules(String json) {
        try {
            return RulesParser.parse(json);
        } catch (InvalidRulesException e) {
            throw new AssertionError(e.reason(), e);
        }
    }

    static Room groupRoom(boolean recordOnConnect) {
        return Room.create(ROOM, "standup", RoomType.GROUP, recordOnConnect, null, null, null, T0);
    }

    static ParticipantConnected connected(int t, String participant, String identity) {
        return new ParticipantConnected(at(t), participant, identity);
    }

    static ParticipantDisconnected disconnected(int t, String participant, String identity) {
        return new ParticipantDisconnected(at(t), participant, identity);
    }

    static TrackAdded added(int t, String participant, String identity, String track, TrackKind kind, String name) {
        return new TrackAdded(at(t), participant, identity, track, kind, name);
    }

    static TrackRemoved removed(int t, String participant, String identity, String track, TrackKind kind, String name) {
        return new TrackRemoved(at(t), participant, identity, track, kind, name);
    }

    static TrackAdded aliceAudio(int t) {
        return added(t, ALICE, "Alice", MTA_A, TrackKind.AUDIO, "alice-audio");
    }

    static TrackRemoved aliceAudioRemoved(int t) {
        return removed(t, ALICE, "Alice", MTA_A, TrackKind.AUDIO, "alice-audio");
    }

    /** Alice (audio, cam) and Bob (audio, cam) connected and publishing, at t=1..6. */
    List<Outcome> aliceAndBob(Room room) {
        return Stream.of(
                connected(1, ALICE, "Alice"),
                aliceAudio(2),
                added(3, ALICE, "Alice", MTA_C, TrackKind.VIDEO, "alice-cam"),
                connected(4, BOB, "Bob"),
                added(5, BOB, "Bob", MTB_A, TrackKind.AUDIO, "bob-audio"),
                added(6, BOB, "Bob", MTB_C, TrackKind.VIDEO, "bob-cam")
        ).map(e -> room.apply(e, sids)).toList();
    }

    static List<Recording> recordingsOf(Room room, String trackSid) {
        return room.recordings().stream().filter(r -> r.trackSid().equals(trackSid)).toList();
    }

    static List<String> processingTracks(Room room) {
        return room.recordings().stream().filter(r -> r.status() == RecordingStatus.PROCESSING)
                .map(Recording::trackSid).toList();
    }

    static List<String> sidsOf(List<Recording> recordings) {
        return recordings.stream().map(Recording::sid).toList();
    }

    // ---- record on connect ----------------------------------------------------------------------

    @Test
    void recordOnConnectRoomRecordsEveryAudioAndVideoTrackFromItsFirstTrack() {
        Room room = groupRoom(true);
        assertThat(room.displayedRules()).containsExactly(RecordingRule.includeAll());

        Outcome joined = room.apply(connected(1, ALICE, "Alice"), sids);
        assertThat(joined.changed()).isTrue();
        assertThat(joined.started()).isEmpty();

        Outcome first = room.apply(aliceAudio(2), sids);
        assertThat(first.changed()).isTrue();
        assertThat(first.stopped()).isEmpty();
        assertThat(first.started()).singleElement().satisfies(r -> {
            assertThat(r.sid()).matches(RT_SID);
            assertThat(r.trackSid()).isEqualTo(MTA_A);
            assertThat(r.trackName()).isEqualTo("alice-audio");
            assertThat(r.kind()).isEqualTo(TrackKind.AUDIO);
            assertThat(r.participantSid()).isEqualTo(ALICE);
            assertThat(r.status()).isEqualTo(RecordingStatus.PROCESSING);
            assertThat(r.dateCreated()).isEqualTo(at(2));
            assertThat(r.dateCompleted()).isNull();
            assertThat(r.duration()).isNull();
        });

        Outcome cam = room.apply(added(3, ALICE, "Alice", MTA_C, TrackKind.VIDEO, "alice-cam"), sids);
        assertThat(cam.started()).extracting(Recording::trackSid).containsExactly(MTA_C);

        // Data tracks are never recorded, even under include-all.
        Outcome data = room.apply(added(4, ALICE, "Alice", MTA_D, TrackKind.DATA, "chat"), sids);
        assertThat(data.started()).isEmpty();

        assertThat(room.recordingTrackSids()).containsExactlyInAnyOrder(MTA_A, MTA_C);
        assertThat(processingTracks(room)).containsExactlyInAnyOrder(MTA_A, MTA_C);
        assertThat(sidsOf(List.copyOf(room.recordings()))).doesNotHaveDuplicates();
    }

    @Test
    void roomWithoutRulesRecordsNothing() {
        Room room = groupRoom(false);

        List<Outcome> outcomes = aliceAndBob(room);

        assertThat(outcomes).allSatisfy(o -> assertThat(o.started()).isEmpty());
        assertThat(room.displayedRules()).isEmpty();
        assertThat(room.recordingTrackSids()).isEmpty();
        assertThat(room.recordings()).isEmpty();
        assertThat(room.publishedTracks()).hasSize(4);
    }

    // ---- posting rules -------------------------------------------------------------------------

    @Test
    void postingRulesStartsAndStopsRecordings() {
        Room room = groupRoom(false);
        aliceAndBob(room);

        Outcome audio = room.replaceRules(rules("[{\"type\":\"include\",\"kind\":\"audio\"}]"), at(10), sids);

        assertThat(audio.changed()).isTrue();
        assertThat(audio.stopped()).isEmpty();
        assertThat(audio.started()).extracting(Recording::trackSid).containsExactlyInAnyOrder(MTA_A, MTB_A);
        assertThat(audio.started()).allSatisfy(r -> {
            assertThat(r.sid()).matches(RT_SID);
            assertThat(r.status()).isEqualTo(RecordingStatus.PROCESSING);
            assertThat(r.dateCreated()).isEqualTo(at(10));
        });
        assertThat(sidsOf(audio.started())).doesNotHaveDuplicates();
        String aliceAudioRecording = recordingsOf(room, MTA_A).get(0).sid();
        String bobAudioRecording = recordingsOf(room, MTB_A).get(0).sid();

        // Rules are stateless: the new set replaces the old one entirely.
        Outcome alice = room.replaceRules(rules("[{\"type\":\"include\",\"publisher\":\"Alice\"}]"), at(20), sids);

        assertThat(alice.started()).extracting(Recording::trackSid).containsExactly(MTA_C);
        assertThat(alice.stopped()).singleElement().satisfies(r -> {
            assertThat(r.sid()).isEqualTo(bobAudioRecording);
            assertThat(r.status()).isEqualTo(RecordingStatus.COMPLETED);
            assertThat(r.dateCompleted()).isEqualTo(at(20));
            assertThat(r.duration()).isEqualTo(10);
        });
        // A track that stays in the set keeps its recording: no restart, no new SID.
        assertThat(recordingsOf(room, MTA_A)).singleElement().satisfies(r -> {
            assertThat(r.sid()).isEqualTo(aliceAudioRecording);
            assertThat(r.status()).isEqualTo(RecordingStatus.PROCESSING);
        });
        assertThat(room.recordingTrackSids()).containsExactlyInAnyOrder(MTA_A, MTA_C);
        assertThat(room.displayedRules()).containsExactly(new RecordingRule(
                io.github.recordingrules.domain.rules.RuleType.INCLUDE, false, null, "Alice", null));
        assertThat(room.rulesDateCreated()).isEqualTo(at(10));
        assertThat(room.rulesDateUpdated()).isEqualTo(at(20));
    }

    @Test
    void postedRulesReplaceRecordOnConnect() {
        Room room = groupRoom(true);
        aliceAndBob(room);
        assertThat(processingTracks(room)).hasSize(4);

        Outcome videoOnly = room.replaceRules(rules("[{\"type\":\"include\",\"kind\":\"video\"}]"), at(30), sids);

        assertThat(videoOnly.started()).isEmpty();
        assertThat(videoOnly.stopped()).extracting(Recording::trackSid).containsExactlyInAnyOrder(MTA_A, MTB_A);
        assertThat(room.recordingTrackSids()).containsExactlyInAnyOrder(MTA_C, MTB_C);
        // The rules keep applying as tracks come and go, with no further call.
        Outcome screen = room.apply(added(31, BOB, "Bob", "MT" + "b2".repeat(16), TrackKind.VIDEO, "screen"), sids);
        assertThat(screen.started()).extracting(Recording::trackName).containsExactly("screen");
        Outcome mic = room.apply(added(32, BOB, "Bob", "MT" + "b3".repeat(16), TrackKind.AUDIO, "mic"), sids);
        assertThat(mic.started()).isEmpty();
    }

    @Test
    void excludeThenIncludeTheSameTrackGivesTwoRecordings() {
        Room room = groupRoom(false);
        room.apply(connected(1, ALICE, "Alice"), sids);
        room.apply(aliceAudio(2), sids);

        Recording first = room.replaceRules(rules("[{\"type\":\"include\",\"all\":true}]"), at(10), sids).started().get(0);
        Outcome excluded = room.replaceRules(rules("[{\"type\":\"exclude\",\"all\":true}]"), at(25), sids);
        Outcome included = room.replaceRules(rules("[{\"type\":\"include\",\"all\":true}]"), at(40), sids);

        assertThat(excluded.stopped()).singleElement().satisfies(r -> {
            assertThat(r.sid()).isEqualTo(first.sid());
            assertThat(r.status()).isEqualTo(RecordingStatus.COMPLETED);
            assertThat(r.duration()).isEqualTo(15);
        });
        assertThat(included.started()).singleElement().satisfies(r -> {
            assertThat(r.sid()).matches(RT_SID).isNotEqualTo(first.sid());
            assertThat(r.trackSid()).isEqualTo(MTA_A);
            assertThat(r.status()).isEqualTo(RecordingStatus.PROCESSING);
        });
        assertThat(recordingsOf(room, MTA_A)).extracting(Recording::status)
                .containsExactly(RecordingStatus.COMPLETED, RecordingStatus.PROCESSING);
        assertThat(room.recording(first.sid())).get().extracting(Recording::duration).isEqualTo(15);
    }

    @Test
    void aSubSecondRecordingLastsOneSecond() {
        Room room = groupRoom(true);
        room.apply(aliceAudio(2), sids);

        Outcome gone = room.apply(new TrackRemoved(at(2).plusMillis(300), ALICE, "Alice", MTA_A, TrackKind.AUDIO, null), sids);

        assertThat(gone.stopped()).singleElement().extracting(Recording::duration).isEqualTo(1);
    }

    // ---- at-least-once, unordered delivery --------------------------------------------------------

    @Test
    void repeatedEventsChangeNothing() {
        Room room = groupRoom(true);
        List<RoomEvent> history = List.of(
                connected(1, ALICE, "Alice"),
                aliceAudio(2),
                added(3, ALICE, "Alice", MTA_C, TrackKind.VIDEO, "alice-cam"),
                connected(4, BOB, "Bob"),
                added(5, BOB, "Bob", MTB_A, TrackKind.AUDIO, "bob-audio"),
                aliceAudioRemoved(6),
                disconnected(7, BOB, "Bob"));
        for (RoomEvent event : history) {
            assertThat(room.apply(event, sids).changed()).as("first delivery of %s", event).isTrue();
            RoomSnapshot before = room.snapshot();

            Outcome again = room.apply(event, sids);

            assertThat(again).as("second delivery of %s", event).isEqualTo(new Outcome(false, List.of(), List.of()));
            assertThat(room.snapshot()).isEqualTo(before);
        }
        // The whole history once more, in reverse: still nothing.
        RoomSnapshot end = room.snapshot();
        List<RoomEvent> reversed = new ArrayList<>(history);
        Collections.reverse(reversed);
        for (RoomEvent event : reversed) {
            assertThat(room.apply(event, sids).changed()).as("redelivery of %s", event).isFalse();
        }
        assertThat(room.snapshot()).isEqualTo(end);
        assertThat(room.recordingTrackSids()).containsExactly(MTA_C);
        assertThat(room.recordings()).hasSize(3);
    }

    @Test
    void aLateTrackAddedDoesNotBringARemovedTrackBack() {
        Room room = groupRoom(true);
        room.apply(connected(1, ALICE, "Alice"), sids);
        room.apply(aliceAudio(2), sids);
        Outcome removal = room.apply(aliceAudioRemoved(6), sids);
        assertThat(removal.stopped()).singleElement().extracting(Recording::duration).isEqualTo(4);

        // The original add again, and an add stamped between the two: both older than the removal.
        assertThat(room.apply(aliceAudio(2), sids).changed()).isFalse();
        assertThat(room.apply(aliceAudio(5), sids).changed()).isFalse();

        assertThat(room.recordingTrackSids()).isEmpty();
        assertThat(recordingsOf(room, MTA_A)).singleElement()
                .extracting(Recording::status).isEqualTo(RecordingStatus.COMPLETED);
    }

    @Test
    void aRemovalDeliveredBeforeItsAddMeansTheTrackIsNeverRecorded() {
        Room room = groupRoom(true);

        room.apply(aliceAudioRemoved(6), sids);
        Outcome lateAdd = room.apply(aliceAudio(2), sids);
        room.apply(connected(1, ALICE, "Alice"), sids);

        assertThat(lateAdd.started()).isEmpty();
        assertThat(room.recordingTrackSids()).isEmpty();
        assertThat(room.recordings()).isEmpty();
    }

    @Test
    void publicationIsALastWriterWinsRegister() {
        // A newer add beats an older removal, and a stale removal delivered late does not undo it.
        Room room = groupRoom(true);
        room.apply(aliceAudio(2), sids);
        room.apply(aliceAudioRemoved(5), sids);

        Outcome republished = room.apply(aliceAudio(7), sids);
        Outcome staleRemoval = room.apply(aliceAudioRemoved(5), sids);

        assertThat(republished.started()).singleElement().extracting(Recording::trackSid).isEqualTo(MTA_A);
        assertThat(staleRemoval.changed()).isFalse();
        assertThat(room.recordingTrackSids()).containsExactly(MTA_A);
        assertThat(recordingsOf(room, MTA_A)).extracting(Recording::status)
                .containsExactly(RecordingStatus.COMPLETED, RecordingStatus.PROCESSING);
    }

    @Test
    void aNewerAddOfAPublishedTrackOutlivesAnOlderRemovalDeliveredAfterIt() {
        // Serially: added at 3, removed at 4, published again at 5 (same SID) -> recorded.
        Room room = groupRoom(true);
        room.apply(connected(1, ALICE, "Alice"), sids);
        room.apply(aliceAudio(3), sids);
        room.apply(aliceAudio(5), sids);

        Outcome staleRemoval = room.apply(aliceAudioRemoved(4), sids);

        assertThat(staleRemoval.stopped()).isEmpty();
        assertThat(room.recordingTrackSids()).containsExactly(MTA_A);
    }

    @Test
    void aNewerRemovalOfAnUnpublishedTrackOutlivesAnOlderAddDeliveredAfterIt() {
        // Serially: added at 1, removed at 3, added at 5, removed at 7 -> not recorded.
        Room room = groupRoom(true);
        room.apply(connected(0, ALICE, "Alice"), sids);
        room.apply(aliceAudio(1), sids);
        room.apply(aliceAudioRemoved(3), sids);
        room.apply(aliceAudioRemoved(7), sids);

        Outcome staleAdd = room.apply(aliceAudio(5), sids);

        assertThat(staleAdd.started()).isEmpty();
        assertThat(room.recordingTrackSids()).isEmpty();
    }

    @ParameterizedTest(name = "removal first: {0}")
    @ValueSource(booleans = {true, false})
    void removalWinsATimestampTie(boolean removalFirst) {
        Room room = groupRoom(true);
        List<RoomEvent> events = removalFirst
                ? List.of(aliceAudioRemoved(4), aliceAudio(4))
                : List.of(aliceAudio(4), aliceAudioRemoved(4));

        events.forEach(e -> room.apply(e, sids));

        assertThat(room.recordingTrackSids()).isEmpty();
        assertThat(processingTracks(room)).isEmpty();
    }

    @Test
    void participantDisconnectedCompletesThatParticipantsRecordings() {
        Room room = groupRoom(true);
        aliceAndBob(room);

        Outcome gone = room.apply(disconnected(10, ALICE, "Alice"), sids);

        assertThat(gone.started()).isEmpty();
        assertThat(gone.stopped()).extracting(Recording::trackSid).containsExactlyInAnyOrder(MTA_A, MTA_C);
        assertThat(gone.stopped()).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(RecordingStatus.COMPLETED);
            assertThat(r.dateCompleted()).isEqualTo(at(10));
        });
        assertThat(gone.stopped()).filteredOn(r -> r.trackSid().equals(MTA_A))
                .singleElement().extracting(Recording::duration).isEqualTo(8);
        assertThat(room.recordingTrackSids()).containsExactlyInAnyOrder(MTB_A, MTB_C);
        assertThat(processingTracks(room)).containsExactlyInAnyOrder(MTB_A, MTB_C);

        // Late news from before the disconnection does not revive Alice.
        assertThat(room.apply(connected(1, ALICE, "Alice"), sids).changed()).isFalse();
        assertThat(room.apply(added(9, ALICE, "Alice", "MT" + "a4".repeat(16), TrackKind.AUDIO, "late"), sids).changed())
                .isFalse();
        assertThat(room.recordingTrackSids()).containsExactlyInAnyOrder(MTB_A, MTB_C);
    }

    // ---- the end of a room -----------------------------------------------------------------------

    @Test
    void roomEndedCompletesAllRecordingsAndLaterEventsChangeNothing() {
        Room room = groupRoom(true);
        aliceAndBob(room);

        Outcome ended = room.apply(new RoomEvent.RoomEnded(at(60)), sids);

        assertThat(ended.changed()).isTrue();
        assertThat(ended.started()).isEmpty();
        assertThat(ended.stopped()).extracting(Recording::trackSid).containsExactlyInAnyOrder(MTA_A, MTA_C, MTB_A, MTB_C);
        assertThat(room.status()).isEqualTo(RoomStatus.COMPLETED);
        assertThat(room.inProgress()).isFalse();
        assertThat(room.endTime()).isEqualTo(at(60));
        assertThat(room.recordingTrackSids()).isEmpty();
        assertThat(room.recordings()).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(RecordingStatus.COMPLETED);
            assertThat(r.dateCompleted()).isEqualTo(at(60));
        });

        RoomSnapshot after = room.snapshot();
        for (RoomEvent late : List.of(
                connected(61, "PA" + "c".repeat(32), "Carl"),
                added(62, BOB, "Bob", "MT" + "b2".repeat(16), TrackKind.VIDEO, "screen"),
                aliceAudioRemoved(63),
                disconnected(64, BOB, "Bob"),
                new RoomEvent.RoomEnded(at(65)),
                new RoomEvent.RoomEnded(at(60)))) {
            assertThat(room.apply(late, sids)).as("after the end: %s", late).isEqualTo(new Outcome(false, List.of(), List.of()));
        }
        assertThat(room.complete(at(70), sids).changed()).isFalse();
        assertThat(room.snapshot()).isEqualTo(after);
    }

    @Test
    void completingARoomThroughTheApiEndsItLikeRoomEnded() {
        Room room = groupRoom(true);
        aliceAndBob(room);

        Outcome completed = room.complete(at(30), sids);

        assertThat(completed.stopped()).hasSize(4);
        assertThat(room.status()).isEqualTo(RoomStatus.COMPLETED);
        assertThat(room.endTime()).isEqualTo(at(30));
        assertThat(room.apply(new RoomEvent.RoomEnded(at(31)), sids).changed()).isFalse();
        assertThat(processingTracks(room)).isEmpty();
    }

    // ---- events that do not change the set -------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"room-something-new", "participant-reconnecting"})
    void otherEventsChangeNothing(String name) {
        Room room = groupRoom(true);
        aliceAndBob(room);
        RoomSnapshot before = room.snapshot();

        Outcome outcome = room.apply(new RoomEvent.Other(at(10), name), sids);

        assertThat(outcome).isEqualTo(new Outcome(false, List.of(), List.of()));
        assertThat(room.snapshot()).isEqualTo(before);
    }

    @Test
    void roomCreatedChangesNothing() {
        Room room = groupRoom(true);
        RoomSnapshot before = room.snapshot();

        assertThat(room.apply(new RoomEvent.RoomCreated(at(0)), sids).changed()).isFalse();
        assertThat(room.snapshot()).isEqualTo(before);
    }

    // ---- recording-* callbacks ---------------------------------------------------------------------

    @Test
    void mutingATrackIsKeptInOrderAndChangesNothingRecorded() {
        Room room = groupRoom(true);
        Recording recording = room.apply(aliceAudio(2), sids).started().get(0);

        Outcome muted = room.apply(new RoomEvent.TrackSwitched(at(5), ALICE, MTA_A, false), sids);
        Outcome stale = room.apply(new RoomEvent.TrackSwitched(at(4), ALICE, MTA_A, true), sids);

        assertThat(muted.changed()).isTrue();
        assertThat(muted.started()).isEmpty();
        assertThat(muted.stopped()).isEmpty();
        assertThat(stale.changed()).as("an older unmute delivered late").isFalse();
        assertThat(room.snapshot().tracks()).singleElement().satisfies(t -> assertThat(t.isEnabled()).isFalse());
        assertThat(room.recordingTracks()).singleElement()
                .satisfies(t -> assertThat(t.recording().sid()).isEqualTo(recording.sid()));
        assertThat(room.apply(new RoomEvent.TrackSwitched(at(6), ALICE, "MT" + "e".repeat(32), true), sids).changed())
                .as("an unknown track").isFalse();
    }

    @Nested
    class RecordingStatusEvents {

        Room room;
        Recording recording;

        @BeforeEach
        void aRecordingInProgress() {
            room = groupRoom(true);
            recording = room.apply(aliceAudio(2), sids).started().get(0);
        }

        @Test
        void aFailureWhileTheRulesStillWantTheTrackStartsANewRecordingOnce() {
            Outcome failed = room.apply(new RecordingStatusChanged(at(5), recording.sid(), RecordingStatus.FAILED, null,
                    new RecordingMedia(null, null, null, null, null, null, "recording")), sids);

            assertThat(failed.changed()).isTrue();
            assertThat(failed.stopped()).isEmpty();
            assertThat(failed.started()).singleElement().satisfies(next -> {
                assertThat(next.sid()).isNotEqualTo(recording.sid());
                assertThat(next.trackSid()).isEqualTo(recording.trackSid());
            });
            assertThat(room.recording(recording.sid())).get().satisfies(r -> {
                assertThat(r.status()).isEqualTo(RecordingStatus.FAILED);
                assertThat(r.media().failedOperation()).isEqualTo("recording");
            });
            assertThat(room.recordingTracks()).singleElement()
                    .satisfies(t -> assertThat(t.recording().sid()).isEqualTo(failed.started().get(0).sid()));
            assertThat(room.apply(new RecordingStatusChanged(at(5), recording.sid(), RecordingStatus.FAILED, null, null), sids)
                    .changed()).isFalse();
            assertThat(room.recordings()).hasSize(2);
        }

        @Test
        void aRecordingTheMediaServerCompletedIsFollowedByANewOneAndTheAnswerStaysConsistent() {
            Outcome completed = room.apply(new RecordingStatusChanged(at(6), recording.sid(), RecordingStatus.COMPLETED, 4,
                    new RecordingMedia("https://media.example.com/a.mka", null, 1200L, "opus", "mka", 0L, null)), sids);

            assertThat(room.recording(recording.sid())).get().satisfies(r -> {
                assertThat(r.status()).isEqualTo(RecordingStatus.COMPLETED);
                assertThat(r.duration()).isEqualTo(4);
                assertThat(r.dateCompleted()).isEqualTo(at(6));
                assertThat(r.media().size()).isEqualTo(1200L);
            });
            assertThat(completed.started()).singleElement().extracting(Recording::trackSid).isEqualTo(recording.trackSid());
            assertThat(room.recordingTracks()).allSatisfy(t ->
                    assertThat(t.recording().status()).isEqualTo(RecordingStatus.PROCESSING));
        }

        @Test
        void aReportAfterTheFunctionCompletedTheRecordingKeepsItsDurationAndMedia() {
            room.apply(aliceAudioRemoved(10), sids);
            assertThat(room.recording(recording.sid())).get().extracting(Recording::duration).isEqualTo(8);

            Outcome reported = room.apply(new RecordingStatusChanged(at(30), recording.sid(), RecordingStatus.COMPLETED, 42,
                    new RecordingMedia(null, "s3://bucket/a.mka", 99L, null, null, null, null)), sids);

            assertThat(reported.changed()).isTrue();
            assertThat(reported.started()).isEmpty();
            assertThat(room.recording(recording.sid())).get().satisfies(r -> {
                assertThat(r.status()).isEqualTo(RecordingStatus.COMPLETED);
                assertThat(r.duration()).isEqualTo(42);
                assertThat(r.dateCompleted()).isEqualTo(at(10));
                assertThat(r.media().mediaExternalLocation()).isEqualTo("s3://bucket/a.mka");
            });
            assertThat(room.apply(new RecordingStatusChanged(at(31), recording.sid(), RecordingStatus.COMPLETED, 42, null), sids)
                    .changed()).as("the same report again").isFalse();
        }

        @Test
        void unknownRecordingsAndProcessingReportsChangeNothing() {
            RoomSnapshot before = room.snapshot();

            assertThat(room.apply(new RecordingStatusChanged(at(5), "RT" + "f".repeat(32), RecordingStatus.FAILED, null, null), sids)
                    .changed()).isFalse();
            assertThat(room.apply(new RecordingStatusChanged(at(5), recording.sid(), RecordingStatus.PROCESSING, 3, null), sids)
                    .changed()).isFalse();
            assertThat(room.apply(new RecordingStatusChanged(at(5), recording.sid(), null, 3, null), sids).changed()).isFalse();
            assertThat(room.snapshot()).isEqualTo(before);
        }

        @Test
        void aCompletedRecordingCanStillBeReportedOnAfterTheRoomEnded() {
            room.apply(new RoomEvent.RoomEnded(at(10)), sids);

            Outcome deleted = room.apply(new RecordingStatusChanged(at(20), recording.sid(), RecordingStatus.DELETED, null, null), sids);

            assertThat(deleted.changed()).isTrue();
            assertThat(room.recording(recording.sid())).get().satisfies(r -> {
                assertThat(r.status()).isEqualTo(RecordingStatus.DELETED);
                assertThat(r.duration()).isEqualTo(8);
            });
            // Deleted is final.
            assertThat(room.apply(new RecordingStatusChanged(at(21), recording.sid(), RecordingStatus.FAILED, null, null), sids)
                    .changed()).isFalse();
        }

        @Test
        void aReportedDurationIsKept() {
            room.apply(aliceAudioRemoved(10), sids);

            room.apply(new RecordingStatusChanged(at(30), recording.sid(), RecordingStatus.FAILED, 7, null), sids);

            assertThat(room.recording(recording.sid())).get().satisfies(r -> {
                assertThat(r.status()).isEqualTo(RecordingStatus.FAILED);
                assertThat(r.duration()).isEqualTo(7);
            });
        }

        @Test
        void aFailureThatSaysNotToRestartSuspendsTheTrackUntilItLeavesTheSet() {
            Outcome failed = room.apply(new RecordingStatusChanged(at(5), recording.sid(), RecordingStatus.FAILED, null,
                    null, false), sids);

            assertThat(failed.changed()).isTrue();
            assertThat(failed.started()).as("no new recording").isEmpty();
            assertThat(room.recordingTracks()).isEmpty();
            assertThat(room.suspendedTracks()).containsExactly(MTA_A);
            assertThat(Room.restore(room.snapshot()).suspendedTracks()).as("kept when stored").containsExactly(MTA_A);
            assertThat(room.apply(connected(6, BOB, "Bob"), sids).started()).as("other changes do not restart it").isEmpty();

            room.apply(aliceAudioRemoved(7), sids);
            assertThat(room.suspendedTracks()).as("unpublished: no longer wanted").isEmpty();
            assertThat(room.apply(aliceAudio(8), sids).started()).as("published again: recorded again").hasSize(1);
        }

        @Test
        void postingRulesAgainResumesASuspendedTrack() {
            room.apply(new RecordingStatusChanged(at(5), recording.sid(), RecordingStatus.FAILED, null, null, false), sids);

            Outcome posted = room.replaceRules(RecordingRules.RECORD_ALL, at(6), sids);

            assertThat(posted.started()).singleElement().extracting(Recording::trackSid).isEqualTo(MTA_A);
            assertThat(room.suspendedTracks()).isEmpty();
        }

        @Test
        void aFailureOfARecordingAlreadyCompletedSuspendsNothing() {
            room.apply(aliceAudioRemoved(10), sids);

            room.apply(new RecordingStatusChanged(at(30), recording.sid(), RecordingStatus.FAILED, null, null, false), sids);

            assertThat(room.suspendedTracks()).isEmpty();
        }
    }

    @Nested
    class ExternalIds {

        @Test
        void theMediaServersIdsAreKeptOnceLearnedAndNeverReplaced() {
            Room room = groupRoom(true);

            assertThat(room.learnExternalIds(java.util.Map.of(ROOM, "RM_one", ALICE, "PA_one"))).isTrue();
            assertThat(room.learnExternalIds(java.util.Map.of(ROOM, "RM_other"))).as("known already").isFalse();

            Room stored = Room.restore(room.snapshot());
            assertThat(stored.externalId(ROOM)).contains("RM_one");
            assertThat(stored.externalId(ALICE)).contains("PA_one");
            assertThat(stored.externalId(BOB)).isEmpty();
        }

        @Test
        void anEndedRoomLearnsOnlyTheIdsOfItsRecordings() {
            Room room = groupRoom(true);
            Recording recording = room.apply(aliceAudio(2), sids).started().get(0);
            room.complete(at(3), sids);

            assertThat(room.learnExternalIds(java.util.Map.of(BOB, "PA_late"))).isFalse();
            assertThat(room.learnExternalIds(java.util.Map.of(recording.sid(), "EG_1"))).isTrue();
            assertThat(room.externalId(recording.sid())).contains("EG_1");
        }
    }

    // ---- room types ---------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = RoomType.class, names = "GROUP", mode = EnumSource.Mode.EXCLUDE)
    void aNonGroupRoomRejectsRulesAndRecordsNothing(RoomType type) {
        Room room = Room.create(ROOM, "p2p", type, false, null, null, null, T0);
        aliceAndBob(room);
        RoomSnapshot before = room.snapshot();

        assertThatThrownBy(() -> room.replaceRules(RecordingRules.RECORD_ALL, at(10), sids))
                .isInstanceOf(RoomTypeNotSupportedException.class);
        assertThat(room.snapshot()).as("rules in force stay as they were").isEqualTo(before);
        assertThatThrownBy(() -> Room.create(ROOM, "p2p", type, false, RecordingRules.RECORD_ALL, null, null, T0))
                .isInstanceOf(RoomTypeNotSupportedException.class);

        Room onConnect = Room.create(ROOM, "p2p", type, true, null, null, null, T0);
        aliceAndBob(onConnect);
        assertThat(onConnect.recordingTrackSids()).isEmpty();
        assertThat(onConnect.recordings()).isEmpty();
    }

    @Test
    void aRoomFirstHeardOfInACallbackIsAGroupRoomWithoutRules() {
        Room room = Room.discovered(ROOM, "found", null, at(1));

        assertThat(room.type()).isEqualTo(RoomType.GROUP);
        assertThat(room.uniqueName()).isEqualTo("found");
        assertThat(room.dateCreated()).isEqualTo(at(1));
        assertThat(room.displayedRules()).isEmpty();
        assertThat(room.inProgress()).isTrue();
    }

    @Test
    void rulesGivenAtCreationApplyFromTheFirstTrack() {
        Room room = Room.create(ROOM, "audio", RoomType.GROUP, false, rules("[{\"type\":\"include\",\"kind\":\"audio\"}]"),
                null, null, T0);

        aliceAndBob(room);

        assertThat(room.recordingTrackSids()).containsExactlyInAnyOrder(MTA_A, MTB_A);
        assertThat(room.rulesDateCreated()).isEqualTo(T0);
    }

    // ---- persistence -------------------------------------------------------------------------------

    @Test
    void snapshotAndRestoreKeepEverything() {
        Room room = Room.create(ROOM, "standup", RoomType.GROUP, true, null, "https://example.com/cb", "POST", T0);
        aliceAndBob(room);
        room.replaceRules(rules("[{\"type\":\"include\",\"all\":true},{\"type\":\"exclude\",\"publisher\":\"Bob\"}]"),
                at(10), sids);
        room.apply(aliceAudioRemoved(12), sids);

        RoomSnapshot snapshot = room.snapshot();
        Room restored = Room.restore(snapshot);

        assertThat(restored.snapshot()).isEqualTo(snapshot);
        assertThat(restored.recordingTrackSids()).isEqualTo(room.recordingTrackSids());
        assertThat(restored.publishedTracks()).isEqualTo(room.publishedTracks());
        assertThat(restored.displayedRules()).isEqualTo(room.displayedRules());
        assertThat(List.copyOf(restored.recordings())).isEqualTo(List.copyOf(room.recordings()));
        assertThat(restored.statusCallback()).isEqualTo("https://example.com/cb");
        assertThat(restored.statusCallbackMethod()).isEqualTo("POST");
        assertThat(restored.rulesDateUpdated()).isEqualTo(at(10));
        assertThat(restored.dateUpdated()).isEqualTo(room.dateUpdated());

        // Restored, it still knows which recordings are running and what it has seen.
        assertThat(restored.apply(added(3, ALICE, "Alice", MTA_C, TrackKind.VIDEO, "alice-cam"), sids).changed()).isFalse();
        assertThat(restored.apply(aliceAudio(2), sids).changed()).isFalse();

        // And it goes on exactly as the original would.
        CountingSids originalSids = new CountingSids();
        CountingSids restoredSids = new CountingSids();
        Outcome original = room.replaceRules(RecordingRules.RECORD_ALL, at(20), originalSids);
        Outcome fromRestored = restored.replaceRules(RecordingRules.RECORD_ALL, at(20), restoredSids);
        assertThat(fromRestored).isEqualTo(original);
        assertThat(fromRestored.started()).extracting(Recording::trackSid).containsExactlyInAnyOrder(MTB_A, MTB_C);
        assertThat(restored.snapshot()).isEqualTo(room.snapshot());
    }

    @Test
    void snapshotAndRestoreKeepAnEndedRoom() {
        Room room = groupRoom(true);
        aliceAndBob(room);
        room.apply(new RoomEvent.RoomEnded(at(40)), sids);

        Room restored = Room.restore(room.snapshot());

        assertThat(restored.snapshot()).isEqualTo(room.snapshot());
        assertThat(restored.inProgress()).isFalse();
        assertThat(restored.apply(aliceAudio(41), sids).changed()).isFalse();
    }

    @Nested
    class ParticipantsTracksAndDecisions {

        @Test
        void aParticipantStartsAtItsEarliestConnectionWhateverTheOrderOfDelivery() {
            Room room = groupRoom(false);
            room.apply(aliceAudio(5), sids);
            room.apply(connected(2, ALICE, "Alice"), sids);
            room.apply(disconnected(9, ALICE, "Alice"), sids);
            assertThat(room.apply(connected(2, ALICE, "Alice"), sids).changed()).as("a repeat changes nothing").isFalse();

            RoomParticipant alice = room.participant("Alice").orElseThrow();
            assertThat(alice.sid()).isEqualTo(ALICE);
            assertThat(alice.connected()).isFalse();
            assertThat(alice.startTime()).isEqualTo(at(2));
            assertThat(alice.endTime()).isEqualTo(at(9));
            assertThat(room.tracksPublishedBy(ALICE)).isEmpty();
        }

        @Test
        void anEndedRoomShowsEveryoneDisconnectedAtItsEnd() {
            Room room = groupRoom(false);
            aliceAndBob(room);
            room.complete(at(20), sids);

            assertThat(room.participants()).extracting(RoomParticipant::connected).containsOnly(false);
            assertThat(room.participants()).extracting(RoomParticipant::endTime).containsOnly(at(20));
            assertThat(room.participants()).extracting(RoomParticipant::startTime).containsExactly(at(1), at(4));
        }

        @Test
        void theExplanationIsWhatIsRecorded() {
            Room room = groupRoom(false);
            aliceAndBob(room);
            room.replaceRules(rules("[{\"type\":\"include\",\"all\":true},{\"type\":\"exclude\",\"publisher\":\"Bob\"},"
                    + "{\"type\":\"include\",\"kind\":\"audio\"}]"), at(10), sids);

            List<TrackDecision> decisions = room.explanation();

            assertThat(decisions).filteredOn(TrackDecision::recorded).extracting(d -> d.track().sid())
                    .containsExactlyInAnyOrderElementsOf(room.recordingTrackSids());
            assertThat(decisions).extracting(TrackDecision::ruleIndex).containsExactly(2, 0, 2, 1);
            assertThat(decisions).filteredOn(TrackDecision::recorded).allSatisfy(d -> assertThat(d.recordingSid()).isNotNull());
            room.complete(at(11), sids);
            assertThat(room.explanation()).extracting(TrackDecision::reason).containsOnly(TrackDecision.Reason.ROOM_ENDED);
        }

        @Test
        void aPreviewShowsWhatThePostWouldDoAndChangesNothing() {
            Room room = groupRoom(true);
            aliceAndBob(room);
            RoomSnapshot before = room.snapshot();

            RulesPreview preview = room.previewRules(rules("[{\"type\":\"exclude\",\"kind\":\"video\"}]"), at(10));

            assertThat(preview.wouldStop()).extracting(Recording::trackSid).containsExactlyInAnyOrder(MTA_A, MTA_C, MTB_A, MTB_C);
            assertThat(preview.wouldStart()).isEmpty();
            assertThat(preview.decisions()).extracting(TrackDecision::recorded).containsOnly(false);
            assertThat(room.snapshot()).isEqualTo(before);
        }

        @Test
        void onlyAnEndedRecordingIsDeletedAndDeletingItAgainChangesNothing() {
            Room room = groupRoom(true);
            aliceAndBob(room);
            String processing = recordingsOf(room, MTA_A).get(0).sid();
            assertThatThrownBy(() -> room.deleteRecording(processing, at(10))).isInstanceOf(RecordingInProgressException.class);
            room.apply(aliceAudioRemoved(11), sids);

            Outcome deleted = room.deleteRecording(processing, at(12));

            assertThat(deleted.deleted()).extracting(Recording::sid).containsExactly(processing);
            Recording recording = room.recording(processing).orElseThrow();
            assertThat(recording.status()).isEqualTo(RecordingStatus.DELETED);
            assertThat(recording.dateDeleted()).isEqualTo(at(12));
            assertThat(recording.duration()).isEqualTo(9);
            assertThat(room.deleteRecording(processing, at(13)).changed()).isFalse();
            assertThat(recording.readableAt(at(12).plusSeconds(59), java.time.Duration.ofMinutes(1))).isTrue();
            assertThat(recording.readableAt(at(12).plusSeconds(60), java.time.Duration.ofMinutes(1))).isFalse();
        }
    }
}
