package io.github.recordingrules.adapter.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.TwilioErrors.assertTwilioError;
import static io.github.recordingrules.support.Webhooks.event;
import static io.github.recordingrules.support.Webhooks.nextTimestamp;
import static io.github.recordingrules.support.Webhooks.participant;
import static io.github.recordingrules.support.Webhooks.post;
import static io.github.recordingrules.support.Webhooks.sid;
import static io.github.recordingrules.support.Webhooks.track;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The original documentation's Alice, Bob and Carl, known only through signed callbacks, seen through the
 * rest of the REST surface: participants, published tracks, recordings across rooms, the explanation of
 * each decision and a dry run (docs/SPEC.md §3.5, §5.7, §5.8, §5.17 to §5.20).
 */
@QuarkusTest
class SeedScenarioSurfaceTest {

    private static final String FOUR_RULES = "[{\"type\": \"include\", \"all\": true}, {\"type\": \"exclude\", \"kind\": \"video\"},"
            + " {\"type\": \"include\", \"publisher\": \"Bob\", \"track\": \"screen\"},"
            + " {\"type\": \"include\", \"track\": \"%s\"}]";

    private String room;
    private String alice;
    private String bob;
    private String carl;
    private final Map<String, String> tracks = new HashMap<>();
    private final Map<String, String> joinedAt = new HashMap<>();

    @BeforeEach
    void aRoomWithAliceBobAndCarl() {
        room = sid("RM", UUID.randomUUID().toString());
        // Participant SIDs of this room only: the account-wide lists would find another room's Carl too.
        alice = sid("PA", room + "alice");
        bob = sid("PA", room + "bob");
        carl = sid("PA", room + "carl");
        post(event(room, "room-created", nextTimestamp())).statusCode(200);
        join(alice, "Alice");
        join(bob, "Bob");
        join(carl, "Carl");
        publish(alice, "Alice", "MTA_A", "audio", "alice-audio");
        publish(alice, "Alice", "MTA_C", "video", "alice-cam");
        publish(alice, "Alice", "MTA_S", "video", "screen");
        publish(bob, "Bob", "MTB_A", "audio", "bob-audio");
        publish(bob, "Bob", "MTB_C", "video", "bob-cam");
        publish(bob, "Bob", "MTB_S", "video", "screen");
        publish(carl, "Carl", "MTC_A", "audio", "carl-audio");
        publish(carl, "Carl", "MTC_C", "video", "carl-cam");
    }

    @Test
    void participantsAreListedWithTheirTimesAndFetchedBySidOrIdentity() {
        JsonPath list = api().get("/v1/Rooms/{room}/Participants", room).then().statusCode(200).extract().jsonPath();
        assertThat(list.getList("participants.sid")).containsExactly(alice, bob, carl);
        assertThat(list.getList("participants.identity")).containsExactly("Alice", "Bob", "Carl");
        assertThat(list.getList("participants.status")).containsOnly("connected");
        assertThat(list.getList("participants.start_time")).containsExactly(joinedAt.get(alice), joinedAt.get(bob),
                joinedAt.get(carl));
        assertThat(list.getList("participants.end_time")).containsOnlyNulls();
        assertThat(list.getList("participants.duration")).containsOnlyNulls();
        assertThat(list.getString("meta.key")).isEqualTo("participants");

        String left = nextTimestamp();
        post(participant(room, "participant-disconnected", bob, "Bob", left)).statusCode(200);

        JsonPath fetched = api().get("/v1/Rooms/{room}/Participants/{who}", room, "Bob").then().statusCode(200)
                .extract().jsonPath();
        assertThat(fetched.getString("sid")).isEqualTo(bob);
        assertThat(fetched.getString("room_sid")).isEqualTo(room);
        assertThat(fetched.getString("status")).isEqualTo("disconnected");
        assertThat(fetched.getString("start_time")).isEqualTo(joinedAt.get(bob));
        assertThat(fetched.getString("end_time")).isEqualTo(left.replace(".000", ""));
        assertThat(fetched.getLong("duration")).isEqualTo(
                java.time.Duration.between(java.time.Instant.parse(joinedAt.get(bob)), java.time.Instant.parse(left)).toSeconds());
        assertThat(fetched.getString("url")).endsWith("/v1/Rooms/" + room + "/Participants/" + bob);
        assertThat(api().get("/v1/Rooms/{room}/Participants/{sid}", room, bob).jsonPath().getString("identity"))
                .isEqualTo("Bob");
        assertThat(api().get("/v1/Rooms/{room}/Participants", room).jsonPath().getList("participants.sid"))
                .containsExactly(alice, carl);
        assertThat(api().queryParam("Status", "disconnected").get("/v1/Rooms/{room}/Participants", room)
                .jsonPath().getList("participants.sid")).containsExactly(bob);
        assertThat(api().queryParam("Identity", "Carl").get("/v1/Rooms/{room}/Participants", room)
                .jsonPath().getList("participants.sid")).containsExactly(carl);
        assertThat(api().queryParam("DateCreatedAfter", joinedAt.get(bob)).get("/v1/Rooms/{room}/Participants", room)
                .jsonPath().getList("participants.sid")).containsExactly(carl);
        assertTwilioError(api().get("/v1/Rooms/{room}/Participants/{who}", room, "Dave"), 404, 20404);

        post(event(room, "room-ended", nextTimestamp())).statusCode(200);
        assertThat(api().get("/v1/Rooms/{room}/Participants", room).jsonPath().getList("participants.sid"))
                .as("an ended room lists its disconnected participants").containsExactly(alice, bob, carl);
    }

    @Test
    void publishedTracksAreListedAndFetchedBySidOrNameWithEnabled() {
        Map<String, String> disabled = track(room, "track-disabled", bob, "Bob", tracks.get("MTB_C"), "video", "bob-cam",
                nextTimestamp());
        post(disabled).statusCode(200);

        JsonPath bobs = api().get("/v1/Rooms/{room}/Participants/{who}/PublishedTracks", room, bob).then().statusCode(200)
                .extract().jsonPath();
        assertThat(bobs.getList("published_tracks.sid"))
                .containsExactly(tracks.get("MTB_A"), tracks.get("MTB_C"), tracks.get("MTB_S"));
        assertThat(bobs.getList("published_tracks.name")).containsExactly("bob-audio", "bob-cam", "screen");
        assertThat(bobs.getList("published_tracks.kind")).containsExactly("audio", "video", "video");
        assertThat(bobs.getList("published_tracks.enabled")).containsExactly(true, false, true);
        assertThat(bobs.getList("published_tracks.participant_sid")).containsOnly(bob);
        assertThat(bobs.getString("meta.key")).isEqualTo("published_tracks");

        JsonPath screen = api().get("/v1/Rooms/{room}/Participants/{who}/PublishedTracks/{track}", room, "Bob", "screen")
                .then().statusCode(200).extract().jsonPath();
        assertThat(screen.getString("sid")).isEqualTo(tracks.get("MTB_S"));
        assertThat(screen.getString("room_sid")).isEqualTo(room);
        assertThat(screen.getBoolean("enabled")).isTrue();
        assertThat(screen.getString("url")).endsWith("/Participants/" + bob + "/PublishedTracks/" + tracks.get("MTB_S"));
        assertThat(api().get(screen.getString("url")).jsonPath().getString("name")).isEqualTo("screen");

        post(track(room, "track-removed", bob, "Bob", tracks.get("MTB_S"), "video", "screen", nextTimestamp()))
                .statusCode(200);
        assertThat(api().get("/v1/Rooms/{room}/Participants/{who}/PublishedTracks", room, bob).jsonPath()
                .getList("published_tracks.sid")).as("only the tracks published now")
                .containsExactly(tracks.get("MTB_A"), tracks.get("MTB_C"));
        assertTwilioError(api().get("/v1/Rooms/{room}/Participants/{who}/PublishedTracks/{track}", room, bob, "screen"),
                404, 20404);
    }

    @Test
    void recordingsOfEveryRoomAreFilteredByGroupingSidMediaTypeAndStatus() {
        rules("[{\"type\": \"include\", \"all\": true}]");

        assertThat(accountRecordings(Map.of("GroupingSid", room))).containsExactlyInAnyOrderElementsOf(tracks.values());
        assertThat(accountRecordings(Map.of("GroupingSid", room, "MediaType", "audio")))
                .containsExactlyInAnyOrder(tracks.get("MTA_A"), tracks.get("MTB_A"), tracks.get("MTC_A"));
        JsonPath carls = api().queryParam("GroupingSid", room, carl).get("/v1/Recordings").then().statusCode(200)
                .extract().jsonPath();
        assertThat(carls.getList("recordings.source_sid"))
                .containsExactlyInAnyOrder(tracks.get("MTC_A"), tracks.get("MTC_C"));
        assertThat(carls.getList("recordings.grouping_sids.participant_sid")).containsOnly(carl);
        assertThat(carls.getList("recordings.grouping_sids.room_sid")).containsOnly(room);
        assertThat(carls.getString("meta.url")).contains("GroupingSid=" + room).contains("GroupingSid=" + carl);
        assertThat(accountRecordings(Map.of("GroupingSid", carl))).as("a participant alone, through the index")
                .containsExactlyInAnyOrder(tracks.get("MTC_A"), tracks.get("MTC_C"));

        rules("[{\"type\": \"exclude\", \"kind\": \"video\"}]");
        assertThat(accountRecordings(Map.of("GroupingSid", room, "Status", "processing"))).isEmpty();
        assertThat(accountRecordings(Map.of("GroupingSid", room, "Status", "completed")))
                .containsExactlyInAnyOrderElementsOf(tracks.values());
        String one = api().queryParam("GroupingSid", room, carl).queryParam("MediaType", "audio").get("/v1/Recordings")
                .jsonPath().getString("recordings[0].sid");
        JsonPath fetched = api().get("/v1/Recordings/{sid}", one).then().statusCode(200).extract().jsonPath();
        assertThat(fetched.getString("source_sid")).isEqualTo(tracks.get("MTC_A"));
        assertThat(fetched.getString("status")).isEqualTo("completed");
        assertThat(fetched.getString("url")).endsWith("/v1/Recordings/" + one);
        assertThat(fetched.getString("links.media")).endsWith("/v1/Recordings/" + one + "/Media");
        assertThat(fetched.getMap("$")).doesNotContainKey("room_sid").containsKeys("status_callback", "status_callback_method");
    }

    @Test
    void theExplanationNamesTheRuleThatDecidedEachTrack() {
        String rules = FOUR_RULES.formatted(tracks.get("MTC_C"));
        rules(rules);

        Map<String, Map<String, Object>> byTrack = explanation();
        assertThat(byTrack).hasSize(8);
        assertDecision(byTrack, "MTA_A", true, 0);
        assertDecision(byTrack, "MTA_C", false, 1);
        assertDecision(byTrack, "MTA_S", false, 1);
        assertDecision(byTrack, "MTB_A", true, 0);
        assertDecision(byTrack, "MTB_C", false, 1);
        assertDecision(byTrack, "MTB_S", true, 2);
        assertDecision(byTrack, "MTC_A", true, 0);
        assertDecision(byTrack, "MTC_C", true, 3);
        assertThat(byTrack.get(tracks.get("MTB_S")).get("rule"))
                .isEqualTo(Map.of("type", "include", "publisher", "Bob", "track", "screen"));
        assertThat(byTrack.get(tracks.get("MTB_S")).get("recording_sid")).asString().startsWith("RT");
        assertThat(byTrack.get(tracks.get("MTA_C")).get("recording_sid")).isNull();

        rules("[{\"type\": \"include\", \"publisher\": \"Alice\"}]");
        byTrack = explanation();
        assertDecision(byTrack, "MTA_S", true, 0);
        assertThat(byTrack.get(tracks.get("MTB_A"))).containsEntry("recorded", false).containsEntry("rule_index", null)
                .containsEntry("reason", "no_matching_rule");
        JsonPath plain = api().get("/v1/Rooms/{room}/RecordingRules", room).then().statusCode(200).extract().jsonPath();
        assertThat(plain.getMap("$")).as("without Explain, Twilio's four fields only")
                .containsOnlyKeys("room_sid", "rules", "date_created", "date_updated");
    }

    @Test
    void theCallbackAnswerNamesTheRuleOfEachRecordingTrackItConcerns() {
        rules(FOUR_RULES.formatted(tracks.get("MTC_C")));

        JsonPath answer = post(track(room, "track-added", carl, "Carl", sid("MT", room + "-carl-screen"), "video", "screen",
                nextTimestamp())).statusCode(200).extract().jsonPath();

        // The callback concerns Carl's tracks (docs/SPEC.md §7.9): the explanation names the others' rules.
        List<Map<String, Object>> recording = answer.getList("recording_tracks");
        assertThat(recording).allSatisfy(t -> assertThat(t.get("participant_sid")).isEqualTo(carl))
                .allSatisfy(t -> assertThat(t.get("rule")).isNotNull());
        Map<String, Integer> ruleOf = recording.stream().collect(Collectors.toMap(
                t -> (String) t.get("track_sid"), t -> (Integer) t.get("rule_index")));
        assertThat(ruleOf).containsOnlyKeys(tracks.get("MTC_A"), tracks.get("MTC_C")).containsEntry(tracks.get("MTC_A"), 0)
                .containsEntry(tracks.get("MTC_C"), 3);
    }

    @Test
    void aDryRunOfExcludeAllListsEveryRecordingItWouldStopAndChangesNothing() {
        rules(FOUR_RULES.formatted(tracks.get("MTC_C")));
        JsonPath before = api().queryParam("PageSize", 100).get("/v1/Rooms/{room}/Recordings", room).then()
                .statusCode(200).extract().jsonPath();
        Set<String> processing = Set.copyOf(before.getList("recordings.findAll { it.status == 'processing' }.sid"));
        assertThat(processing).hasSize(5);
        JsonPath rulesBefore = api().get("/v1/Rooms/{room}/RecordingRules", room).jsonPath();

        JsonPath dryRun = api().formParam("Rules", "[{\"type\": \"exclude\", \"all\": true}]").formParam("DryRun", "true")
                .post("/v1/Rooms/{room}/RecordingRules", room).then().statusCode(200).extract().jsonPath();

        assertThat(dryRun.getBoolean("dry_run")).isTrue();
        assertThat(dryRun.getList("rules")).containsExactly(Map.of("type", "exclude", "all", true));
        assertThat(Set.copyOf(dryRun.getList("would_stop.sid"))).isEqualTo(processing);
        assertThat(dryRun.getList("would_stop.status")).as("as the POST would leave them").containsOnly("completed");
        assertThat(dryRun.getList("would_start")).isEmpty();
        assertThat(dryRun.getList("explanation.recorded")).hasSize(8).containsOnly(false);
        assertThat(dryRun.getList("explanation.rule_index")).containsOnly(0);

        JsonPath after = api().queryParam("PageSize", 100).get("/v1/Rooms/{room}/Recordings", room).jsonPath();
        assertThat(after.getList("recordings")).isEqualTo(before.getList("recordings"));
        assertThat(api().get("/v1/Rooms/{room}/RecordingRules", room).jsonPath().getMap("$"))
                .isEqualTo(rulesBefore.getMap("$"));

        JsonPath include = api().formParam("Rules", "[{\"type\": \"include\", \"all\": true}]").formParam("DryRun", "true")
                .post("/v1/Rooms/{room}/RecordingRules", room).then().statusCode(200).extract().jsonPath();
        assertThat(include.getList("would_start.track_sid")).containsExactlyInAnyOrder(tracks.get("MTA_C"),
                tracks.get("MTA_S"), tracks.get("MTB_C"));
        assertThat(include.getList("would_stop")).isEmpty();
        assertThat(api().queryParam("PageSize", 100).get("/v1/Rooms/{room}/Recordings", room).jsonPath()
                .getList("recordings")).isEqualTo(before.getList("recordings"));
    }

    @Test
    void aDryRunStillRefusesInvalidRules() {
        assertTwilioError(api().formParam("Rules", "[]").formParam("DryRun", "true")
                .post("/v1/Rooms/{room}/RecordingRules", room), 400, 53120);
        assertTwilioError(api().formParam("Rules", "[{\"type\": \"include\", \"all\": true}]").formParam("DryRun", "maybe")
                .post("/v1/Rooms/{room}/RecordingRules", room), 400, 20001);
        assertTwilioError(api().queryParam("Explain", "yes").get("/v1/Rooms/{room}/RecordingRules", room), 400, 20001);
    }

    private Map<String, Map<String, Object>> explanation() {
        List<Map<String, Object>> decisions = api().queryParam("Explain", "true").get("/v1/Rooms/{room}/RecordingRules", room)
                .then().statusCode(200).extract().jsonPath().getList("explanation");
        return decisions.stream().collect(Collectors.toMap(d -> (String) d.get("track_sid"), d -> d));
    }

    private void assertDecision(Map<String, Map<String, Object>> byTrack, String label, boolean recorded, int rule) {
        assertThat(byTrack.get(tracks.get(label))).as(label)
                .containsEntry("recorded", recorded).containsEntry("rule_index", rule).containsEntry("reason", "rule");
    }

    /** Every page of the list, following next_page_url: a list read through the index may have short pages. */
    private List<String> accountRecordings(Map<String, String> query) {
        var request = api().queryParam("PageSize", 100);
        query.forEach(request::queryParam);
        JsonPath page = request.get("/v1/Recordings").then().statusCode(200).extract().jsonPath();
        List<String> sources = new java.util.ArrayList<>(page.getList("recordings.source_sid"));
        while (page.getString("meta.next_page_url") != null) {
            page = api().urlEncodingEnabled(false).get(page.getString("meta.next_page_url")).then().statusCode(200)
                    .extract().jsonPath();
            sources.addAll(page.getList("recordings.source_sid"));
        }
        return sources;
    }

    private void rules(String rules) {
        api().formParam("Rules", rules).post("/v1/Rooms/{room}/RecordingRules", room).then().statusCode(200);
    }

    private void join(String participantSid, String identity) {
        String at = nextTimestamp();
        joinedAt.put(participantSid, at.replace(".000", ""));
        post(participant(room, "participant-connected", participantSid, identity, at)).statusCode(200);
    }

    private void publish(String participantSid, String identity, String label, String kind, String name) {
        String trackSid = sid("MT", room + label);
        tracks.put(label, trackSid);
        post(track(room, "track-added", participantSid, identity, trackSid, kind, name, nextTimestamp())).statusCode(200);
    }
}
