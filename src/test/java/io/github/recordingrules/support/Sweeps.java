package io.github.recordingrules.support;

import io.github.recordingrules.application.Destination;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static io.restassured.RestAssured.given;

/**
 * Runs the scheduled sweep as EventBridge does: the rule's constant input (src/main/schedule/sweep-event.json,
 * the file serverless.yml names) is posted as the raw Lambda event to the mock Lambda service, which hands it to
 * the function unchanged, exactly as Lambda hands a scheduled event.
 */
public final class Sweeps {

    private static final String EVENT = read();

    private Sweeps() {
    }

    /** One sweep; answers its report ({@code rooms}, {@code delivered}, {@code retried}, {@code dead_lettered}…). */
    public static JsonPath run() {
        String answer = given().contentType("application/json").body(EVENT)
                .post("http://localhost:" + RestAssured.port + "/_lambda_")
                .then().statusCode(200).extract().asString();
        JsonPath response = JsonPath.from(answer);
        if (response.getInt("statusCode") != 200) {
            throw new AssertionError("the sweep answered " + answer);
        }
        return JsonPath.from(response.getString("body"));
    }

    /**
     * Sweeps until the room has nothing left to deliver (both queues empty), as the schedule would, once a
     * minute; fails after {@code limit}.
     */
    public static void untilDelivered(String roomSid, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (pending(roomSid) > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("room " + roomSid + " still has " + pending(roomSid) + " messages to deliver");
            }
            run();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Messages of the room not yet delivered nor dead-lettered, read in Redis. */
    public static long pending(String roomSid) {
        long count = 0;
        for (Destination destination : Destination.values()) {
            try {
                String answer = RedisTestResource.redis().command("LLEN rr:{" + roomSid + "}:outbox:" + destination.key());
                count += Long.parseLong(answer.trim().substring(1));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return count;
    }

    private static String read() {
        try {
            return Files.readString(Path.of("src/main/schedule/sweep-event.json"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
