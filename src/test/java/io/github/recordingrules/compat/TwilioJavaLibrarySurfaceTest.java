package io.github.recordingrules.compat;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.video.v1.Recording;
import com.twilio.rest.video.v1.Room;
import com.twilio.rest.video.v1.room.Participant;
import com.twilio.rest.video.v1.room.RoomRecording;
import com.twilio.rest.video.v1.room.participant.PublishedTrack;
import io.github.recordingrules.support.Api;
import io.github.recordingrules.support.RedirectingHttpClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.Webhooks.event;
import static io.github.recordingrules.support.Webhooks.nextTimestamp;
import static io.github.recordingrules.support.Webhooks.participant;
import static io.github.recordingrules.support.Webhooks.post;
import static io.github.recordingrules.support.Webhooks.sid;
import static io.github.recordingrules.support.Webhooks.track;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The official Java helper library on the rest of the surface (docs/SPEC.md §5.15 to §5.21): the rooms list
 * with a status filter over several pages, the seed's participants and their published tracks, the
 * account-level recordings by grouping SID, media type and status, and fetching and deleting them.
 */
@QuarkusTest
class TwilioJavaLibrarySurfaceTest {

    private TwilioRestClient client;

    @BeforeEach
    void pointTheLibraryAtTheFunction() {
        client = RedirectingHttpClient.restClient("http://localhost:" + RestAssured.port, Api.ACCOUNT_SID, Api.AUTH_TOKEN);
    }

    @Test
    void listsRoomsByStatusOverMoreThanOnePage() throws InterruptedException {
        // The library sends dates to the second, without a zone: start on a fresh second, so that only this
        // test's rooms are on or after it.
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        Thread.sleep(Math.max(0, start.toEpochMilli() - System.currentTimeMillis()));
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(Room.creator().setUniqueName("java-list-" + UUID.randomUUID()).create(client).getSid());
        }
        Room.updater(created.get(1), Room.RoomStatus.COMPLETED).update(client);
        Room.updater(created.get(3), Room.RoomStatus.COMPLETED).update(client);
        ZonedDateTime after = start.atZone(ZoneOffset.UTC);

        List<Room> inProgress = new ArrayList<>();
        Room.reader().setStatus(Room.RoomStatus.IN_PROGRESS).setDateCreatedAfter(after).setPageSize(2L).read(client)
                .forEach(inProgress::add);
        List<Room> completed = new ArrayList<>();
        Room.reader().setStatus(Room.RoomStatus.COMPLETED).setDateCreatedAfter(after).setPageSize(1L).read(client)
                .forEach(completed::add);

        assertThat(inProgress).extracting(Room::getSid).containsExactly(created.get(0), created.get(2), created.get(4));
        assertThat(inProgress).extracting(Room::getStatus).containsOnly(Room.RoomStatus.IN_PROGRESS);
        assertThat(inProgress).extracting(Room::getEndTime).containsOnlyNulls();
        assertThat(completed).extracting(Room::getSid).containsExactly(created.get(1), created.get(3));
        assertThat(completed).extracting(Room::getStatus).containsOnly(Room.RoomStatus.COMPLETED);
        assertThat(completed).extracting(Room::getDuration).doesNotContainNull();
        assertThat(completed.get(0).getLinks()).containsOnlyKeys("participants", "recordings", "transcriptions",
                "recording_rules");
    }

    @Test
    void readsTheSeedsParticipantsAndTheirPublishedTracks() {
        Seed seed = new Seed();
        post(track(seed.room, "track-disabled", seed.bob, "Bob", seed.track("MTB_C"), "video", "bob-cam",
                nextTimestamp())).statusCode(200);
        post(participant(seed.room, "participant-disconnected", seed.carl, "Carl", nextTimestamp())).statusCode(200);

        List<Participant> connected = new ArrayList<>();
        Participant.reader(seed.room).read(client).forEach(connected::add);
        List<Participant> left = new ArrayList<>();
        Participant.reader(seed.room).setStatus(Participant.Status.DISCONNECTED).read(client).forEach(left::add);

        assertThat(connected).extracting(Participant::getIdentity).containsExactly("Alice", "Bob");
        assertThat(connected).extracting(Participant::getStatus).containsOnly(Participant.Status.CONNECTED);
        assertThat(connected).extracting(Participant::getEndTime).containsOnlyNulls();
        assertThat(connected).extracting(Participant::getStartTime).doesNotContainNull();
        assertThat(left).extracting(Participant::getSid).containsExactly(seed.carl);
        assertThat(left.get(0).getDuration()).isNotNull().isPositive();
        assertThat(left.get(0).getEndTime()).isAfter(left.get(0).getStartTime());
        Participant bob = Participant.fetcher(seed.room, "Bob").fetch(client);
        assertThat(bob.getSid()).isEqualTo(seed.bob);
        assertThat(bob.getLinks()).containsKey("published_tracks");

        List<PublishedTrack> bobs = new ArrayList<>();
        PublishedTrack.reader(seed.room, seed.bob).setPageSize(2L).read(client).forEach(bobs::add);
        assertThat(bobs).extracting(PublishedTrack::getName).containsExactly("bob-audio", "bob-cam", "screen");
        assertThat(bobs).extracting(PublishedTrack::getKind)
                .containsExactly(PublishedTrack.Kind.AUDIO, PublishedTrack.Kind.VIDEO, PublishedTrack.Kind.VIDEO);
        assertThat(bobs).extracting(PublishedTrack::getEnabled).containsExactly(true, false, true);
        PublishedTrack screen = PublishedTrack.fetcher(seed.room, seed.bob, "screen").fetch(client);
        assertThat(screen.getSid()).isEqualTo(seed.track("MTB_S"));
        assertThat(screen.getParticipantSid()).isEqualTo(seed.bob);
        assertThat(PublishedTrack.fetcher(seed.room, seed.bob, seed.track("MTB_C")).fetch(client).getEnabled()).isFalse();
        ApiException gone = catchThrowableOfType(ApiException.class,
                () -> PublishedTrack.fetcher(seed.room, seed.carl, "carl-audio").fetch(client));
        assertThat(gone.getStatusCode()).as("Carl left: his tracks are unpublished").isEqualTo(404);
    }

    @Test
    void listsFetchesAndDeletesRecordingsAcrossRooms() {
        Seed seed = new Seed();
        api().formParam("Rules", "[{\"type\":\"include\",\"all\":true}]").post("/v1/Rooms/{room}/RecordingRules", seed.room)
                .then().statusCode(200);

        List<Recording> inRoom = read(Recording.reader().setGroupingSid(List.of(seed.room)));
        List<Recording> alices = read(Recording.reader().setGroupingSid(List.of(seed.room, seed.alice)));
        List<Recording> audio = read(Recording.reader().setGroupingSid(seed.room).setMediaType(Recording.Type.AUDIO));

        assertThat(inRoom).hasSize(8).extracting(Recording::getStatus).containsOnly(Recording.Status.PROCESSING);
        assertThat(alices).extracting(Recording::getSourceSid)
                .containsExactlyInAnyOrder(seed.track("MTA_A"), seed.track("MTA_C"), seed.track("MTA_S"));
        assertThat(alices).allSatisfy(r -> assertThat(r.getGroupingSids())
                .isEqualTo(Map.of("room_sid", seed.room, "participant_sid", seed.alice)));
        assertThat(audio).extracting(Recording::getTrackName).containsExactlyInAnyOrder("alice-audio", "bob-audio",
                "carl-audio");
        assertThat(audio).extracting(Recording::getType).containsOnly(Recording.Type.AUDIO);

        Room.updater(seed.room, Room.RoomStatus.COMPLETED).update(client);
        List<Recording> completed = read(Recording.reader().setGroupingSid(seed.room).setStatus(Recording.Status.COMPLETED));
        assertThat(completed).hasSize(8).extracting(Recording::getDuration).doesNotContainNull();

        Recording mic = Recording.fetcher(alices.stream().filter(r -> r.getType() == Recording.Type.AUDIO)
                .findFirst().orElseThrow().getSid()).fetch(client);
        assertThat(mic.getSourceSid()).isEqualTo(seed.track("MTA_A"));
        assertThat(mic.getStatus()).isEqualTo(Recording.Status.COMPLETED);
        assertThat(mic.getLinks().get("media")).endsWith("/v1/Recordings/" + mic.getSid() + "/Media");
        assertThat(Recording.deleter(mic.getSid()).delete(client)).isTrue();
        String cam = alices.stream().filter(r -> r.getSourceSid().equals(seed.track("MTA_C"))).findFirst().orElseThrow()
                .getSid();
        assertThat(RoomRecording.deleter(seed.room, cam).delete(client)).isTrue();

        assertThat(Recording.fetcher(mic.getSid()).fetch(client).getStatus()).isEqualTo(Recording.Status.DELETED);
        assertThat(RoomRecording.fetcher(seed.room, cam).fetch(client).getStatus()).isEqualTo(RoomRecording.Status.DELETED);
        assertThat(read(Recording.reader().setGroupingSid(seed.room))).hasSize(6)
                .extracting(Recording::getSid).doesNotContain(mic.getSid(), cam);
        assertThat(read(Recording.reader().setGroupingSid(seed.room).setStatus(Recording.Status.DELETED)))
                .extracting(Recording::getSid).containsExactlyInAnyOrder(mic.getSid(), cam);
        List<RoomRecording> roomLevel = new ArrayList<>();
        RoomRecording.reader(seed.room).read(client).forEach(roomLevel::add);
        assertThat(roomLevel).hasSize(6);
        ApiException unknown = catchThrowableOfType(ApiException.class,
                () -> Recording.fetcher(sid("RT", UUID.randomUUID().toString())).fetch(client));
        assertThat(unknown.getCode()).isEqualTo(20404);
    }

    private List<Recording> read(com.twilio.rest.video.v1.RecordingReader reader) {
        List<Recording> all = new ArrayList<>();
        reader.setPageSize(3L).read(client).forEach(all::add);
        return all;
    }

    /** The original documentation's room: Alice, Bob and Carl and their eight tracks, through callbacks. */
    private static final class Seed {

        final String room = sid("RM", UUID.randomUUID().toString());
        final String alice = sid("PA", room + "alice");
        final String bob = sid("PA", room + "bob");
        final String carl = sid("PA", room + "carl");

        Seed() {
            post(event(room, "room-created", nextTimestamp())).statusCode(200);
            for (String[] who : new String[][]{{alice, "Alice"}, {bob, "Bob"}, {carl, "Carl"}}) {
                post(participant(room, "participant-connected", who[0], who[1], nextTimestamp())).statusCode(200);
            }
            publish(alice, "Alice", "MTA_A", "audio", "alice-audio");
            publish(alice, "Alice", "MTA_C", "video", "alice-cam");
            publish(alice, "Alice", "MTA_S", "video", "screen");
            publish(bob, "Bob", "MTB_A", "audio", "bob-audio");
            publish(bob, "Bob", "MTB_C", "video", "bob-cam");
            publish(bob, "Bob", "MTB_S", "video", "screen");
            publish(carl, "Carl", "MTC_A", "audio", "carl-audio");
            publish(carl, "Carl", "MTC_C", "video", "carl-cam");
        }

        String track(String label) {
            return sid("MT", room + label);
        }

        private void publish(String participantSid, String identity, String label, String kind, String name) {
            post(io.github.recordingrules.support.Webhooks.track(room, "track-added", participantSid, identity,
                    track(label), kind, name, nextTimestamp())).statusCode(200);
        }
    }
}
