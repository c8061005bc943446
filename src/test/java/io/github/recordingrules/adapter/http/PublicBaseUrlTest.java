package io.github.recordingrules.adapter.http;

import io.github.recordingrules.support.ApiGatewayEvents.Answer;
import io.github.recordingrules.support.ApiGatewayEvents.Endpoint;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.github.recordingrules.support.ApiGatewayEvents.api;
import static io.github.recordingrules.support.ApiGatewayEvents.callback;
import static io.github.recordingrules.support.ApiGatewayEvents.namedStage;
import static io.github.recordingrules.support.Webhooks.event;
import static io.github.recordingrules.support.Webhooks.nextTimestamp;
import static io.github.recordingrules.support.Webhooks.sid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code recording-rules.public-base-url} overrides the URL rebuilt from the request (docs/SPEC.md §5.1,
 * §7.11), for a front the event does not show (a CDN, or an API mapping whose path API Gateway does not
 * pass on); the stage is still taken off the path, and a webhook path of its own is served behind it.
 */
@QuarkusTest
@TestProfile(PublicBaseUrlTest.BehindAFront.class)
class PublicBaseUrlTest {

    private static final String FRONT = "https://video.example.com/rules";
    private static final String WEBHOOK = "/hooks/twilio";

    public static class BehindAFront implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("recording-rules.public-base-url", FRONT + "/", "recording-rules.webhook.path", WEBHOOK);
        }
    }

    private final Endpoint prod = namedStage("prod");

    @Test
    void resourceUrlsStartWithTheConfiguredBase() {
        Answer created = api(prod, "POST", "/v1/Rooms", Map.of("UniqueName", "front-" + UUID.randomUUID()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().getString("url")).isEqualTo(FRONT + "/v1/Rooms/" + created.json().getString("sid"));
    }

    @Test
    void callbacksAreVerifiedAgainstTheConfiguredBase() {
        String room = sid("RM", UUID.randomUUID().toString());
        Map<String, String> created = event(room, "room-created", nextTimestamp());

        Answer signedForTheGateway = callback(prod, WEBHOOK, created, prod.baseUrl() + WEBHOOK);
        assertThat(signedForTheGateway.status()).as(signedForTheGateway.body()).isEqualTo(403);

        Answer signedForTheFront = callback(prod, WEBHOOK + "?tenant=a%20b", created, FRONT + WEBHOOK + "?tenant=a%20b");
        assertThat(signedForTheFront.status()).as(signedForTheFront.body()).isEqualTo(200);
        assertThat(signedForTheFront.json().getString("room_sid")).isEqualTo(room);

        Answer defaultPath = callback(prod, "/webhooks/room-events", created, FRONT + "/webhooks/room-events");
        assertThat(defaultPath.status()).as(defaultPath.body()).isEqualTo(404);
    }
}
