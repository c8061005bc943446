package io.github.recordingrules.adapter.livekit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.recordingrules.support.EgressStandIn;
import io.github.recordingrules.support.EgressStandIn.Egress;
import io.github.recordingrules.support.EgressStandIn.Failure;
import io.github.recordingrules.support.LiveKitNode;
import io.github.recordingrules.support.LiveKitProfile;
import io.github.recordingrules.support.Sweeps;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.LiveKitWebhooks.egress;
import static io.github.recordingrules.support.LiveKitWebhooks.event;
import static io.github.recordingrules.support.LiveKitWebhooks.nextSecond;
import static io.github.recordingrules.support.LiveKitWebhooks.participant;
import static io.github.recordingrules.support.LiveKitWebhooks.post;
import static io.github.recordingrules.support.LiveKitWebhooks.sid;
import static io.github.recordingrules.support.LiveKitWebhooks.track;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's Alice, Bob and Carl in a LiveKit room: their webhooks made by LiveKit's SDK, and the
 * Egress calls the rules cause, received by {@link EgressStandIn} (which stands in for LiveKit's Egress
 * service and checks every call against LiveKit's SDK and protocol definitions).
 */
@QuarkusTest
@TestProfile(LiveKitProfile.class)
class LiveKitEgressTest {

    private static final String INCLUDE_ALL = "[{\"type\":\"include\",\"all\":true}]";

    private EgressStandIn standIn;
    private String roomId;
    private String roomName;
    private final List<JsonNode> played = new ArrayList<>();

    private String alice;
    private String bob;
    private String carl;
    private String aliceAudio;
    private String aliceCam;
    private String aliceScreen;
    private String bobAudio;
    private String bobCam;
    private String bobScreen;
    private String carlAudio;
    private String carlCam;

    @BeforeEach
    void aLiveKitRoom() {
        LiveKitNode.get();
        standIn = LiveKitProfile.egress();
        standIn.reset();
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        roomId = "RM_" + run;
        roomName = "seed-" + run;
        alice = "PA_alice" + run;
        bob = "PA_bob" + run;
        carl = "PA_carl" + run;
        aliceAudio = "TR_AA" + run;
        aliceCam = "TR_AC" + run;
        aliceScreen = "TR_AS" + run;
        bobAudio = "TR_BA" + run;
        bobCam = "TR_BC" + run;
        bobScreen = "TR_BS" + run;
        carlAudio = "TR_CA" + run;
        carlCam = "TR_CC" + run;
    }

    @AfterEach
    void everyCallWasOneLiveKitAccepts() {
        assertThat(standIn.violations()).isEmpty();
    }

    /** The seed's rule sets; {@code null} tracks stand for the documented selection, named by LiveKit track. */
    static Stream<Arguments> exampleRuleSets() {
        return Stream.of(
                Arguments.of("record everyone", "all"),
                Arguments.of("stop all recordings", "none"),
                Arguments.of("audio only", "audio"),
                Arguments.of("Alice, and everyone's audio", "alice+audio"),
                Arguments.of("the documentation's four-rule example", "four-rules"),
                Arguments.of("the mislabelled example: all but video", "all-but-video"),
                Arguments.of("publisher by participant SID", "carl-video-by-sid"));
    }

    private String rules(String example) {
        return switch (example) {
            case "all" -> INCLUDE_ALL;
            case "none" -> "[{\"type\":\"exclude\",\"all\":true}]";
            case "audio" -> "[{\"type\":\"include\",\"kind\":\"audio\"}]";
            case "alice+audio" -> "[{\"type\":\"include\",\"publisher\":\"Alice\"},{\"type\":\"include\",\"kind\":\"audio\"}]";
            case "four-rules" -> "[{\"type\":\"include\",\"all\":true},{\"type\":\"exclude\",\"kind\":\"video\"},"
                    + "{\"type\":\"include\",\"publisher\":\"Bob\",\"track\":\"screen\"},"
                    + "{\"type\":\"include\",\"track\":\"" + sid("MT", carlCam) + "\"}]";
            case "all-but-video" -> "[{\"type\":\"include\",\"all\":true},{\"type\":\"exclude\",\"kind\":\"video\"}]";
            case "carl-video-by-sid" -> "[{\"type\":\"include\",\"publisher\":\"" + sid("PA", carl) + "\",\"kind\":\"video\"}]";
            default -> throw new IllegalArgumentException(example);
        };
    }

    private Set<String> selected(String example) {
        return switch (example) {
            case "all" -> Set.of(aliceAudio, aliceCam, aliceScreen, bobAudio, bobCam, bobScreen, carlAudio, carlCam);
            case "none" -> Set.of();
            case "audio", "all-but-video" -> Set.of(aliceAudio, bobAudio, carlAudio);
            case "alice+audio" -> Set.of(aliceAudio, aliceCam, aliceScreen, bobAudio, carlAudio);
            case "four-rules" -> Set.of(aliceAudio, bobAudio, carlAudio, bobScreen, carlCam);
            case "carl-video-by-sid" -> Set.of(carlCam);
            default -> throw new IllegalArgumentException(example);
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exampleRuleSets")
    void theEgressServiceIsAskedForExactlyTheTracksTheRulesSelect(String description, String example) {
        String roomSid = createRoom(rules(example));
        playSeed();

        assertThat(standIn.started()).as(description).extracting(Egress::trackId)
                .containsExactlyInAnyOrderElementsOf(selected(example));
        assertThat(standIn.started()).allSatisfy(egress -> {
            assertThat(egress.roomName()).isEqualTo(roomName);
            assertThat(egress.filepath()).as("LiveKit expands its own placeholders").startsWith("rooms/{room_name}/{publisher_identity}/");
            assertThat(egress.s3().path("bucket").asText()).isEqualTo("test-recordings");
            assertThat(egress.s3().path("region").asText()).isEqualTo("eu-west-1");
            assertThat(egress.s3().path("forcePathStyle").asBoolean()).isTrue();
        });
        assertThat(standIn.stopped()).isEmpty();
        assertEachEgressRecordsItsRecording(roomSid);

        play(participant("participant_left", roomId, roomName, alice, "Alice", nextSecond()));

        Set<String> aliceTracks = Set.of(aliceAudio, aliceCam, aliceScreen);
        assertThat(standIn.stopped()).as(description + ", then Alice leaves")
                .containsExactlyInAnyOrderElementsOf(standIn.started().stream()
                        .filter(egress -> aliceTracks.contains(egress.trackId())).map(Egress::egressId).toList());
        assertThat(standIn.started()).as("no egress started twice").hasSize(selected(example).size());
    }

    @Test
    void aRulesPostStartsAndStopsEgressesAtOnce() {
        String roomSid = createRoom(null);
        playSeed();
        assertThat(standIn.calls()).as("no rules, no egress").isEmpty();

        rulesPost(INCLUDE_ALL);
        assertThat(standIn.started()).hasSize(8);
        List<String> first = standIn.started().stream().map(Egress::egressId).toList();

        rulesPost("[{\"type\":\"exclude\",\"all\":true}]");
        assertThat(standIn.stopped()).as("exclude all stops every egress").containsExactlyInAnyOrderElementsOf(first);
        assertThat(standIn.started()).as("and starts none").hasSize(8);

        rulesPost(INCLUDE_ALL);
        assertThat(standIn.started()).as("include all starts a new egress for each track").hasSize(16);
        assertThat(standIn.started().subList(8, 16)).extracting(Egress::trackId).containsExactlyInAnyOrder(
                aliceAudio, aliceCam, aliceScreen, bobAudio, bobCam, bobScreen, carlAudio, carlCam);
        assertEachEgressRecordsItsRecording(roomSid);
    }

    @Test
    void repeatedAndReorderedWebhooksStartNoSecondEgress() {
        String roomSid = createRoom(INCLUDE_ALL);
        playSeed();
        assertThat(standIn.started()).hasSize(8);

        List<JsonNode> again = new ArrayList<>(played);
        Collections.reverse(again);
        again.forEach(signed -> assertThat(post(signed).statusCode()).isEqualTo(200));

        assertThat(standIn.started()).as("every webhook delivered again, in reverse").hasSize(8);
        assertThat(standIn.stopped()).isEmpty();

        String dan = "PA_dan" + roomId;
        String danCam = "TR_DC" + roomId;
        long joined = nextSecond();
        long published = nextSecond();
        long unpublished = nextSecond();
        play(track("track_unpublished", roomId, roomName, dan, "Dan", danCam, "VIDEO", "dan-cam", "CAMERA", unpublished));
        play(track("track_published", roomId, roomName, dan, "Dan", danCam, "VIDEO", "dan-cam", "CAMERA", published));
        play(participant("participant_joined", roomId, roomName, dan, "Dan", joined));

        assertThat(standIn.started()).as("a track unpublished before its late publication arrives").hasSize(8);
        assertThat(processingRecordings(roomSid)).hasSize(8);
    }

    /**
     * The Egress API fails twice, then works: one egress. The first attempt is the one right after the
     * commit, within the webhook's request; the sweep makes the others, as the schedule would.
     */
    @Test
    void anEgressApiThatFailsTwiceThenSucceedsEndsWithOneEgress() {
        String roomSid = createRoom(INCLUDE_ALL);
        play(event("room_started", roomId, roomName, nextSecond()));
        standIn.fail("StartTrackEgress", 2, Failure.REFUSE);

        play(track("track_published", roomId, roomName, alice, "Alice", aliceAudio, "AUDIO", "alice-audio",
                "MICROPHONE", nextSecond()));
        assertThat(standIn.started()).as("the first attempt failed").isEmpty();
        String recording = processingRecordings(roomSid).get(0).get("sid").toString();
        Sweeps.untilDelivered(roomSid, Duration.ofMinutes(1));

        assertThat(standIn.started()).hasSize(1);
        assertThat(standIn.calls()).as("each attempt looks for the egress first")
                .containsExactly("ListEgress", "StartTrackEgress", "ListEgress", "StartTrackEgress", "ListEgress",
                        "StartTrackEgress");
        assertThat(recordingJson(roomSid, recording).getString("media_server_ids.recording"))
                .isEqualTo(standIn.started().get(0).egressId());
    }

    /** A call that reached LiveKit but whose answer was lost: the next attempt finds the egress and starts none. */
    @Test
    void anEgressStartedDespiteAFailedAnswerIsFoundNotStartedAgain() {
        String roomSid = createRoom(INCLUDE_ALL);
        play(event("room_started", roomId, roomName, nextSecond()));
        standIn.fail("StartTrackEgress", 1, Failure.ACT_THEN_FAIL);

        play(track("track_published", roomId, roomName, bob, "Bob", bobCam, "VIDEO", "bob-cam", "CAMERA", nextSecond()));
        String recording = processingRecordings(roomSid).get(0).get("sid").toString();
        Sweeps.untilDelivered(roomSid, Duration.ofMinutes(1));

        assertThat(standIn.started()).hasSize(1);
        assertThat(standIn.calls()).containsExactly("ListEgress", "StartTrackEgress", "ListEgress");
        assertThat(recordingJson(roomSid, recording).getString("media_server_ids.recording"))
                .isEqualTo(standIn.started().get(0).egressId());
    }

    @Test
    void egressEndedCompletesTheRecordingWithItsFile() {
        String roomSid = createRoom(INCLUDE_ALL);
        play(event("room_started", roomId, roomName, nextSecond()));
        play(track("track_published", roomId, roomName, carl, "Carl", carlAudio, "AUDIO", "carl-audio", "MICROPHONE",
                nextSecond()));
        String recording = processingRecordings(roomSid).get(0).get("sid").toString();
        play(track("track_unpublished", roomId, roomName, carl, "Carl", carlAudio, "AUDIO", "carl-audio", "MICROPHONE",
                nextSecond()));
        Egress egress = standIn.started().get(0);
        assertThat(standIn.stopped()).containsExactly(egress.egressId());

        String location = "s3://recordings/" + egress.filepath() + ".ogg";
        play(egress("egress_ended", standIn.ended(egress.egressId(), roomId, "EGRESS_COMPLETE", location, 48213, 12_400_000_000L),
                nextSecond()));

        JsonPath shown = recordingJson(roomSid, recording);
        assertThat(shown.getString("status")).isEqualTo("completed");
        assertThat(shown.getString("media_external_location")).isEqualTo(location);
        assertThat(shown.getLong("size")).isEqualTo(48213);
        assertThat(shown.getInt("duration")).isEqualTo(12);
        assertThat(shown.getString("container_format")).isEqualTo("ogg");
        assertThat(shown.getString("media_server_ids.recording")).isEqualTo(egress.egressId());
    }

    /** docs/LIVEKIT.md, "A failing egress": the track is not restarted until it returns or rules are posted. */
    @Test
    void aFailedEgressFailsTheRecordingAndIsNotRestartedUntilTheRulesArePostedAgain() {
        String roomSid = createRoom(INCLUDE_ALL);
        play(event("room_started", roomId, roomName, nextSecond()));
        play(track("track_published", roomId, roomName, alice, "Alice", aliceCam, "VIDEO", "alice-cam", "CAMERA",
                nextSecond()));
        String recording = processingRecordings(roomSid).get(0).get("sid").toString();
        Egress egress = standIn.started().get(0);

        play(egress("egress_ended", standIn.ended(egress.egressId(), roomId, "EGRESS_FAILED", null, 0, 0), nextSecond()));

        JsonPath failed = recordingJson(roomSid, recording);
        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(processingRecordings(roomSid)).isEmpty();
        assertThat(standIn.started()).as("no automatic restart").hasSize(1);

        rulesPost(INCLUDE_ALL);

        assertThat(standIn.started()).as("posting the rules tries again").hasSize(2);
        assertThat(processingRecordings(roomSid)).hasSize(1);
    }

    private String createRoom(String rules) {
        var request = api().formParam("UniqueName", roomName).formParam("Type", "group");
        if (rules != null) {
            request.formParam("RecordingRules", rules);
        }
        return request.post("/v1/Rooms").then().statusCode(201).extract().path("sid");
    }

    private void rulesPost(String rules) {
        api().formParam("Rules", rules).post("/v1/Rooms/{name}/RecordingRules", roomName).then().statusCode(200);
    }

    private void playSeed() {
        play(event("room_started", roomId, roomName, nextSecond()));
        play(participant("participant_joined", roomId, roomName, alice, "Alice", nextSecond()));
        play(participant("participant_joined", roomId, roomName, bob, "Bob", nextSecond()));
        play(participant("participant_joined", roomId, roomName, carl, "Carl", nextSecond()));
        publish(alice, "Alice", aliceAudio, "AUDIO", "alice-audio", "MICROPHONE");
        publish(alice, "Alice", aliceCam, "VIDEO", "alice-cam", "CAMERA");
        publish(alice, "Alice", aliceScreen, "VIDEO", "screen", "SCREEN_SHARE");
        publish(bob, "Bob", bobAudio, "AUDIO", "bob-audio", "MICROPHONE");
        publish(bob, "Bob", bobCam, "VIDEO", "bob-cam", "CAMERA");
        publish(bob, "Bob", bobScreen, "VIDEO", "screen", "SCREEN_SHARE");
        publish(carl, "Carl", carlAudio, "AUDIO", "carl-audio", "MICROPHONE");
        publish(carl, "Carl", carlCam, "VIDEO", "carl-cam", "CAMERA");
    }

    private void publish(String participant, String identity, String trackId, String type, String name, String source) {
        play(track("track_published", roomId, roomName, participant, identity, trackId, type, name, source, nextSecond()));
    }

    /** Signs the event as LiveKit does, posts it, and keeps it for posting again. */
    private void play(ObjectNode event) {
        JsonNode signed = LiveKitNode.get().webhook(event);
        played.add(signed);
        assertThat(post(signed).statusCode()).as(event.toString()).isEqualTo(200);
    }

    /** Each egress names, in its file path, the processing recording of its track. */
    private void assertEachEgressRecordsItsRecording(String roomSid) {
        Map<String, String> recordingByTrack = processingRecordings(roomSid).stream()
                .collect(Collectors.toMap(r -> r.get("source_sid").toString(), r -> r.get("sid").toString()));
        List<Egress> active = standIn.started().stream().filter(e -> !standIn.stopped().contains(e.egressId())).toList();
        assertThat(active).hasSize(recordingByTrack.size());
        for (Egress egress : active) {
            assertThat(egress.filepath()).contains(recordingByTrack.get(sid("MT", egress.trackId())));
        }
    }

    private List<Map<String, Object>> processingRecordings(String roomSid) {
        return api().queryParam("Status", "processing").queryParam("PageSize", 100)
                .get("/v1/Rooms/{sid}/Recordings", roomSid).then().statusCode(200).extract().jsonPath().getList("recordings");
    }

    private JsonPath recordingJson(String roomSid, String recordingSid) {
        return api().get("/v1/Rooms/{room}/Recordings/{sid}", roomSid, recordingSid).then().statusCode(200)
                .extract().jsonPath();
    }
}
