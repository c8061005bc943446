package io.github.recordingrules.compat;

import com.twilio.base.ResourceSet;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.video.v1.Room;
import com.twilio.rest.video.v1.room.RecordingRules;
import com.twilio.rest.video.v1.room.RoomRecording;
import com.twilio.type.RecordingRule;
import com.twilio.type.RecordingRulesUpdate;
import com.twilio.type.Rule;
import io.github.recordingrules.support.Api;
import io.github.recordingrules.support.RedirectingHttpClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.Webhooks.nextTimestamp;
import static io.github.recordingrules.support.Webhooks.participant;
import static io.github.recordingrules.support.Webhooks.post;
import static io.github.recordingrules.support.Webhooks.sid;
import static io.github.recordingrules.support.Webhooks.track;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The official Java helper library ({@code com.twilio.sdk:twilio}), pointed at the function with
 * {@link RedirectingHttpClient}, does what an application does with Twilio's Recording Rules, and
 * parses every answer.
 */
@QuarkusTest
class TwilioJavaLibraryTest {

    private static final String ALICE = sid("PA", "java-alice");

    private TwilioRestClient client;

    @BeforeEach
    void pointTheLibraryAtTheFunction() {
        client = RedirectingHttpClient.restClient(baseUrl(), Api.ACCOUNT_SID, Api.AUTH_TOKEN);
    }

    private static String baseUrl() {
        return "http://localhost:" + RestAssured.port;
    }

    private static RecordingRule include(Rule.Kind kind) {
        return RecordingRule.builder().withType(Rule.Type.INCLUDE).withKind(kind).build();
    }

    /** What the library's documentation shows: a RecordingRulesUpdate, given to the library as a Map. */
    private Map<?, ?> asMap(RecordingRulesUpdate update) {
        return client.getObjectMapper().convertValue(update, Map.class);
    }

    private Room groupRoom(String name, boolean recordOnConnect, Object rules) {
        var creator = Room.creator().setUniqueName(name).setType(Room.RoomType.GROUP)
                .setRecordParticipantsOnConnect(recordOnConnect);
        if (rules != null) {
            creator.setRecordingRules(rules);
        }
        return creator.create(client);
    }

    @Test
    void createsAGroupRoomWithRulesAndFetchesItByUniqueName() {
        String name = "java-lib-" + UUID.randomUUID();
        RecordingRulesUpdate rules = new RecordingRulesUpdate(List.of(include(Rule.Kind.AUDIO)));

        Room room = groupRoom(name, true, asMap(rules));

        assertThat(room.getSid()).matches("^RM[0-9a-f]{32}$");
        assertThat(room.getUniqueName()).isEqualTo(name);
        assertThat(room.getStatus()).isEqualTo(Room.RoomStatus.IN_PROGRESS);
        assertThat(room.getType()).isEqualTo(Room.RoomType.GROUP);
        assertThat(room.getRecordParticipantsOnConnect()).isTrue();
        assertThat(room.getAccountSid()).isEqualTo(Api.ACCOUNT_SID);
        assertThat(room.getDateCreated()).isNotNull();
        assertThat(room.getEndTime()).isNull();
        assertThat(room.getUrl().getPath()).isEqualTo("/v1/Rooms/" + room.getSid());
        assertThat(room.getLinks()).containsKeys("recordings", "recording_rules");

        Room byName = Room.fetcher(name).fetch(client);
        assertThat(byName.getSid()).isEqualTo(room.getSid());
        assertThat(byName.getUniqueName()).isEqualTo(name);
        Room bySid = Room.fetcher(room.getSid()).fetch(client);
        assertThat(bySid.getUniqueName()).isEqualTo(name);

        RecordingRules fetched = RecordingRules.fetcher(room.getSid()).fetch(client);
        assertThat(fetched.getRoomSid()).isEqualTo(room.getSid());
        assertThat(fetched.getRules()).containsExactly(include(Rule.Kind.AUDIO));
        assertThat(fetched.getDateCreated()).isNotNull();
        assertThat(fetched.getDateUpdated()).isNotNull();
    }

    @Test
    void updatesRulesWithARecordingRulesUpdateAsTheLibraryDocumentsIt() {
        Room room = groupRoom("java-rules-" + UUID.randomUUID(), false, null);
        assertThat(RecordingRules.fetcher(room.getSid()).fetch(client).getRules()).isEmpty();
        RecordingRule alice = RecordingRule.builder().withType(Rule.Type.INCLUDE).withPublisher("Alice").build();
        RecordingRule noVideo = RecordingRule.builder().withType(Rule.Type.EXCLUDE).withKind(Rule.Kind.VIDEO).build();

        RecordingRules updated = RecordingRules.updater(room.getSid())
                .setRules(asMap(new RecordingRulesUpdate(List.of(alice, noVideo)))).update(client);

        // What the library sent: the object form, with the filters it does not use as JSON null.
        String sent = client.getHttpClient().getLastRequest().getPostParams().get("Rules").get(0);
        assertThat(sent).startsWith("{\"rules\":[").contains("null");
        assertThat(updated.getRoomSid()).isEqualTo(room.getSid());
        assertThat(updated.getRules()).containsExactly(alice, noVideo);
        assertThat(RecordingRules.fetcher(room.getSid()).fetch(client).getRules()).containsExactly(alice, noVideo);
        api().get("/v1/Rooms/{room}/RecordingRules", room.getSid()).then().statusCode(200)
                .body("rules[0]", org.hamcrest.Matchers.equalTo(Map.of("type", "include", "publisher", "Alice")))
                .body("rules[1]", org.hamcrest.Matchers.equalTo(Map.of("type", "exclude", "kind", "video")));
    }

    @Test
    void updatesRulesWithAJsonString() {
        Room room = groupRoom("java-json-" + UUID.randomUUID(), false, null);

        RecordingRules updated = RecordingRules.updater(room.getSid())
                .setRules("[{\"type\":\"include\",\"all\":true},{\"type\":\"exclude\",\"track\":\"screen\"}]")
                .update(client);

        assertThat(updated.getRules()).containsExactly(RecordingRule.all(),
                RecordingRule.builder().withType(Rule.Type.EXCLUDE).withTrack("screen").build());
        assertThat(updated.getDateUpdated()).isAfterOrEqualTo(updated.getDateCreated());
    }

    @Test
    void invalidRulesAreAnApiExceptionWithCode53120AndChangeNothing() {
        Room room = groupRoom("java-invalid-" + UUID.randomUUID(), false, null);
        RecordingRules.updater(room.getSid()).setRules("[{\"type\":\"include\",\"kind\":\"audio\"}]").update(client);

        for (String invalid : List.of("[]", "[{\"type\":\"include\",\"kind\":\"wideo\"}]",
                "[{\"type\":\"include\",\"all\":false}]", "{\"rules\":[{\"type\":\"record\",\"all\":true}]}")) {
            ApiException e = catchThrowableOfType(ApiException.class,
                    () -> RecordingRules.updater(room.getSid()).setRules(invalid).update(client));
            assertThat(e).as("rules %s", invalid).isNotNull();
            assertThat(e.getCode()).as("code for %s", invalid).isEqualTo(53120);
            assertThat(e.getStatusCode()).as("status for %s", invalid).isEqualTo(400);
            assertThat(e.getMessage()).isEqualTo("Invalid Recording Rule(s)");
            assertThat(e.getMoreInfo()).isEqualTo("https://www.twilio.com/docs/errors/53120");
            assertThat(e.getDetails()).as("the function's extra details").containsKey("reason");
        }

        assertThat(RecordingRules.fetcher(room.getSid()).fetch(client).getRules()).containsExactly(include(Rule.Kind.AUDIO));
    }

    @Test
    void anUnknownRoomIsAnApiExceptionWithCode20404() {
        for (Runnable call : List.<Runnable>of(
                () -> Room.fetcher("no-such-room-" + UUID.randomUUID()).fetch(client),
                () -> RecordingRules.fetcher(sid("RM", UUID.randomUUID().toString())).fetch(client),
                () -> RecordingRules.updater("no-such-room-" + UUID.randomUUID())
                        .setRules("[{\"type\":\"include\",\"all\":true}]").update(client),
                () -> RoomRecording.reader(sid("RM", UUID.randomUUID().toString())).read(client).iterator().hasNext())) {
            ApiException e = catchThrowableOfType(ApiException.class, call::run);
            assertThat(e).isNotNull();
            assertThat(e.getCode()).isEqualTo(20404);
            assertThat(e.getStatusCode()).isEqualTo(404);
        }
    }

    @Test
    void wrongCredentialsAreAnApiExceptionWithCode20003() {
        Room room = groupRoom("java-auth-" + UUID.randomUUID(), false, null);
        TwilioRestClient wrongToken = RedirectingHttpClient.restClient(baseUrl(), Api.ACCOUNT_SID, "not-the-token");
        TwilioRestClient wrongAccount = RedirectingHttpClient.restClient(baseUrl(),
                "AC00000000000000000000000000000000", Api.AUTH_TOKEN);

        for (TwilioRestClient wrong : List.of(wrongToken, wrongAccount)) {
            ApiException e = catchThrowableOfType(ApiException.class,
                    () -> RecordingRules.fetcher(room.getSid()).fetch(wrong));
            assertThat(e).isNotNull();
            assertThat(e.getCode()).isEqualTo(20003);
            assertThat(e.getStatusCode()).isEqualTo(401);
        }
    }

    @Test
    void listsAndFetchesRecordingsStartedByCallbacksThenCompletesTheRoom() {
        Room room = groupRoom("java-recordings-" + UUID.randomUUID(), true, null);
        String roomSid = room.getSid();
        String mic = sid("MT", roomSid + "-java-mic");
        String cam = sid("MT", roomSid + "-java-cam");
        post(participant(roomSid, "participant-connected", ALICE, "Alice", nextTimestamp())).statusCode(200);
        String micRecording = post(track(roomSid, "track-added", ALICE, "Alice", mic, "audio", "mic", nextTimestamp()))
                .statusCode(200).extract().path("started[0].sid");
        String camRecording = post(track(roomSid, "track-added", ALICE, "Alice", cam, "video", "cam", nextTimestamp()))
                .statusCode(200).extract().path("started[0].sid");

        // Page size 1: the library follows meta.next_page_url, an absolute URL the function wrote.
        List<RoomRecording> listed = new ArrayList<>();
        ResourceSet<RoomRecording> pages = RoomRecording.reader(roomSid).setPageSize(1L).read(client);
        pages.forEach(listed::add);

        assertThat(listed).extracting(RoomRecording::getSid).containsExactly(micRecording, camRecording);
        assertThat(listed).extracting(RoomRecording::getStatus).containsOnly(RoomRecording.Status.PROCESSING);
        assertThat(listed).extracting(RoomRecording::getSourceSid).containsExactly(mic, cam);
        assertThat(listed).extracting(RoomRecording::getTrackName).containsExactly("mic", "cam");
        assertThat(listed).extracting(RoomRecording::getType)
                .containsExactly(RoomRecording.Type.AUDIO, RoomRecording.Type.VIDEO);
        assertThat(listed).extracting(RoomRecording::getRoomSid).containsOnly(roomSid);
        assertThat(listed).extracting(RoomRecording::getAccountSid).containsOnly(Api.ACCOUNT_SID);
        assertThat(listed).extracting(RoomRecording::getDuration).containsOnlyNulls();
        assertThat(listed.get(0).getGroupingSids()).isEqualTo(Map.of("room_sid", roomSid, "participant_sid", ALICE));

        RoomRecording one = RoomRecording.fetcher(roomSid, camRecording).fetch(client);
        assertThat(one.getSid()).isEqualTo(camRecording);
        assertThat(one.getSourceSid()).isEqualTo(cam);
        assertThat(one.getStatus()).isEqualTo(RoomRecording.Status.PROCESSING);
        assertThat(one.getContainerFormat()).isEqualTo(RoomRecording.Format.MKV);
        assertThat(one.getDateCreated()).isNotNull();
        ApiException unknown = catchThrowableOfType(ApiException.class,
                () -> RoomRecording.fetcher(roomSid, sid("RT", "none")).fetch(client));
        assertThat(unknown.getCode()).isEqualTo(20404);

        Room completed = Room.updater(roomSid, Room.RoomStatus.COMPLETED).update(client);

        assertThat(completed.getSid()).isEqualTo(roomSid);
        assertThat(completed.getStatus()).isEqualTo(Room.RoomStatus.COMPLETED);
        assertThat(completed.getEndTime()).isNotNull();
        assertThat(completed.getDuration()).isNotNull().isGreaterThanOrEqualTo(0);
        assertThat(Room.fetcher(roomSid).fetch(client).getStatus()).isEqualTo(Room.RoomStatus.COMPLETED);
        List<RoomRecording> after = new ArrayList<>();
        RoomRecording.reader(roomSid).setStatus(RoomRecording.Status.COMPLETED).read(client).forEach(after::add);
        assertThat(after).extracting(RoomRecording::getSid).containsExactly(micRecording, camRecording);
        assertThat(after).extracting(RoomRecording::getDuration).doesNotContainNull();
    }

    @Test
    void filtersRecordingsByCreationDateAsTheLibrarySendsIt() {
        Room room = groupRoom("java-dates-" + UUID.randomUUID(), true, null);
        String roomSid = room.getSid();
        String recording = post(track(roomSid, "track-added", ALICE, "Alice", sid("MT", roomSid + "-java-date"), "audio",
                "date", nextTimestamp())).statusCode(200).extract().path("started[0].sid");
        // A recording starts at its callback's Timestamp; the library formats the zone it is given: UTC here.
        ZonedDateTime aMinuteEarlier = RoomRecording.fetcher(roomSid, recording).fetch(client).getDateCreated()
                .withZoneSameInstant(ZoneOffset.UTC).minusMinutes(1);

        // The library writes these as 2026-01-01T12:00:00, without a zone: Twilio reads them as UTC.
        List<RoomRecording> after = new ArrayList<>();
        RoomRecording.reader(roomSid).setDateCreatedAfter(aMinuteEarlier).read(client).forEach(after::add);
        List<RoomRecording> before = new ArrayList<>();
        RoomRecording.reader(roomSid).setDateCreatedBefore(aMinuteEarlier).read(client).forEach(before::add);

        assertThat(after).extracting(RoomRecording::getSid).containsExactly(recording);
        assertThat(before).isEmpty();
        String sent = client.getHttpClient().getLastRequest().getQueryParams().get("DateCreatedBefore").get(0);
        assertThat(sent).doesNotContain("Z").doesNotContain("+");
        String nextPage = api().queryParam("DateCreatedAfter", sent).queryParam("PageSize", 1)
                .get("/v1/Rooms/{room}/Recordings", roomSid).then().statusCode(200).extract().path("meta.url");
        assertThat(nextPage).as("paging URLs keep the date filter").contains("DateCreatedAfter=");
    }
}
