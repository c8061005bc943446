package io.github.recordingrules.adapter.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.recordingrules.support.Webhooks;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.Api.createGroupRoom;
import static io.github.recordingrules.support.Api.createGroupRoomOnceRedisAnswers;
import static io.github.recordingrules.support.Webhooks.nextTimestamp;
import static io.github.recordingrules.support.Webhooks.sid;
import static io.github.recordingrules.support.Webhooks.sign;
import static io.github.recordingrules.support.Webhooks.track;
import static io.github.recordingrules.support.Webhooks.url;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a webhook leaves for an operator: one JSON log line with the room, event, outcome, recordings started
 * and stopped, Redis round trips and latency and the Lambda request id; and one valid CloudWatch Embedded
 * Metric Format record, a line of its own on standard output (docs/DEPLOYING.md names every field, metric and
 * dimension).
 */
@QuarkusTest
@TestProfile(ObservabilityProfile.class)
class WebhookObservabilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALICE = sid("PA", "alice");

    /** Standard output while a test runs, as Lambda would send it to CloudWatch Logs (and still shown). */
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private PrintStream originalOut;

    @BeforeEach
    void captureStandardOutput() {
        createGroupRoomOnceRedisAnswers();
        originalOut = System.out;
        System.setOut(new PrintStream(new TeeOutputStream(originalOut, stdout), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStandardOutput() {
        System.setOut(originalOut);
    }

    @Test
    void aWebhookWritesOneJsonLogLineWithItsFields() throws Exception {
        String room = roomRecordingAudio();
        Webhooks.post(track(room, "track-added", ALICE, "Alice", sid("MT", "warm-up " + room), "video", "cam", nextTimestamp()))
                .statusCode(200);
        Webhooks.post(track(room, "track-added", ALICE, "Alice", sid("MT", "mic " + room), "audio", "mic", nextTimestamp()))
                .statusCode(200);

        JsonNode line = awaitLogLine(room, "track-added", "1");
        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("message").asText()).isEqualTo("POST /webhooks/room-events 200 applied");
        JsonNode fields = line.path("mdc");
        assertThat(fields.path("route").asText()).isEqualTo("webhook");
        assertThat(fields.path("status").asText()).isEqualTo("200");
        assertThat(fields.path("outcome").asText()).isEqualTo("applied");
        assertThat(fields.path("roomSid").asText()).isEqualTo(room);
        assertThat(fields.path("event").asText()).isEqualTo("track-added");
        assertThat(fields.path("recordingsStarted").asText()).isEqualTo("1");
        assertThat(fields.path("recordingsStopped").asText()).isEqualTo("0");
        // docs/SPEC.md §8.3: the index's script for the recording it starts (§8.7), then the save script by
        // its SHA1, written at once: the warm-up callback left this instance knowing the room (§8.2).
        assertThat(fields.path("redisRoundTrips").asText()).isEqualTo("2");
        assertThat(Double.parseDouble(fields.path("redisLatencyMs").asText())).isPositive();
        assertThat(Double.parseDouble(fields.path("latencyMs").asText()))
                .isGreaterThanOrEqualTo(Double.parseDouble(fields.path("redisLatencyMs").asText()));
        assertThat(fields.path("compareAndSetRetries").asText()).isEqualTo("0");
        String requestId = fields.path("requestId").asText();
        assertThat(requestId).as("the Lambda request id").matches("[0-9a-f-]{36}");

        Webhooks.post(track(room, "track-removed", ALICE, "Alice", sid("MT", "mic " + room), "audio", "mic", nextTimestamp()))
                .statusCode(200);
        JsonNode removed = awaitLogLine(room, "track-removed", "0");
        assertThat(removed.path("mdc").path("recordingsStopped").asText()).isEqualTo("1");
        assertThat(removed.path("mdc").path("requestId").asText()).as("each invocation its own id")
                .matches("[0-9a-f-]{36}").isNotEqualTo(requestId);
    }

    @Test
    void aWebhookEmitsAValidEmbeddedMetricFormatRecord() throws Exception {
        String room = roomRecordingAudio();
        Webhooks.post(track(room, "track-added", ALICE, "Alice", sid("MT", "mic " + room), "audio", "mic", nextTimestamp()))
                .statusCode(200);

        JsonNode record = awaitMetricRecord(room, "track-added");
        assertValidEmf(record);
        JsonNode directive = record.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(directive.path("Namespace").asText()).isEqualTo("RecordingRules");
        assertThat(JSON.convertValue(directive.path("Dimensions"), List.class))
                .isEqualTo(List.of(List.of("Function"), List.of("Function", "Route", "Outcome")));
        assertThat(record.path("Function").asText()).isEqualTo("recording-rules-test-api");
        assertThat(record.path("Route").asText()).isEqualTo("webhook");
        assertThat(record.path("Outcome").asText()).isEqualTo("applied");
        assertThat(record.path("Requests").asInt()).isEqualTo(1);
        assertThat(record.path("Webhooks").asInt()).isEqualTo(1);
        assertThat(record.path("RecordingsStarted").asInt()).isEqualTo(1);
        assertThat(record.path("RecordingsStopped").asInt()).isZero();
        assertThat(record.path("RedisRoundTrips").asInt()).isBetween(2, 3);
        assertThat(record.path("RedisLatency").size()).isEqualTo(record.path("RedisRoundTrips").asInt());
        assertThat(record.path("CompareAndSetRetries").asInt()).isZero();
        assertThat(record.path("RecallHits").asInt()).as("written at once from what the instance knew").isEqualTo(1);
        assertThat(record.path("RecallMisses").asInt()).isZero();
        assertThat(record.path("RequestLatency").asDouble()).isPositive();

        // A callback with a bad signature: rejected, counted as a client error by its Twilio code.
        var params = track(room, "track-added", ALICE, "Alice", sid("MT", "forged " + room), "audio", "mic", nextTimestamp());
        given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .header("X-Twilio-Signature", sign(url(), params, "not-the-auth-token"))
                .formParams(params).post(Webhooks.PATH).then().statusCode(403);
        JsonNode rejected = await().atMost(Duration.ofSeconds(10)).until(() -> metricRecords().stream()
                .filter(r -> r.path("Outcome").asText().equals("rejected") && r.path("Route").asText().equals("webhook"))
                .findFirst().orElse(null), r -> r != null);
        assertValidEmf(rejected);
        assertThat(rejected.path("ClientErrors").asInt()).isEqualTo(1);
        assertThat(rejected.path("ErrorCode").asText()).isEqualTo("20403");
        assertThat(JSON.convertValue(rejected.path("_aws").path("CloudWatchMetrics").get(1).path("Dimensions"), List.class))
                .isEqualTo(List.of(List.of("Function"), List.of("Function", "ErrorCode")));
    }

    /**
     * The Embedded Metric Format specification's rules: a millisecond Timestamp; each directive a Namespace,
     * at most 30 dimensions per set naming top-level string members, and metrics naming top-level numbers
     * (or arrays of at most 100 numbers) with a CloudWatch unit.
     */
    private static void assertValidEmf(JsonNode record) {
        JsonNode aws = record.path("_aws");
        assertThat(aws.path("Timestamp").isIntegralNumber()).as("_aws.Timestamp").isTrue();
        assertThat(Math.abs(aws.path("Timestamp").asLong() - System.currentTimeMillis())).isLessThan(600_000);
        JsonNode directives = aws.path("CloudWatchMetrics");
        assertThat(directives.isArray() && directives.size() > 0).as("_aws.CloudWatchMetrics").isTrue();
        Set<String> units = Set.of("Count", "Milliseconds");
        for (JsonNode directive : directives) {
            assertThat(directive.path("Namespace").asText()).isNotBlank();
            for (JsonNode dimensionSet : directive.path("Dimensions")) {
                assertThat(dimensionSet.size()).isBetween(1, 30);
                for (JsonNode dimension : dimensionSet) {
                    assertThat(record.path(dimension.asText()).isTextual()).as("dimension %s", dimension).isTrue();
                }
            }
            Set<String> names = new HashSet<>();
            for (JsonNode metric : directive.path("Metrics")) {
                String name = metric.path("Name").asText();
                assertThat(names.add(name)).as("metric %s once", name).isTrue();
                assertThat(units).contains(metric.path("Unit").asText());
                JsonNode value = record.path(name);
                if (value.isArray()) {
                    assertThat(value.size()).isBetween(1, 100);
                    value.forEach(v -> assertThat(v.isNumber()).as("%s values", name).isTrue());
                } else {
                    assertThat(value.isNumber()).as("metric %s value", name).isTrue();
                }
            }
        }
    }

    private static String roomRecordingAudio() {
        String room = createGroupRoom("observed-" + UUID.randomUUID());
        api().formParam("Rules", "[{\"type\":\"include\",\"kind\":\"audio\"}]").post("/v1/Rooms/{room}/RecordingRules", room)
                .then().statusCode(200);
        return room;
    }

    private static JsonNode awaitLogLine(String room, String event, String started) {
        return await("the JSON log line of the " + event).atMost(Duration.ofSeconds(10)).until(() -> {
            for (String text : Files.readAllLines(ObservabilityProfile.JSON_LOG)) {
                JsonNode line = JSON.readTree(text);
                JsonNode fields = line.path("mdc");
                if (line.path("loggerName").asText().equals(RequestTelemetry.LOGGER) && fields.path("roomSid").asText().equals(room)
                        && fields.path("event").asText().equals(event) && fields.path("recordingsStarted").asText().equals(started)) {
                    return line;
                }
            }
            return null;
        }, line -> line != null);
    }

    private JsonNode awaitMetricRecord(String room, String event) {
        return await("the metric record of the " + event).atMost(Duration.ofSeconds(10)).until(() -> metricRecords().stream()
                .filter(r -> r.path("roomSid").asText().equals(room) && r.path("event").asText().equals(event))
                .findFirst().orElse(null), record -> record != null);
    }

    /** The lines of standard output that are EMF records: JSON objects with {@code _aws} first. */
    private List<JsonNode> metricRecords() throws IOException {
        String written;
        synchronized (stdout) {
            written = stdout.toString(StandardCharsets.UTF_8);
        }
        List<JsonNode> records = new ArrayList<>();
        for (String line : written.split("\n")) {
            if (line.startsWith("{\"_aws\":")) {
                records.add(JSON.readTree(line));
            }
        }
        return records;
    }

    private static final class TeeOutputStream extends OutputStream {
        private final OutputStream first;
        private final ByteArrayOutputStream second;

        TeeOutputStream(OutputStream first, ByteArrayOutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            synchronized (second) {
                second.write(b);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            first.write(bytes, offset, length);
            synchronized (second) {
                second.write(bytes, offset, length);
            }
        }

        @Override
        public void flush() throws IOException {
            first.flush();
        }
    }
}
