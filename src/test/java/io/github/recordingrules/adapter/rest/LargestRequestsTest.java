package io.github.recordingrules.adapter.rest;

import io.github.recordingrules.domain.Limits;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.Api.createGroupRoom;
import static io.github.recordingrules.support.OfficialEncodings.compactJson;
import static io.github.recordingrules.support.OfficialEncodings.largestRuleSet;
import static io.github.recordingrules.support.OfficialEncodings.pythonJson;
import static io.github.recordingrules.support.TwilioErrors.assertTwilioError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No limit refuses a valid request as an official helper library sends it at its largest (docs/SPEC.md
 * §2.5, §6.3): the Rules field as Python escapes it, and the body of a room created with the longest
 * values in the library encodings that make it biggest.
 */
@QuarkusTest
class LargestRequestsTest {

    @Test
    void theLargestValidRulesAsPythonSendsThemAreAccepted() {
        String room = createGroupRoom(null);
        String rules = pythonJson(largestRuleSet());
        assertThat(rules).hasSize(Limits.RULES);

        Response answer = api().formParam("Rules", rules).post("/v1/Rooms/{room}/RecordingRules", room);

        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
        assertThat(answer.jsonPath().getList("rules.publisher")).isEqualTo(publishers());
        assertThat(api().get("/v1/Rooms/{room}/RecordingRules", room).jsonPath().getList("rules.track"))
                .hasSize(20).allSatisfy(track -> assertThat((String) track).hasSize(Limits.NAME));
    }

    @Test
    void oneCharacterOverTheRulesLimitIsRefusedWith20001AndChangesNothing() {
        String room = createGroupRoom(null);
        api().formParam("Rules", "[{\"type\":\"include\",\"all\":true}]")
                .post("/v1/Rooms/{room}/RecordingRules", room).then().statusCode(200);

        assertTwilioError(api().formParam("Rules", pythonJson(largestRuleSet()) + " ")
                .post("/v1/Rooms/{room}/RecordingRules", room), 400, 20001);

        assertThat(api().get("/v1/Rooms/{room}/RecordingRules", room).jsonPath().getList("rules"))
                .isEqualTo(List.of(Map.of("type", "include", "all", true)));
    }

    @Test
    void theLargestRoomCreationIsAccepted() {
        // Compact JSON with 3-byte characters, percent-encoded (9 bytes each), is the largest form body of
        // the libraries' encodings; Python's escapes (\u4e00 as %5Cu4e00) come to 8 bytes a character.
        String uniqueName = UUID.randomUUID() + "中".repeat(Limits.NAME - 36);
        String callback = "https://media.example.com/";
        callback += "中".repeat(Limits.URL - callback.length());
        Response created = api().formParam("UniqueName", uniqueName).formParam("Type", "group")
                .formParam("RecordParticipantsOnConnect", "false")
                .formParam("RecordingRules", compactJson(largestRuleSet()))
                .formParam("StatusCallback", callback).formParam("StatusCallbackMethod", "POST")
                .post("/v1/Rooms");

        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        assertThat(created.jsonPath().getString("unique_name")).isEqualTo(uniqueName);
        assertThat(created.jsonPath().getString("status_callback")).isEqualTo(callback);
        assertThat(api().get("/v1/Rooms/{room}/RecordingRules", uniqueName).jsonPath().getList("rules.publisher"))
                .isEqualTo(publishers());
    }

    @SuppressWarnings("unchecked")
    private static List<Object> publishers() {
        return ((List<Map<String, Object>>) largestRuleSet().get("rules")).stream().map(r -> r.get("publisher")).toList();
    }
}
