package io.github.recordingrules.adapter;

import io.github.recordingrules.support.Api;
import io.github.recordingrules.support.TwilioSigner;
import io.github.recordingrules.support.property.Gen;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.RedisTestResource.KEYS;
import static io.github.recordingrules.support.Webhooks.PATH;
import static io.github.recordingrules.support.Webhooks.nextTimestamp;
import static io.github.recordingrules.support.Webhooks.sid;
import static io.github.recordingrules.support.property.Gen.weighted;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes every endpoint through the Lambda path with generated form bodies, query and path values:
 * no answer is a 5xx other than 503, every error is Twilio's body, and a refused request changes
 * nothing (the target room's stored version and state, its name key, and the number of keys in Redis
 * are compared before and after). Values come from generators driven by one seed, printed so
 * that a failure can be replayed with {@code -Dfuzz.seed=…}; {@code -Dfuzz.requests=…} sets the
 * number of requests per endpoint.
 */
@QuarkusTest
class EndpointFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", new Random().nextLong());
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 600);
    private static final AtomicInteger SENT = new AtomicInteger();
    private static final AtomicInteger SKIPPED = new AtomicInteger();
    /** API Gateway refuses longer URLs and headers itself (as the mock event server does): not the function's input. */
    private static final int MAX_URL_VALUE = 512;
    private static final int MAX_REQUEST_LINE = 4000;
    private static final String RECORD_ALL = "[{\"type\":\"include\",\"all\":true}]";

    /** Bodies go out as UTF-8, with no charset added to the content type. */
    private static final io.restassured.config.RestAssuredConfig UTF8 = RestAssured.config().encoderConfig(
            RestAssured.config().getEncoderConfig().defaultContentCharset(StandardCharsets.UTF_8)
                    .appendDefaultContentCharsetToContentTypeIfUndefined(false));

    @Inject
    RedisDataSource redis;

    private Random random;
    private final List<String> problems = new ArrayList<>();
    private String room;
    private String roomName;

    @BeforeEach
    void start() {
        random = new Random(SEED);
        newTargetRoom();
    }

    @AfterEach
    void finish() {
        assertThat(problems).as("seed %d: problems (first 20)", SEED).isEmpty();
    }

    @AfterAll
    static void report() {
        System.out.printf("EndpointFuzzTest: %d generated requests sent, %d not sendable by the client (seed %d)%n",
                SENT.get(), SKIPPED.get(), SEED);
    }

    // ---------------------------------------------------------------- the endpoints

    @Test
    void roomCreation() {
        run("POST /v1/Rooms", List.of("UniqueName", "Type", "RecordParticipantsOnConnect", "RecordingRules",
                "StatusCallback", "StatusCallbackMethod"), body -> send(authorized(), "POST", "/v1/Rooms", body), true);
    }

    @Test
    void rulesReadAndReplace() {
        for (int i = 0; i < REQUESTS; i++) {
            String target = path();
            if (random.nextInt(4) == 0) {
                check("GET RecordingRules " + target, () -> send(authorized(), "GET", "/v1/Rooms/" + target + "/RecordingRules", null),
                        false);
            } else {
                String body = body(List.of("Rules"));
                check("POST RecordingRules " + target + " " + body,
                        () -> send(authorized(), "POST", "/v1/Rooms/" + target + "/RecordingRules", body), true);
            }
        }
    }

    @Test
    void recordingsList() {
        List<String> names = List.of("Status", "SourceSid", "DateCreatedAfter", "DateCreatedBefore", "PageSize", "Page");
        for (int i = 0; i < REQUESTS; i++) {
            String target = random.nextInt(5) == 0 ? path() : room;
            String query = pairs(names, 4, this::shortValue).stream().map(Param::encoded)
                    .reduce((a, b) -> a + "&" + b).orElse("");
            String suffix = random.nextInt(4) == 0 ? "/" + encode(shortValue()) : "";
            check("GET Recordings " + target + suffix + "?" + query,
                    () -> send(authorized(), "GET", "/v1/Rooms/" + encode(target) + "/Recordings" + suffix
                            + (query.isEmpty() ? "" : "?" + query), null), false);
        }
    }

    @Test
    void roomFetchAndUpdate() {
        for (int i = 0; i < REQUESTS; i++) {
            String target = path();
            if (random.nextInt(3) == 0) {
                check("GET room " + target, () -> send(authorized(), "GET", "/v1/Rooms/" + target, null), false);
            } else {
                String body = body(List.of("Status"));
                check("POST room " + target + " " + body, () -> send(authorized(), "POST", "/v1/Rooms/" + target, body), true);
            }
        }
    }

    @Test
    void webhook() {
        List<String> names = List.of("AccountSid", "RoomSid", "RoomName", "RoomStatus", "RoomType", "StatusCallbackEvent",
                "Timestamp", "SequenceNumber", "ParticipantSid", "ParticipantIdentity", "ParticipantStatus", "TrackSid",
                "TrackKind", "TrackName", "RecordingSid", "Duration");
        for (int i = 0; i < REQUESTS; i++) {
            List<Param> params = callback(names);
            boolean signed = random.nextInt(3) != 0;
            String encoded = params.stream().map(Param::encoded).reduce((a, b) -> a + "&" + b).orElse("");
            // Sometimes raw text after the pairs: bare '=', stray '&', bad escapes.
            String body = random.nextInt(8) == 0 ? encoded + "&" + value() : encoded;
            String signature = signed ? signature(params) : random.nextBoolean() ? shortValue() : null;
            check((signed ? "signed" : "unsigned") + " webhook " + body, () -> {
                RequestSpecification request = given().config(UTF8).contentType("application/x-www-form-urlencoded; charset=UTF-8");
                if (signature != null) {
                    request.header("X-Twilio-Signature", signature);
                }
                Response response = request.body(body).post(PATH);
                if (!signed && response.statusCode() < 400) {
                    problems.add("unsigned webhook accepted: " + body);
                }
                return response;
            }, true);
        }
    }

    // ---------------------------------------------------------------- checking

    private interface Send {
        Response send(String body);
    }

    private void run(String what, List<String> names, Send endpoint, boolean writes) {
        for (int i = 0; i < REQUESTS; i++) {
            String body = body(names);
            check(what + " " + body, () -> endpoint.send(body), writes);
        }
    }

    private void check(String input, Supplier<Response> call, boolean writes) {
        Snapshot before = snapshot();
        Response response;
        try {
            response = call.get();
        } catch (RuntimeException clientRefused) {
            // The test's HTTP client would not send this (a content type it cannot encode): not an input.
            if (SKIPPED.getAndIncrement() < 5) {
                System.out.println("EndpointFuzzTest: not sent: " + abbreviate(String.valueOf(clientRefused)));
            }
            return;
        }
        SENT.incrementAndGet();
        int status = response.statusCode();
        String problem = null;
        if (status >= 500 && status != 503) {
            problem = "HTTP " + status;
        } else if (status >= 400) {
            problem = twilioBodyProblem(response);
        }
        Snapshot after = snapshot();
        if (problem == null && (status >= 300 || !writes) && !after.equals(before)) {
            problem = "refused or read-only request (" + status + ") changed state: " + before + " -> " + after;
        }
        if (problem != null && problems.size() < 20) {
            problems.add(problem + " for " + abbreviate(input) + " -> " + abbreviate(response.asString()));
        }
        if (status < 300 && writes) {
            // An accepted write: the room may have ended or a new one may hold a name; start again from a known room.
            endRoomsCreatedBy(response);
            newTargetRoom();
        }
    }

    private static String twilioBodyProblem(Response response) {
        try {
            String type = response.contentType();
            if (type == null || !type.startsWith("application/json")) {
                return "error without a JSON body (" + response.statusCode() + ", " + type + ")";
            }
            Map<String, Object> body = response.jsonPath().getMap("$");
            if (!(body.get("code") instanceof Integer) || !(body.get("message") instanceof String message) || message.isBlank()
                    || !Objects.equals(body.get("status"), response.statusCode())
                    || !Objects.equals(body.get("more_info"), "https://www.twilio.com/docs/errors/" + body.get("code"))) {
                return "not Twilio's error body";
            }
            return null;
        } catch (RuntimeException e) {
            return "unreadable error body: " + e;
        }
    }

    private record Snapshot(long keys, Map<String, String> room, String name) {
    }

    private Snapshot snapshot() {
        return new Snapshot(redis.execute("DBSIZE").toLong(),
                redis.hash(String.class).hgetall(KEYS.room(room)),
                redis.value(String.class).get(KEYS.name(roomName)));
    }

    private void newTargetRoom() {
        roomName = "fuzz-" + UUID.randomUUID();
        room = api().formParam("UniqueName", roomName).formParam("RecordingRules", RECORD_ALL).post("/v1/Rooms")
                .then().statusCode(201).extract().path("sid");
        String participant = sid("PA", roomName);
        io.github.recordingrules.support.Webhooks.post(io.github.recordingrules.support.Webhooks.track(room, "track-added",
                participant, "Alice", sid("MT", roomName), "audio", "mic", nextTimestamp())).statusCode(200);
    }

    private void endRoomsCreatedBy(Response response) {
        try {
            String created = response.jsonPath().getString("sid");
            if (created != null && created.startsWith("RM") && !created.equals(room)) {
                api().formParam("Status", "completed").post("/v1/Rooms/{sid}", created);
            }
        } catch (RuntimeException notJson) {
            // nothing to end
        }
    }

    // ---------------------------------------------------------------- generated inputs

    /** A form or query parameter, before encoding. */
    private record Param(String name, String value) {
        String encoded() {
            return encode(name) + "=" + encode(value);
        }
    }

    /** A value a caller could send: anything, from well-formed to hostile. */
    private static final Gen<String> VALUES = Gen.frequency(
            weighted(4, Gen.of("", " ", "true", "false", "TRUE", "completed", "in-progress", "group", "go",
                    "peer-to-peer", "group-small", "POST", "GET", "post", "http://example.com/cb", "https://x.test",
                    "ftp://x", "javascript:alert(1)", "http://", "{", "}", "*", "\r\n", "%", "%zz", "&", "=", "+",
                    "\u0000", "-1", "0", "1", "50", "1000", "1001", "2147483648", "99999999999999999999", "1e3",
                    "2026-01-01T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-01", "processing", "deleted", "failed",
                    RECORD_ALL, "[]", "[{\"type\":\"include\",\"kind\":\"wideo\"}]", "{\"rules\":" + RECORD_ALL + "}",
                    "[{\"type\":\"include\",\"kind\":\"audio\",\"kind\":\"video\"}]", "RM" + "0".repeat(32),
                    "RT" + "0".repeat(32), "PA" + "1".repeat(32), "MT" + "2".repeat(32), "room-created",
                    "participant-connected", "track-added", "track-removed", "room-ended", "recording-completed",
                    "audio", "video", "data", "Alice", "a}{RM" + "0".repeat(32) + "}")),
            weighted(3, Gen.strings(Gen.chars(Character.MIN_VALUE, Character.MAX_VALUE), 0, 30)),
            weighted(2, Gen.strings(Gen.chars(' ', '~'), 0, 40)),
            weighted(1, Gen.ints(256, 258).map("é"::repeat)),
            weighted(1, Gen.of(16_383, 16_384, 16_385, 70_000).map("x"::repeat)),
            weighted(1, Gen.strings(Gen.charsOf("{}[]\",:truefalsnl0123456789 \\"), 0, 60)));

    private String value() {
        return VALUES.sample(random);
    }

    private String pick(String... values) {
        return values[random.nextInt(values.length)];
    }

    /** A value short enough for a URL or a header. */
    private String shortValue() {
        String value = value();
        return value.length() > MAX_URL_VALUE ? value.substring(0, MAX_URL_VALUE) : value;
    }

    private List<Param> pairs(List<String> known, int max) {
        return pairs(known, max, this::value);
    }

    private List<Param> pairs(List<String> known, int max, Supplier<String> values) {
        List<Param> pairs = new ArrayList<>();
        int count = random.nextInt(max + 1);
        for (int i = 0; i < count; i++) {
            String name = random.nextInt(6) == 0 ? values.get() : known.get(random.nextInt(known.size()));
            pairs.add(new Param(name, values.get()));
        }
        return pairs;
    }

    /** A form body: well encoded name/value pairs (names may repeat), or raw text. */
    private String body(List<String> known) {
        if (random.nextInt(8) == 0) {
            return value();
        }
        return pairs(known, 5).stream().map(Param::encoded)
                .reduce((a, b) -> a + "&" + b).orElse("");
    }

    /** The room addressed: the target by SID or name, another SID, or any string. */
    private String path() {
        return switch (random.nextInt(5)) {
            case 0 -> room;
            case 1 -> encode(roomName);
            case 2 -> "RM" + UUID.randomUUID().toString().replace("-", "");
            default -> encode(shortValue());
        };
    }

    /** A status callback on the target room or another, from a real event with some values replaced. */
    private List<Param> callback(List<String> names) {
        TreeMap<String, String> params = new TreeMap<>();
        params.put("AccountSid", Api.ACCOUNT_SID);
        params.put("RoomSid", random.nextInt(4) == 0 ? sid("RM", UUID.randomUUID().toString()) : room);
        params.put("RoomName", roomName);
        params.put("RoomType", "group");
        params.put("StatusCallbackEvent", pick("room-created", "participant-connected",
                "participant-disconnected", "track-added", "track-removed", "track-enabled", "room-ended",
                "recording-completed", "recording-failed", "something-else"));
        params.put("Timestamp", nextTimestamp());
        params.put("ParticipantSid", sid("PA", "p" + random.nextInt(3)));
        params.put("ParticipantIdentity", "identity" + random.nextInt(3));
        params.put("TrackSid", sid("MT", "t" + random.nextInt(3)));
        params.put("TrackKind", pick("audio", "video", "data"));
        params.put("TrackName", "track" + random.nextInt(3));
        params.put("RecordingSid", sid("RT", "r" + random.nextInt(3)));
        List<Param> pairs = new ArrayList<>();
        params.forEach((name, value) -> pairs.add(new Param(name, value)));
        int edits = random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = random.nextInt(pairs.size() + 1);
            Param edit = new Param(random.nextInt(5) == 0 ? value() : names.get(random.nextInt(names.size())),
                    value());
            if (at < pairs.size() && random.nextBoolean()) {
                pairs.set(at, edit);
            } else if (at < pairs.size() && random.nextInt(3) == 0) {
                pairs.remove(at);
            } else {
                pairs.add(edit);
            }
        }
        return pairs;
    }

    /** Twilio's signature over the values as the function will decode them. */
    private static String signature(List<Param> params) {
        TreeMap<String, List<String>> sorted = new TreeMap<>();
        for (Param p : params) {
            sorted.computeIfAbsent(roundTrip(p.name()), k -> new ArrayList<>()).add(roundTrip(p.value()));
        }
        return TwilioSigner.signAll("http://localhost:" + RestAssured.port + PATH, sorted, Api.AUTH_TOKEN);
    }

    private static String roundTrip(String value) {
        return new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private RequestSpecification authorized() {
        return random.nextInt(10) == 0
                ? given().header("Authorization", "Basic " + Base64.getEncoder().encodeToString(shortValue().getBytes(StandardCharsets.UTF_8)))
                : given().auth().preemptive().basic(Api.ACCOUNT_SID, Api.AUTH_TOKEN);
    }

    private Response send(RequestSpecification request, String method, String path, String body) {
        if (path.length() > MAX_REQUEST_LINE) {
            throw new IllegalArgumentException("a URL over " + MAX_REQUEST_LINE + " characters; the mock event server"
                    + " (as API Gateway) answers 414 itself");
        }
        request.urlEncodingEnabled(false);
        if (body != null) {
            String type = random.nextInt(10) == 0 ? pick("application/json", "text/plain",
                    "multipart/form-data", "application/x-www-form-urlencoded; charset=ISO-8859-1", ";;")
                    : "application/x-www-form-urlencoded";
            request.config(UTF8).contentType(type).body(body);
        }
        return request.request(method, path);
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace("\r", "\\r").replace("\n", "\\n");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
