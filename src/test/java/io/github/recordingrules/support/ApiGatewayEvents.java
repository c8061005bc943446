package io.github.recordingrules.support;

import io.restassured.path.json.JsonPath;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Raw API Gateway HTTP API events (payload format 2.0), shaped as AWS documents them, posted to the mock
 * Lambda event server's {@code /_lambda_} endpoint: it hands them to the function as it hands the events
 * it makes from plain HTTP requests, and answers with the function's response as is. For what plain HTTP
 * through the mock server cannot show: the stage, the domain and the headers API Gateway adds, URLs a
 * client would refuse, bodies marked base64.
 * <p>
 * An {@link Endpoint} is where a client sends the request: API Gateway's own endpoint on the
 * {@code $default} stage or on a named stage, or a custom domain with an API mapping. API Gateway keeps
 * a named stage's segment, and a mapping's base path, in {@code rawPath}.
 */
public final class ApiGatewayEvents {

    private static final String API_ID = "abc123def4";
    public static final String EXECUTE_API_HOST = API_ID + ".execute-api.eu-west-1.amazonaws.com";

    private ApiGatewayEvents() {
    }

    /** Where a request is sent: the host, the path prefix API Gateway keeps in rawPath, and the stage. */
    public record Endpoint(String host, String pathPrefix, String stage) {

        /** The base URL a client uses for this endpoint. */
        public String baseUrl() {
            return "https://" + host + pathPrefix;
        }
    }

    /** {@code https://abc123def4.execute-api.eu-west-1.amazonaws.com}, the {@code $default} stage. */
    public static Endpoint defaultStage() {
        return new Endpoint(EXECUTE_API_HOST, "", "$default");
    }

    /** {@code https://abc123def4.execute-api.eu-west-1.amazonaws.com/<stage>}. */
    public static Endpoint namedStage(String stage) {
        return new Endpoint(EXECUTE_API_HOST, "/" + stage, stage);
    }

    /** {@code https://<domain>/<basePath>}, an API mapping of the custom domain to {@code stage}; no base path for the domain's root. */
    public static Endpoint customDomain(String domain, String basePath, String stage) {
        return new Endpoint(domain, basePath.isEmpty() ? "" : "/" + basePath, stage);
    }

    /** The function's answer to an event: what API Gateway turns into the HTTP answer. */
    public record Answer(int status, Map<String, String> headers, String body, boolean isBase64Encoded) {

        public JsonPath json() {
            return new JsonPath(body);
        }

        /** Asserts the status and Twilio's error body for {@code code}, as JSON and not base64-encoded. */
        public Map<String, Object> assertTwilioError(int expectedStatus, int code) {
            assertThat(status).as("status; body: %s", body).isEqualTo(expectedStatus);
            assertThat(isBase64Encoded).as("base64").isFalse();
            assertThat(headers.entrySet()).as("headers").anySatisfy(h -> {
                assertThat(h.getKey()).isEqualToIgnoringCase("content-type");
                assertThat(h.getValue()).startsWith("application/json");
            });
            Map<String, Object> error = json().getMap("$");
            assertThat(error).as("error body").isNotNull();
            assertThat(error.keySet()).as("error body fields").containsExactlyInAnyOrder("code", "message", "more_info", "status");
            assertThat(error.get("code")).as("code").isEqualTo(code);
            assertThat(error.get("status")).as("status field").isEqualTo(expectedStatus);
            assertThat((String) error.get("message")).as("message").isNotBlank();
            assertThat(error.get("more_info")).isEqualTo("https://www.twilio.com/docs/errors/" + code);
            return error;
        }
    }

    /** Basic credentials of the test account, as a header value. */
    public static String basicAuth() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (Api.ACCOUNT_SID + ":" + Api.AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
    }

    /** A request with Basic credentials of the test account. */
    public static Answer api(Endpoint endpoint, String method, String path, Map<String, String> form) {
        return send(endpoint, method, path, form, Map.of("authorization", basicAuth()));
    }

    /** A room status callback, signed for {@code signedUrl} as Twilio signs. */
    public static Answer callback(Endpoint endpoint, String path, Map<String, String> params, String signedUrl) {
        return send(endpoint, "POST", path, params,
                Map.of("x-twilio-signature", Webhooks.sign(signedUrl, params, Api.AUTH_TOKEN)));
    }

    /** Sends {@code method path} with the form encoded as the official helper libraries encode it. */
    public static Answer send(Endpoint endpoint, String method, String path, Map<String, String> form,
                              Map<String, String> extraHeaders) {
        byte[] body = form == null ? null : form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&")).getBytes(StandardCharsets.UTF_8);
        return send(endpoint, method, path, body, extraHeaders);
    }

    /**
     * Sends {@code method path} (path and query, relative to the endpoint's base URL) with {@code body} as
     * a form, base64-encoded as API Gateway passes a form body, and the headers API Gateway adds.
     */
    public static Answer send(Endpoint endpoint, String method, String path, byte[] body,
                              Map<String, String> extraHeaders) {
        int question = path.indexOf('?');
        String rawPath = endpoint.pathPrefix() + (question < 0 ? path : path.substring(0, question));
        String rawQuery = question < 0 ? "" : path.substring(question + 1);

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("accept", "*/*");
        headers.put("host", endpoint.host());
        headers.put("user-agent", "twilio-java/10.0.0");
        headers.put("x-amzn-trace-id", "Root=1-" + UUID.randomUUID());
        headers.put("x-forwarded-for", "203.0.113.7");
        headers.put("x-forwarded-port", "443");
        headers.put("x-forwarded-proto", "https");
        if (body != null) {
            headers.put("content-type", "application/x-www-form-urlencoded");
            headers.put("content-length", Integer.toString(body.length));
        }
        headers.putAll(extraHeaders);

        Map<String, Object> event = event(endpoint, method, rawPath, rawQuery, headers);
        if (body != null) {
            event.put("body", Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", true);
        }
        return post(event);
    }

    /** An event for {@code method rawPath?rawQuery} without a body; headers lower-case, as API Gateway sends them. */
    public static Map<String, Object> event(Endpoint endpoint, String method, String rawPath, String rawQuery,
                                            Map<String, String> headers) {
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("method", method);
        http.put("path", rawPath);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "203.0.113.7");
        http.put("userAgent", headers.getOrDefault("user-agent", "agent"));
        Map<String, Object> requestContext = new LinkedHashMap<>();
        requestContext.put("accountId", "123456789012");
        requestContext.put("apiId", API_ID);
        requestContext.put("domainName", endpoint.host());
        requestContext.put("domainPrefix", endpoint.host().substring(0, endpoint.host().indexOf('.')));
        requestContext.put("http", http);
        requestContext.put("requestId", UUID.randomUUID().toString());
        requestContext.put("routeKey", "$default");
        requestContext.put("stage", endpoint.stage());
        requestContext.put("time", "24/Nov/2026:20:00:00 +0000");
        requestContext.put("timeEpoch", 1795550400000L);

        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", rawPath);
        event.put("rawQueryString", rawQuery);
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

    /** Hands the event to the function, and answers with what it returned. */
    public static Answer post(Map<String, Object> event) {
        JsonPath answer = given().contentType("application/json").body(event).post("/_lambda_")
                .then().statusCode(200).extract().jsonPath();
        Map<String, String> headers = answer.get("headers") == null ? Map.of()
                : answer.getMap("headers", String.class, String.class);
        return new Answer(answer.getInt("statusCode"), headers, answer.getString("body"),
                answer.getBoolean("isBase64Encoded"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
