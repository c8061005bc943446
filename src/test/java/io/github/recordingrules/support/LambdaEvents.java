package io.github.recordingrules.support;

import io.restassured.path.json.JsonPath;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Raw API Gateway HTTP API (payload 2.0) events, shaped as AWS documents them, posted to the mock
 * Lambda event server's {@code /_lambda_} endpoint; it queues them for the function exactly as it
 * queues the events it makes from plain HTTP requests, and answers with the function's response as is.
 * For what plain HTTP cannot send: URLs a client would refuse, bodies marked base64.
 */
public final class LambdaEvents {

    private LambdaEvents() {
    }

    /** The function's response to an event: what API Gateway would turn into the HTTP answer. */
    public record Answer(int statusCode, Map<String, String> headers, String body, boolean isBase64Encoded) {

        /** Asserts the status and Twilio's error body for {@code code}. */
        public Map<String, Object> assertTwilioError(int status, int code) {
            assertThat(statusCode).as("status; body: %s", body).isEqualTo(status);
            assertThat(isBase64Encoded).as("base64").isFalse();
            assertThat(headers.entrySet()).as("headers")
                    .anySatisfy(h -> {
                        assertThat(h.getKey()).isEqualToIgnoringCase("content-type");
                        assertThat(h.getValue()).startsWith("application/json");
                    });
            Map<String, Object> error = new JsonPath(body).getMap("$");
            assertThat(error).as("error body").isNotNull();
            assertThat(error.keySet()).as("error body fields").containsExactlyInAnyOrder("code", "message", "more_info", "status");
            assertThat(error.get("code")).as("code").isEqualTo(code);
            assertThat(error.get("status")).as("status field").isEqualTo(status);
            assertThat((String) error.get("message")).as("message").isNotBlank();
            assertThat(error.get("more_info")).isEqualTo("https://www.twilio.com/docs/errors/" + code);
            return error;
        }
    }

    /** An event for {@code method rawPath?rawQueryString}; headers lower-case, as API Gateway sends them. */
    public static Map<String, Object> event(String method, String rawPath, String rawQueryString, Map<String, String> headers) {
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("method", method);
        http.put("path", rawPath);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "203.0.113.7");
        http.put("userAgent", "agent");
        Map<String, Object> requestContext = new LinkedHashMap<>();
        requestContext.put("accountId", "123456789012");
        requestContext.put("apiId", "api-id");
        requestContext.put("domainName", "id.execute-api.us-east-1.amazonaws.com");
        requestContext.put("domainPrefix", "id");
        requestContext.put("http", http);
        requestContext.put("requestId", "id");
        requestContext.put("routeKey", "$default");
        requestContext.put("stage", "$default");
        requestContext.put("time", "12/Mar/2020:19:03:58 +0000");
        requestContext.put("timeEpoch", 1583348638390L);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", rawPath);
        event.put("rawQueryString", rawQueryString);
        event.put("headers", headers);
        event.put("requestContext", requestContext);
        event.put("isBase64Encoded", false);
        return event;
    }

    /** The same event carrying {@code body}, base64-encoded as API Gateway encodes binary bodies. */
    public static Map<String, Object> withBase64Body(Map<String, Object> event, String body) {
        event.put("body", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
        event.put("isBase64Encoded", true);
        return event;
    }

    /** Basic credentials of the test account, as a header value. */
    public static String basicAuth() {
        return "Basic " + Base64.getEncoder().encodeToString((Api.ACCOUNT_SID + ":" + Api.AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
    }

    public static Answer post(Map<String, Object> event) {
        JsonPath answer = given().contentType("application/json").body(event).post("/_lambda_")
                .then().statusCode(200).extract().jsonPath();
        Map<String, String> headers = answer.get("headers") == null ? Map.of() : answer.getMap("headers", String.class, String.class);
        return new Answer(answer.getInt("statusCode"), headers, answer.getString("body"), answer.getBoolean("isBase64Encoded"));
    }
}
