package io.github.recordingrules.adapter.twilio;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.Webhooks.event;
import static io.github.recordingrules.support.Webhooks.nextTimestamp;
import static io.github.recordingrules.support.Webhooks.participant;
import static io.github.recordingrules.support.Webhooks.post;
import static io.github.recordingrules.support.Webhooks.sid;
import static io.github.recordingrules.support.Webhooks.track;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The worked example of the original documentation: Alice, Bob and Carl and their eight tracks,
 * known to the function only through signed status callbacks, under each example rule set.
 */
@QuarkusTest
class SeedExampleWebhookTest {

    private static final String ALICE = sid("PA", "alice");
    private static final String BOB = sid("PA", "bob");
    private static final String CARL = sid("PA", "carl");
    private static final String MTA_A = sid("MT", "MTA_A");
    private static final String MTA_C = sid("MT", "MTA_C");
    private static final String MTA_S = sid("MT", "MTA_S");
    private static final String MTB_A = sid("MT", "MTB_A");
    private static final String MTB_C = sid("MT", "MTB_C");
    private static final String MTB_S = sid("MT", "MTB_S");
    private static final String MTC_A = sid("MT", "MTC_A");
    private static final String MTC_C = sid("MT", "MTC_C");

    private String room;

    @BeforeEach
    void aRoomWithAliceBobAndCarl() {
        room = sid("RM", UUID.randomUUID().toString());
        post(event(room, "room-created", nextTimestamp())).statusCode(200);
        join(ALICE, "Alice");
        join(BOB, "Bob");
        join(CARL, "Carl");
        publish(ALICE, "Alice", MTA_A, "audio", "alice-audio");
        publish(ALICE, "Alice", MTA_C, "video", "alice-cam");
        publish(ALICE, "Alice", MTA_S, "video", "screen");
        publish(BOB, "Bob", MTB_A, "audio", "bob-audio");
        publish(BOB, "Bob", MTB_C, "video", "bob-cam");
        publish(BOB, "Bob", MTB_S, "video", "screen");
        publish(CARL, "Carl", MTC_A, "audio", "carl-audio");
        publish(CARL, "Carl", MTC_C, "video", "carl-cam");
    }

    static Stream<Arguments> exampleRuleSets() {
        return Stream.of(
                Arguments.of("record everyone", "[{\"type\": \"include\", \"all\": true}]",
                        Set.of(MTA_A, MTA_C, MTA_S, MTB_A, MTB_C, MTB_S, MTC_A, MTC_C)),
                Arguments.of("stop all recordings", "[{\"type\": \"exclude\", \"all\": true}]", Set.of()),
                Arguments.of("audio only", "[{\"type\": \"include\", \"kind\": \"audio\"}]", Set.of(MTA_A, MTB_A, MTC_A)),
                Arguments.of("Alice, and everyone's audio",
                        "[{\"type\": \"include\", \"publisher\": \"Alice\"}, {\"type\": \"include\", \"kind\": \"audio\"}]",
                        Set.of(MTA_A, MTA_C, MTA_S, MTB_A, MTC_A)),
                Arguments.of("the documentation's four-rule example",
                        "[{\"type\": \"include\", \"all\": true}, {\"type\": \"exclude\", \"kind\": \"video\"},"
                                + " {\"type\": \"include\", \"publisher\": \"Bob\", \"track\": \"screen\"},"
                                + " {\"type\": \"include\", \"track\": \"" + MTC_C + "\"}]",
                        Set.of(MTA_A, MTB_A, MTC_A, MTB_S, MTC_C)),
                Arguments.of("the mislabelled example: all but video",
                        "[{\"type\": \"include\", \"all\": true}, {\"type\": \"exclude\", \"kind\": \"video\"}]",
                        Set.of(MTA_A, MTB_A, MTC_A)),
                Arguments.of("publisher by participant SID",
                        "[{\"type\": \"include\", \"publisher\": \"" + CARL + "\", \"kind\": \"video\"}]", Set.of(MTC_C)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exampleRuleSets")
    void theRulesSelectTheDocumentedTracks(String description, String rules, Set<String> expected) {
        api().formParam("Rules", rules).post("/v1/Rooms/{room}/RecordingRules", room).then().statusCode(200);

        assertThat(processingRecordingSources()).as(description).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}, then a participant leaves")
    @MethodSource("exampleRuleSets")
    void aParticipantLeavingCompletesTheirRecordings(String description, String rules, Set<String> expected) {
        api().formParam("Rules", rules).post("/v1/Rooms/{room}/RecordingRules", room).then().statusCode(200);

        post(participant(room, "participant-disconnected", ALICE, "Alice", nextTimestamp())).statusCode(200)
                .body("applied", equalTo(true));

        Set<String> withoutAlice = expected.stream()
                .filter(t -> !Set.of(MTA_A, MTA_C, MTA_S).contains(t)).collect(Collectors.toSet());
        assertThat(processingRecordingSources()).as(description).containsExactlyInAnyOrderElementsOf(withoutAlice);
    }

    /** The source tracks of the processing recordings, each of which must have exactly one. */
    private List<String> processingRecordingSources() {
        JsonPath page = api().queryParam("Status", "processing").queryParam("PageSize", 100)
                .get("/v1/Rooms/{room}/Recordings", room)
                .then().statusCode(200).extract().jsonPath();
        List<String> sources = page.getList("recordings.source_sid");
        assertThat(sources).doesNotHaveDuplicates();
        List<Map<String, Object>> recordings = page.getList("recordings");
        assertThat(recordings).allSatisfy(r -> {
            assertThat((String) r.get("sid")).matches("^RT[0-9a-f]{32}$");
            assertThat(r.get("status")).isEqualTo("processing");
            assertThat(r.get("room_sid")).isEqualTo(room);
        });
        return sources;
    }

    private void join(String participantSid, String identity) {
        post(participant(room, "participant-connected", participantSid, identity, nextTimestamp())).statusCode(200);
    }

    private void publish(String participantSid, String identity, String trackSid, String kind, String name) {
        post(track(room, "track-added", participantSid, identity, trackSid, kind, name, nextTimestamp())).statusCode(200);
    }
}
