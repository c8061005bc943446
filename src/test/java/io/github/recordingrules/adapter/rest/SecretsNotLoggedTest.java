package io.github.recordingrules.adapter.rest;

import io.quarkus.logging.json.runtime.JsonFormatter;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.github.recordingrules.support.Api.ACCOUNT_SID;
import static io.github.recordingrules.support.Api.API_KEY_ONE;
import static io.github.recordingrules.support.Api.API_KEY_ONE_SECRET;
import static io.github.recordingrules.support.Api.API_KEY_TWO;
import static io.github.recordingrules.support.Api.API_KEY_TWO_SECRET;
import static io.github.recordingrules.support.Api.AUTH_TOKEN;
import static io.github.recordingrules.support.Webhooks.PATH;
import static io.github.recordingrules.support.Webhooks.event;
import static io.github.recordingrules.support.Webhooks.nextTimestamp;
import static io.github.recordingrules.support.Webhooks.sid;
import static io.github.recordingrules.support.Webhooks.sign;
import static io.github.recordingrules.support.Webhooks.url;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever happens to a request, no log line carries a secret: not the auth token, not an API key
 * secret, not the Authorization header, not a signature. Every log record of the application (at
 * DEBUG while the test runs) is captured from the root logger, as text and as the JSON line Lambda gets
 * (quarkus-logging-json's formatter, with every field of the request's line, {@code mdc} included).
 */
@QuarkusTest
class SecretsNotLoggedTest {

    /**
     * Loggers of the test harness, not of the function: the HTTP client the test calls with (its wire
     * log shows the headers it sends) and the mock event server standing in for API Gateway.
     */
    private static final List<String> NOT_THE_FUNCTION = List.of("org.apache.http", "io.restassured",
            "io.quarkus.amazon.lambda.runtime.Mock");

    private final List<String> logged = new ArrayList<>();
    private final JsonFormatter json = new JsonFormatter();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String logger = String.valueOf(record.getLoggerName());
            if (NOT_THE_FUNCTION.stream().anyMatch(logger::startsWith)) {
                return;
            }
            StringBuilder text = new StringBuilder(logger).append(": ").append(record.getMessage());
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    text.append(' ').append(parameter);
                }
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                text.append(' ').append(trace);
            }
            String asJson = json.format(record);
            synchronized (logged) {
                logged.add(text.toString());
                logged.add(asJson);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level rootLevel;

    @BeforeEach
    void captureEverything() {
        Logger root = Logger.getLogger("");
        rootLevel = root.getLevel();
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
        root.setLevel(Level.FINE);
    }

    @AfterEach
    void stopCapturing() {
        Logger root = Logger.getLogger("");
        root.removeHandler(capture);
        root.setLevel(rootLevel);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void neitherFailedNorSuccessfulAuthenticationLogsASecret() {
        String name = "room-" + UUID.randomUUID();
        List<String> headers = List.of(
                basic(ACCOUNT_SID, AUTH_TOKEN), basic(API_KEY_ONE, API_KEY_ONE_SECRET), basic(API_KEY_TWO, API_KEY_TWO_SECRET),
                basic(ACCOUNT_SID, AUTH_TOKEN + "x"), basic(API_KEY_ONE, API_KEY_TWO_SECRET), basic(API_KEY_TWO, AUTH_TOKEN),
                "Basic " + AUTH_TOKEN, "Bearer " + API_KEY_ONE_SECRET, basic(AUTH_TOKEN, API_KEY_TWO_SECRET));
        given().header("Authorization", headers.get(0)).contentType("application/x-www-form-urlencoded")
                .formParam("UniqueName", name).post("/v1/Rooms").then().statusCode(201);
        for (String header : headers) {
            given().header("Authorization", header).get("/v1/Rooms/{room}", name);
            given().header("Authorization", header).contentType("application/x-www-form-urlencoded")
                    .formParam("Rules", "[{\"type\":\"include\",\"all\":true}]").post("/v1/Rooms/{room}/RecordingRules", name);
            given().header("Authorization", header).contentType("application/x-www-form-urlencoded")
                    .formParam("Rules", "[{\"type\":\"include\",\"all\":\"wrong\"}]").post("/v1/Rooms/{room}/RecordingRules", name);
            given().header("Authorization", header).get("/v1/Rooms/{room}", "RM" + "0".repeat(32));
        }

        Map<String, String> callback = event(sid("RM", UUID.randomUUID().toString()), "room-created", nextTimestamp());
        String validSignature = sign(url(), callback, AUTH_TOKEN);
        given().contentType("application/x-www-form-urlencoded; charset=UTF-8").header("X-Twilio-Signature", validSignature)
                .formParams(callback).post(PATH).then().statusCode(200);
        given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .header("X-Twilio-Signature", sign(url(), callback, API_KEY_ONE_SECRET))
                .formParams(callback).post(PATH).then().statusCode(403);
        given().contentType("application/x-www-form-urlencoded; charset=UTF-8").header("X-Twilio-Signature", AUTH_TOKEN)
                .formParams(callback).post(PATH).then().statusCode(403);
        org.jboss.logging.Logger.getLogger(SecretsNotLoggedTest.class).debug("capture-probe");

        List<String> lines;
        synchronized (logged) {
            lines = List.copyOf(logged);
        }
        assertThat(lines).as("the capture works").anyMatch(line -> line.contains("capture-probe"));
        assertThat(lines).as("JSON request lines, with their fields").anyMatch(line -> line.startsWith("{")
                && line.contains("\"loggerName\":\"io.github.recordingrules.request\"") && line.contains("\"mdc\":{\"")
                && line.contains("\"route\":\"webhook\""));
        List<String> secrets = new ArrayList<>(List.of(AUTH_TOKEN, API_KEY_ONE_SECRET, API_KEY_TWO_SECRET, validSignature));
        for (String header : headers) {
            secrets.add(header.substring(header.indexOf(' ') + 1));
        }
        for (String secret : secrets) {
            assertThat(lines).as("log lines containing a secret").noneMatch(line -> line.contains(secret));
        }
    }
}
