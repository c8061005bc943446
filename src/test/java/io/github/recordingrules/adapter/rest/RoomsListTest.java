package io.github.recordingrules.adapter.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.Api.createGroupRoom;
import static io.github.recordingrules.support.TwilioErrors.assertTwilioError;
import static io.github.recordingrules.support.Webhooks.event;
import static io.github.recordingrules.support.Webhooks.post;
import static io.github.recordingrules.support.Webhooks.sid;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /v1/Rooms} (docs/SPEC.md §5.15): filters, Twilio's paging, and what it refuses. */
@QuarkusTest
class RoomsListTest {

    /** Rooms made through REST carry the function's clock; this bounds the list to this test's rooms. */
    private static String since() {
        return Instant.now().minusMillis(5).toString();
    }

    @Test
    void pagesThroughMoreRoomsThanOnePageOldestFirstFollowingNextPageUrl() {
        String after = since();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(createGroupRoom("list-" + UUID.randomUUID()));
        }

        List<String> listed = new ArrayList<>();
        JsonPath page = api().queryParam("DateCreatedAfter", after).queryParam("PageSize", 3)
                .get("/v1/Rooms").then().statusCode(200).extract().jsonPath();
        assertThat(page.getInt("meta.page")).isZero();
        assertThat(page.getInt("meta.page_size")).isEqualTo(3);
        assertThat(page.getString("meta.key")).isEqualTo("rooms");
        assertThat(page.getString("meta.previous_page_url")).isNull();
        assertThat(page.getString("meta.first_page_url")).endsWith("/v1/Rooms?PageSize=3&Page=0&DateCreatedAfter="
                + after.replace(":", "%3A"));
        int pages = 0;
        while (true) {
            pages++;
            listed.addAll(page.getList("rooms.sid"));
            assertThat(page.getList("rooms.status")).containsOnly("in-progress");
            String next = page.getString("meta.next_page_url");
            if (next == null) {
                break;
            }
            page = api().urlEncodingEnabled(false).get(next).then().statusCode(200).extract().jsonPath();
        }

        assertThat(pages).isEqualTo(3);
        assertThat(listed).containsExactlyElementsOf(created);
    }

    @Test
    void showsInProgressRoomsUnlessAnotherStatusIsAskedFor() {
        String after = since();
        String open = createGroupRoom("open-" + UUID.randomUUID());
        String ended = createGroupRoom("ended-" + UUID.randomUUID());
        api().formParam("Status", "completed").post("/v1/Rooms/{room}", ended).then().statusCode(202);

        assertThat(sids(Map.of("DateCreatedAfter", after))).containsExactly(open);
        assertThat(sids(Map.of("DateCreatedAfter", after, "Status", "in-progress"))).containsExactly(open);
        assertThat(sids(Map.of("DateCreatedAfter", after, "Status", "completed"))).containsExactly(ended);
        assertThat(sids(Map.of("DateCreatedAfter", after, "Status", "failed"))).isEmpty();
        JsonPath completed = api().queryParam("Status", "completed").queryParam("DateCreatedAfter", after)
                .get("/v1/Rooms").then().statusCode(200).extract().jsonPath();
        assertThat(completed.getString("rooms[0].end_time")).isNotNull();
        assertThat(completed.getString("meta.url")).contains("&Status=completed");
    }

    @Test
    void filtersByUniqueNameWhateverTheStatusAsked() {
        String name = "named-" + UUID.randomUUID();
        String first = createGroupRoom(name);
        api().formParam("Status", "completed").post("/v1/Rooms/{room}", first).then().statusCode(202);
        String second = createGroupRoom(name);
        createGroupRoom("other-" + UUID.randomUUID());

        assertThat(sids(Map.of("UniqueName", name))).containsExactly(second);
        assertThat(sids(Map.of("UniqueName", name, "Status", "completed"))).containsExactly(first);
    }

    @Test
    void dateCreatedAfterIsOnOrAfterAndDateCreatedBeforeIsStrictlyBefore() {
        // A room first heard of in a callback is created at the callback's Timestamp, to the millisecond: a day in
        // the past, so that no list of rooms created since a moment of this run (the library tests') finds it.
        String room = sid("RM", UUID.randomUUID().toString());
        String at = "2021-05-05T10:00:00Z";
        post(event(room, "room-created", at)).statusCode(200);

        // Every list is bounded to that day: other tests' rooms, one stored in a newer schema among them, stay out.
        assertThat(sids(Map.of("DateCreatedAfter", at, "DateCreatedBefore", "2021-05-06"))).containsExactly(room);
        assertThat(sids(Map.of("DateCreatedAfter", at, "DateCreatedBefore", "2021-05-05T10:00:01Z"))).containsExactly(room);
        assertThat(sids(Map.of("DateCreatedAfter", "2021-05-05T09:00:00Z", "DateCreatedBefore", at))).doesNotContain(room);
        assertThat(sids(Map.of("DateCreatedAfter", "2021-05-05T10:00:00.001Z", "DateCreatedBefore", "2021-05-06"))).isEmpty();
        // Twilio documents these two as days: YYYY-MM-DD, midnight UTC.
        assertThat(sids(Map.of("DateCreatedAfter", "2021-05-05", "DateCreatedBefore", "2021-05-06"))).containsExactly(room);
    }

    @Test
    void updatingARoomAnswers202AsTwilioDocuments() {
        String room = createGroupRoom(null);

        api().formParam("Status", "completed").post("/v1/Rooms/{room}", room).then().statusCode(202)
                .body("status", org.hamcrest.Matchers.equalTo("completed"));
    }

    @Test
    void everyLinkOfARoomLeadsSomewhere() {
        String room = createGroupRoom(null);
        Map<String, String> links = api().get("/v1/Rooms/{room}", room).then().statusCode(200).extract()
                .jsonPath().getMap("links");

        assertThat(links).containsOnlyKeys("participants", "recordings", "transcriptions", "recording_rules");
        links.forEach((name, url) -> api().get(url).then().statusCode(200));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "Status, ended", "Status, In-Progress", "PageSize, 0", "PageSize, 1001", "PageSize, abc", "PageSize, 1.5",
            "Page, -1", "Page, x", "DateCreatedAfter, yesterday", "DateCreatedBefore, 2026-13-01",
            "DateCreatedAfter, 2026-01-01T25:00:00Z"})
    void anInvalidFilterAnswers400WithTwilioBody(String name, String value) {
        assertTwilioError(api().queryParam(name, value).get("/v1/Rooms"), 400, 20001);
    }

    @Test
    void aUniqueNameLongerThanAnyNameAnswers400() {
        assertTwilioError(api().queryParam("UniqueName", "n".repeat(257)).get("/v1/Rooms"), 400, 20001);
    }

    private static List<String> sids(Map<String, String> query) {
        return api().queryParams(query).queryParam("PageSize", 1000).get("/v1/Rooms").then().statusCode(200)
                .extract().jsonPath().getList("rooms.sid");
    }
}
