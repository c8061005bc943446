package io.github.recordingrules.adapter.s3;

import io.github.recordingrules.support.S3MockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.TwilioErrors.assertTwilioError;
import static io.github.recordingrules.support.Webhooks.event;
import static io.github.recordingrules.support.Webhooks.nextTimestamp;
import static io.github.recordingrules.support.Webhooks.post;
import static io.github.recordingrules.support.Webhooks.sid;
import static io.github.recordingrules.support.Webhooks.track;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code …/Recordings/{Sid}/Media} against a real S3-compatible server (docs/SPEC.md §5.21): the 302's URL,
 * presigned by the AWS SDK, downloads the bytes a media server stored, until {@code Ttl} has passed; then S3
 * refuses it. {@code ContentDisposition} is signed into the URL and comes back on the download.
 */
@QuarkusTest
@TestProfile(S3MediaTest.WithS3.class)
class S3MediaTest {

    public static class WithS3 implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(S3MockServer.class));
        }
    }

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private String room;
    private String participant;

    @BeforeEach
    void aRoomThatRecordsEverything() {
        room = api().formParam("RecordParticipantsOnConnect", "true").post("/v1/Rooms").then().statusCode(201)
                .extract().path("sid");
        participant = sid("PA", room + "p");
    }

    @Test
    void theRedirectDownloadsTheMediaUntilItsTtlHasPassed() throws Exception {
        String key = "rooms/" + room + "/" + UUID.randomUUID() + ".mka";
        byte[] media = ("opus frames of " + key).getBytes(StandardCharsets.UTF_8);
        S3MockServer.upload(key, media);
        String recording = completedRecording(Map.of("MediaExternalLocation", "s3://" + S3MockServer.BUCKET + "/" + key));

        Response redirect = api().redirects().follow(false).queryParam("Ttl", 5)
                .queryParam("ContentDisposition", "attachment; filename=\"alice.mka\"")
                .get("/v1/Rooms/{room}/Recordings/{sid}/Media", room, recording);

        assertThat(redirect.statusCode()).isEqualTo(302);
        String location = redirect.header("Location");
        assertThat(redirect.jsonPath().getString("redirect_to")).isEqualTo(location);
        assertThat(redirect.jsonPath().getMap("$")).containsOnlyKeys("redirect_to");
        Map<String, String> query = query(location);
        assertThat(query).containsEntry("X-Amz-Expires", "5")
                .containsEntry("response-content-disposition", "attachment; filename=\"alice.mka\"");
        assertThat(URI.create(location).getPath()).isEqualTo("/" + S3MockServer.BUCKET + "/" + key);

        HttpResponse<byte[]> download = get(location);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(media);
        assertThat(download.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"alice.mka\"");

        await("the URL expires").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> get(location).statusCode() == 403);
        assertThat(S3MockServer.gate().expired()).isPositive();
        assertThat(S3MockServer.gate().badSignatures()).isZero();
    }

    @Test
    void theAccountLevelPathAnS3UrlAndTheDefaultTtlWorkToo() throws Exception {
        String key = "virtual/" + UUID.randomUUID() + ".mkv";
        byte[] media = "vp8 frames".getBytes(StandardCharsets.UTF_8);
        S3MockServer.upload(key, media);
        String recording = completedRecording(Map.of("MediaExternalLocation",
                "https://" + S3MockServer.BUCKET + ".s3.us-east-1.amazonaws.com/" + key));

        Response redirect = api().redirects().follow(false).get("/v1/Recordings/{sid}/Media", recording);

        assertThat(redirect.statusCode()).isEqualTo(302);
        String location = redirect.header("Location");
        assertThat(query(location)).containsEntry("X-Amz-Expires", "600").doesNotContainKey("response-content-disposition");
        assertThat(get(location).body()).isEqualTo(media);
    }

    @Test
    void aRecordingWithoutAReportedLocationIsFoundInTheConfiguredBucket() throws Exception {
        String recording = completedRecording(Map.of());
        byte[] media = "template".getBytes(StandardCharsets.UTF_8);
        S3MockServer.upload(room + "/" + recording + ".mka", media);

        String location = api().redirects().follow(false).get("/v1/Rooms/{room}/Recordings/{sid}/Media", room, recording)
                .then().statusCode(302).extract().header("Location");

        assertThat(get(location).body()).isEqualTo(media);
    }

    @Test
    void anHttpsMediaUriElsewhereIsRedirectedToAsItIs() {
        String uri = "https://media.example.com/recordings/" + UUID.randomUUID() + ".mka?token=abc";
        String recording = completedRecording(Map.of("MediaUri", uri));

        api().redirects().follow(false).get("/v1/Recordings/{sid}/Media", recording).then().statusCode(302)
                .header("Location", uri).body("redirect_to", org.hamcrest.Matchers.equalTo(uri));
    }

    @Test
    void aProcessingOrDeletedRecordingHasNoMedia() {
        String processing = post(track(room, "track-added", participant, "P", sid("MT", room + "live"), "audio", "mic",
                nextTimestamp())).statusCode(200).extract().path("started[0].sid");
        assertTwilioError(api().get("/v1/Rooms/{room}/Recordings/{sid}/Media", room, processing), 404, 20404);

        String deleted = completedRecording(Map.of("MediaExternalLocation", "s3://" + S3MockServer.BUCKET + "/gone.mka"));
        api().delete("/v1/Recordings/{sid}", deleted).then().statusCode(204);
        assertTwilioError(api().get("/v1/Recordings/{sid}/Media", deleted), 404, 20404);
    }

    /** A recording the media server reported completed, with these media parameters. */
    private String completedRecording(Map<String, String> media) {
        String trackSid = sid("MT", UUID.randomUUID().toString());
        String recording = post(track(room, "track-added", participant, "P", trackSid, "audio", "mic", nextTimestamp()))
                .statusCode(200).extract().path("started[0].sid");
        post(track(room, "track-removed", participant, "P", trackSid, "audio", "mic", nextTimestamp())).statusCode(200);
        Map<String, String> report = event(room, "recording-completed", nextTimestamp());
        report.put("RecordingSid", recording);
        report.putAll(media);
        post(report).statusCode(200);
        return recording;
    }

    private HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Map<String, String> query(String url) {
        Map<String, String> query = new java.util.TreeMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            query.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return query;
    }
}
