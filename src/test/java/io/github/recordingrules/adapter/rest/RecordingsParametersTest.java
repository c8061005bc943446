package io.github.recordingrules.adapter.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.Api.createGroupRoom;
import static io.github.recordingrules.support.TwilioErrors.assertTwilioError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** The numeric and date parameters of the recordings list (docs/SPEC.md §5.10): a malformed one is 400, 20001. */
@QuarkusTest
class RecordingsParametersTest {

    @ParameterizedTest
    @CsvSource({
            "PageSize, abc", "PageSize, 1.5", "PageSize, 1e3", "PageSize, -1", "PageSize, ' 5'",
            "PageSize, 0x10", "PageSize, 0", "PageSize, 1001", "PageSize, 99999999999999999999",
            "Page, abc", "Page, 1.5", "Page, -1", "Page, 2147483648",
            "DateCreatedAfter, abc", "DateCreatedAfter, 2026-13-01T00:00:00Z", "DateCreatedAfter, 2026-01-01",
            "DateCreatedBefore, yesterday", "DateCreatedBefore, 1767225600"})
    void aMalformedOrOutOfRangeParameterAnswers400With20001(String name, String value) {
        String room = createGroupRoom(null);
        String message = (String) assertTwilioError(api().queryParam(name, value).get("/v1/Rooms/{room}/Recordings", room),
                400, 20001).get("message");
        assertThat(message).as("the message names the parameter").contains(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PageSize", "Page"})
    void anEmptyNumberCountsAsAbsent(String name) {
        String room = createGroupRoom(null);
        api().queryParam(name, "").get("/v1/Rooms/{room}/Recordings", room).then().statusCode(200)
                .body("meta.page", equalTo(0))
                .body("meta.page_size", equalTo(50));
    }

    @ParameterizedTest
    @CsvSource({"1, 2147483647", "1000, 0", "007, 3", "+5, +1"})
    void theLargestSignedAndPaddedNumbersAreAccepted(String pageSize, String page) {
        String room = createGroupRoom(null);
        api().queryParam("PageSize", pageSize).queryParam("Page", page).get("/v1/Rooms/{room}/Recordings", room)
                .then().statusCode(200)
                .body("meta.page_size", equalTo(Integer.parseInt(pageSize)))
                .body("meta.page", equalTo(Integer.parseInt(page)))
                .body("recordings.size()", equalTo(0))
                .body("meta.next_page_url", nullValue());
    }
}
