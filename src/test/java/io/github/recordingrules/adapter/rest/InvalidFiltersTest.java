package io.github.recordingrules.adapter.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.TwilioErrors.assertTwilioError;
import static io.github.recordingrules.support.Webhooks.nextTimestamp;
import static io.github.recordingrules.support.Webhooks.post;
import static io.github.recordingrules.support.Webhooks.sid;
import static io.github.recordingrules.support.Webhooks.track;

/**
 * Every filter of the lists and of {@code /Media} that Twilio would refuse answers 400 with Twilio's body
 * (code 20001), whatever else the request names (docs/SPEC.md §5.15 to §5.21). {@code PageSize} goes up to
 * 1000, except on {@code /v1/Recordings}, where Twilio's maximum is 100.
 */
@QuarkusTest
class InvalidFiltersTest {

    private static String room;
    private static String participant;
    private static String recording;

    @BeforeEach
    void aRoomWithARecording() {
        if (room != null) {
            return;
        }
        room = api().formParam("RecordParticipantsOnConnect", "true").post("/v1/Rooms").then().statusCode(201)
                .extract().path("sid");
        participant = sid("PA", room + "p");
        recording = post(track(room, "track-added", participant, "P", sid("MT", room + "t"), "audio", "mic",
                nextTimestamp())).statusCode(200).extract().path("started[0].sid");
    }

    @ParameterizedTest(name = "/v1/Recordings?{0}={1}")
    @CsvSource({
            "Status, ended", "Status, Completed", "SourceSid, MT123", "SourceSid, not-a-sid",
            "GroupingSid, RM1", "GroupingSid, RMzz000000000000000000000000000000", "MediaType, screen",
            "MediaType, Audio", "DateCreatedAfter, 2026-02-30T00:00:00Z", "DateCreatedBefore, soon",
            "PageSize, 0", "PageSize, 101", "PageSize, 1001", "PageSize, abc", "Page, -1", "Page, one"})
    void accountRecordings(String name, String value) {
        assertTwilioError(api().queryParam(name, value).get("/v1/Recordings"), 400, 20001);
    }

    @ParameterizedTest(name = "…/Recordings?{0}={1}")
    @CsvSource({"Status, gone", "SourceSid, MT", "DateCreatedAfter, 01/02/2026", "DateCreatedBefore, 2026-01-01",
            "PageSize, 0", "PageSize, 1001", "PageSize, ten", "Page, -2"})
    void roomRecordings(String name, String value) {
        assertTwilioError(api().queryParam(name, value).get("/v1/Rooms/{room}/Recordings", room), 400, 20001);
    }

    @ParameterizedTest(name = "…/Participants?{0}={1}")
    @CsvSource({"Status, online", "DateCreatedAfter, x", "DateCreatedBefore, 2026-01-01T00:00:00+25:00", "PageSize, 0",
            "PageSize, 1001", "PageSize, 5e1", "Page, z"})
    void participants(String name, String value) {
        assertTwilioError(api().queryParam(name, value).get("/v1/Rooms/{room}/Participants", room), 400, 20001);
    }

    @ParameterizedTest(name = "…/PublishedTracks?{0}={1}")
    @CsvSource({"PageSize, 0", "PageSize, 1001", "Page, -1", "Page, x"})
    void publishedTracks(String name, String value) {
        assertTwilioError(api().queryParam(name, value)
                .get("/v1/Rooms/{room}/Participants/{p}/PublishedTracks", room, participant), 400, 20001);
    }

    @ParameterizedTest(name = "/v1/Rooms?{0}={1}")
    @CsvSource({"PageSize, 0", "PageSize, 1001", "PageSize, 2.5", "Page, -1", "Page, x"})
    void rooms(String name, String value) {
        assertTwilioError(api().queryParam(name, value).get("/v1/Rooms"), 400, 20001);
    }

    @ParameterizedTest(name = "/v1/DeadLetters?{0}={1}")
    @CsvSource({"PageSize, 0", "PageSize, 1001", "PageSize, abc"})
    void deadLetters(String name, String value) {
        assertTwilioError(api().queryParam(name, value).get("/v1/DeadLetters"), 400, 20001);
    }

    @ParameterizedTest(name = "…/Media?{0}={1}")
    @CsvSource({"Ttl, 0", "Ttl, 3601", "Ttl, -5", "Ttl, ten", "Ttl, 1.5", "ContentDisposition, download",
            "ContentDisposition, 'attachment; filename=\"a\nb\"'"})
    void media(String name, String value) {
        assertTwilioError(api().queryParam(name, value).get("/v1/Rooms/{room}/Recordings/{sid}/Media", room, recording),
                400, 20001);
        assertTwilioError(api().queryParam(name, value).get("/v1/Recordings/{sid}/Media", recording), 400, 20001);
    }

    @Test
    void badSidsInThePath() {
        assertTwilioError(api().get("/v1/Recordings/{sid}", "RT123"), 400, 20001);
        assertTwilioError(api().delete("/v1/Recordings/{sid}", "MT" + "0".repeat(32)), 400, 20001);
        assertTwilioError(api().get("/v1/Recordings/{sid}/Media", "recording"), 400, 20001);
        assertTwilioError(api().delete("/v1/Rooms/{room}/Recordings/{sid}", "not-a-room", recording), 400, 20001);
        assertTwilioError(api().get("/v1/Rooms/{room}/Recordings/{sid}/Media", room, "RTxyz"), 400, 20001);
    }
}
