package io.github.recordingrules.adapter.http;

import io.github.recordingrules.support.ApiGatewayEvents.Answer;
import io.github.recordingrules.support.ApiGatewayEvents.Endpoint;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.github.recordingrules.support.ApiGatewayEvents.api;
import static io.github.recordingrules.support.ApiGatewayEvents.callback;
import static io.github.recordingrules.support.ApiGatewayEvents.customDomain;
import static io.github.recordingrules.support.ApiGatewayEvents.defaultStage;
import static io.github.recordingrules.support.ApiGatewayEvents.namedStage;
import static io.github.recordingrules.support.ApiGatewayEvents.send;
import static io.github.recordingrules.support.Webhooks.PATH;
import static io.github.recordingrules.support.Webhooks.nextTimestamp;
import static io.github.recordingrules.support.Webhooks.participant;
import static io.github.recordingrules.support.Webhooks.sid;
import static io.github.recordingrules.support.Webhooks.track;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The function behind API Gateway as a deployment meets it (docs/SPEC.md §5.1, §7.11): raw HTTP API
 * events for the {@code $default} stage, a named stage and custom domains, each with the headers API
 * Gateway adds ({@code x-forwarded-proto: https}, the Host). Every resource and paging URL, and the URL a
 * callback is verified against, is the public one the client used; the paths are served without any
 * setting.
 */
@QuarkusTest
class PublicUrlsTest {

    static Stream<Endpoint> endpoints() {
        return Stream.of(defaultStage(), namedStage("prod"), customDomain("rules.example.com", "", "prod"),
                customDomain("api.example.com", "video-rules", "prod"),
                customDomain("api.example.com", "teams/video/rules", "$default"));
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void everyUrlIsThePublicOneAndEveryPathIsServed(Endpoint endpoint) {
        String base = endpoint.baseUrl();
        Answer created = api(endpoint, "POST", "/v1/Rooms", Map.of("UniqueName", "public-" + UUID.randomUUID(),
                "RecordingRules", "[{\"type\":\"include\",\"all\":true}]"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String room = created.json().getString("sid");
        String roomUrl = base + "/v1/Rooms/" + room;
        assertThat(created.json().getString("url")).isEqualTo(roomUrl);
        assertThat(created.headers()).containsEntry("Location", roomUrl);
        assertThat(created.json().getMap("links")).containsEntry("recordings", roomUrl + "/Recordings")
                .containsEntry("recording_rules", roomUrl + "/RecordingRules");

        Answer fetched = api(endpoint, "GET", "/v1/Rooms/" + room, null);
        assertThat(fetched.status()).as(fetched.body()).isEqualTo(200);
        assertThat(fetched.json().getString("url")).isEqualTo(roomUrl);

        String alice = sid("PA", "public-alice");
        String signedUrl = base + PATH;
        Answer joined = callback(endpoint, PATH, participant(room, "participant-connected", alice, "alice",
                nextTimestamp()), signedUrl);
        assertThat(joined.status()).as(joined.body()).isEqualTo(200);
        for (String name : List.of("mic", "cam")) {
            Answer added = callback(endpoint, PATH, track(room, "track-added", alice, "alice",
                    sid("MT", room + "-" + name), name.equals("mic") ? "audio" : "video", name, nextTimestamp()),
                    signedUrl);
            assertThat(added.status()).as(added.body()).isEqualTo(200);
            String recording = added.json().getString("started[0].sid");
            assertThat(added.json().getString("started[0].url")).isEqualTo(roomUrl + "/Recordings/" + recording);
        }

        Answer firstPage = api(endpoint, "GET", "/v1/Rooms/" + room + "/Recordings?PageSize=1&Status=processing", null);
        assertThat(firstPage.status()).as(firstPage.body()).isEqualTo(200);
        JsonPath page = firstPage.json();
        String list = roomUrl + "/Recordings";
        assertThat(page.getString("meta.url")).isEqualTo(list + "?PageSize=1&Page=0&Status=processing");
        assertThat(page.getString("meta.first_page_url")).isEqualTo(list + "?PageSize=1&Page=0&Status=processing");
        assertThat(page.getString("meta.next_page_url")).isEqualTo(list + "?PageSize=1&Page=1&Status=processing");
        assertThat(page.getString("recordings[0].url")).startsWith(list + "/RT");

        Answer secondPage = api(endpoint, "GET", page.getString("meta.next_page_url").substring(base.length()), null);
        assertThat(secondPage.status()).as(secondPage.body()).isEqualTo(200);
        assertThat(secondPage.json().getString("meta.previous_page_url")).isEqualTo(list + "?PageSize=1&Page=0&Status=processing");
        assertThat(secondPage.json().getString("meta.next_page_url")).isNull();
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void aNameWithReservedCharactersIsFoundBehindAPrefix(Endpoint endpoint) {
        String name = "public " + UUID.randomUUID() + " a/b%2F?c#d+é";
        Answer created = api(endpoint, "POST", "/v1/Rooms", Map.of("UniqueName", name));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        Answer fetched = api(endpoint, "GET", "/v1/Rooms/" + encoded + "/RecordingRules", null);
        assertThat(fetched.status()).as(fetched.body()).isEqualTo(200);
        assertThat(fetched.json().getString("room_sid")).isEqualTo(created.json().getString("sid"));
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void aCallbackSignedForAnotherUrlIsRefused(Endpoint endpoint) {
        String room = sid("RM", UUID.randomUUID().toString());
        Map<String, String> created = io.github.recordingrules.support.Webhooks.event(room, "room-created", nextTimestamp());
        for (String signedFor : List.of("http://" + endpoint.host() + endpoint.pathPrefix() + PATH,
                "https://" + endpoint.host() + PATH + (endpoint.pathPrefix().isEmpty() ? "/" : ""),
                "https://" + endpoint.host() + "/other" + endpoint.pathPrefix() + PATH)) {
            Answer refused = callback(endpoint, PATH, created, signedFor);
            assertThat(refused.status()).as("signed for %s: %s", signedFor, refused.body()).isEqualTo(403);
            assertThat(refused.json().getInt("code")).isEqualTo(20403);
        }
        assertThat(api(endpoint, "GET", "/v1/Rooms/" + room, null).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void theRestApiStillNeedsCredentialsBehindAPrefix(Endpoint endpoint) {
        Answer anonymous = send(endpoint, "GET", "/v1/Rooms/" + sid("RM", "anonymous"), (Map<String, String>) null, Map.of());
        assertThat(anonymous.status()).as(anonymous.body()).isEqualTo(401);
        assertThat(anonymous.json().getInt("code")).isEqualTo(20003);
    }

    @Test
    void onApiGatewaysOwnEndpointOnlyTheStageIsAPrefix() {
        Endpoint prod = namedStage("prod");
        for (Endpoint elsewhere : List.of(new Endpoint(prod.host(), "/staging", "prod"),
                new Endpoint(prod.host(), "/prod/extra", "prod"), new Endpoint(prod.host(), "/prod", "$default"))) {
            Answer unknown = api(elsewhere, "GET", "/v1/Rooms/" + sid("RM", "elsewhere"), null);
            assertThat(unknown.status()).as("%s: %s", elsewhere, unknown.body()).isEqualTo(404);
            assertThat(unknown.json().getString("message")).as("%s", elsewhere).isEqualTo("The requested resource was not found");
        }
    }

    @Test
    void aPrefixIsOnlyTakenInFrontOfTheFunctionsOwnPaths() {
        for (String path : List.of("/v2/Rooms", "/webhooks/other", "/v1", "/")) {
            Answer unknown = api(customDomain("api.example.com", "rules", "prod"), "GET", path, null);
            assertThat(unknown.status()).as("%s: %s", path, unknown.body()).isIn(404, 405);
        }
    }
}
