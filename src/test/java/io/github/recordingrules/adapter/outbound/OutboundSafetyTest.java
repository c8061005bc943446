package io.github.recordingrules.adapter.outbound;

import io.github.recordingrules.support.OutboundProfile;
import io.github.recordingrules.support.Receiver;
import io.github.recordingrules.support.Receiver.Reply;
import io.github.recordingrules.support.StandInResolver;
import io.github.recordingrules.support.Sweeps;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.TwilioErrors.assertTwilioError;
import static io.github.recordingrules.support.Webhooks.nextTimestamp;
import static io.github.recordingrules.support.Webhooks.participant;
import static io.github.recordingrules.support.Webhooks.post;
import static io.github.recordingrules.support.Webhooks.sid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance 5 of issue 10 (docs/SPEC.md §11.1.6): the function calls no private, loopback, link-local or
 * unique-local address unless allowlisted (here 127.0.0.1/32 only), whether the URL names it or a host name
 * resolves to it; it follows no redirect and reads no more of an answer than its cap.
 */
@QuarkusTest
@TestProfile(OutboundProfile.class)
class OutboundSafetyTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/events", "http://[fd00::1]/events",
            "https://[fe80::1]/events", "http://127.0.0.2:8080/events", "http://[::1]/events", "http://0.0.0.0/events",
            "http://192.168.1.10/events", "http://172.16.0.1/events", "http://[::ffff:10.0.0.1]/events",
            "http://localhost:9000/events", "http://app.localhost/events", "https://user:secret@app.example.com/events"})
    void aStatusCallbackTheFunctionWouldNotCallIsRefusedAtCreation(String callback) {
        Map<String, Object> error = assertTwilioError(api().formParam("StatusCallback", callback).post("/v1/Rooms"), 400, 20001);
        assertThat((String) error.get("message")).startsWith("StatusCallback is refused: ");
    }

    @Test
    void aHostNameThatResolvesToAPrivateAddressIsNeverContacted() {
        try (Receiver hidden = Receiver.start("127.0.0.2")) {
            for (String url : List.of("http://" + StandInResolver.LOOPBACK_NAME + ":" + hidden.port() + "/events",
                    "http://" + StandInResolver.PRIVATE_NAME + "/events")) {
                String room = api().formParam("StatusCallback", url).post("/v1/Rooms")
                        .then().statusCode(201).extract().path("sid");
                post(participant(room, "participant-connected", sid("PA", room + "x"), "x", nextTimestamp()))
                        .statusCode(200);

                // Refused at the first attempt: dead-lettered at once, never retried.
                assertThat(Sweeps.pending(room)).isZero();
                List<Map<String, Object>> letters = api().get("/v1/DeadLetters").then().statusCode(200).extract()
                        .jsonPath().getList("dead_letters.findAll { it.room_sid == '" + room + "' }");
                assertThat(letters).extracting(l -> l.get("event")).containsExactly("room-created", "participant-connected");
                assertThat(letters).extracting(l -> (String) l.get("reason"))
                        .allSatisfy(reason -> assertThat(reason).containsPattern("resolves to (127\\.0\\.0\\.2|10\\.20\\.30\\.40)"));
            }
            assertThat(hidden.requests()).as("the receiver behind the name").isEmpty();
        }
    }

    @Test
    void aRedirectIsNotFollowed() {
        try (Receiver redirecting = Receiver.start("127.0.0.1"); Receiver target = Receiver.start("127.0.0.1")) {
            redirecting.behave(request -> new Reply(302, Duration.ZERO, new byte[0], Map.of("Location", target.url("/e"))));
            String room = api().formParam("StatusCallback", redirecting.url("/events")).post("/v1/Rooms")
                    .then().statusCode(201).extract().path("sid");

            assertThat(Sweeps.pending(room)).as("a redirect is a failed attempt, to retry").isEqualTo(1);
            redirecting.behave(request -> Reply.status(200));
            Sweeps.untilDelivered(room, Duration.ofMinutes(1));

            assertThat(target.requests()).isEmpty();
            assertThat(redirecting.requests()).hasSizeGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aHugeAnswerIsNotRead() {
        try (Receiver chatty = Receiver.start("127.0.0.1")) {
            byte[] huge = new byte[8 * 1024 * 1024];
            chatty.behave(request -> new Reply(200, Duration.ZERO, huge, Map.of()));
            String room = api().formParam("StatusCallback", chatty.url("/events")).post("/v1/Rooms")
                    .then().statusCode(201).extract().path("sid");

            assertThat(Sweeps.pending(room)).as("delivered on its status, the rest of the answer dropped").isZero();
        }
    }
}
