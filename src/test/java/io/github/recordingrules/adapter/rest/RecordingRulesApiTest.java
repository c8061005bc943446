package io.github.recordingrules.adapter.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.github.recordingrules.support.Api.api;
import static io.github.recordingrules.support.Api.createGroupRoom;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

@QuarkusTest
class RecordingRulesApiTest {

    @Test
    void postedRulesAreReturnedByLaterGets() {
        String name = "room-" + UUID.randomUUID();
        String sid = createGroupRoom(name);

        api().formParam("Rules", "[{\"type\":\"include\",\"all\":true}]")
                .post("/v1/Rooms/{room}/RecordingRules", name)
                .then().statusCode(200)
                .body("room_sid", equalTo(sid))
                .body("rules", hasSize(1))
                .body("rules[0].type", equalTo("include"))
                .body("rules[0].all", equalTo(true))
                .body("date_updated", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));

        api().get("/v1/Rooms/{room}/RecordingRules", sid)
                .then().statusCode(200)
                .body("room_sid", equalTo(sid))
                .body("rules[0].type", equalTo("include"))
                .body("rules[0].all", equalTo(true));
    }
}
