package io.github.recordingrules.adapter.http;

import io.github.recordingrules.support.ApiGatewayEvents.Answer;
import io.github.recordingrules.support.ApiGatewayEvents.Endpoint;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.github.recordingrules.support.ApiGatewayEvents.api;
import static io.github.recordingrules.support.ApiGatewayEvents.defaultStage;
import static io.github.recordingrules.support.ApiGatewayEvents.send;
import static io.github.recordingrules.support.Api.ACCOUNT_SID;
import static io.github.recordingrules.support.Api.AUTH_TOKEN;
import static io.github.recordingrules.support.Webhooks.PATH;
import static io.github.recordingrules.support.Webhooks.event;
import static io.github.recordingrules.support.Webhooks.nextTimestamp;
import static io.github.recordingrules.support.Webhooks.sid;
import static io.github.recordingrules.support.Webhooks.sign;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text that is not valid Unicode is refused, never stored with replacement characters (docs/SPEC.md
 * §2.3, §5.1, §7.2): malformed UTF-8, percent-encoded or as raw bytes, in a form body, the path or the
 * query answers 400 with code 20001; a lone surrogate escape in the rules' JSON is an invalid rule set,
 * 53120. Each changes nothing. Sent as raw API Gateway events, whose base64 bodies carry any bytes.
 */
@QuarkusTest
class InvalidTextTest {

    private static final String RULES = "[{\"type\":\"include\",\"kind\":\"audio\"}]";
    private static final byte[] C3_28 = {(byte) 0xC3, '('};

    private final Endpoint gateway = defaultStage();

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            out.writeBytes(part instanceof byte[] raw ? raw : part.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static Map<String, String> basic() {
        return Map.of("authorization", "Basic " + Base64.getEncoder().encodeToString(
                (ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8)));
    }

    private String roomWithRules() {
        Answer created = api(gateway, "POST", "/v1/Rooms", Map.of("UniqueName", "text-" + UUID.randomUUID(), "RecordingRules", RULES));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().getString("sid");
    }

    private void assertRulesUnchanged(String room) {
        Answer rules = api(gateway, "GET", "/v1/Rooms/" + room + "/RecordingRules", null);
        assertThat(rules.json().getList("rules")).isEqualTo(List.of(Map.of("type", "include", "kind", "audio")));
    }

    private static void assertError(Answer answer, int status, int code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.json().getInt("code")).as(answer.body()).isEqualTo(code);
        assertThat(answer.json().getString("more_info")).isEqualTo("https://www.twilio.com/docs/errors/" + code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"%FF%FE", "%C3%28", "%ED%A0%80", "%C0%AF", "%E2%82", "x%F4%90%80%80"})
    void malformedPercentEncodedUtf8InRulesIsRefusedWith20001(String escapes) {
        String room = roomWithRules();
        byte[] body = bytes("Rules=[{\"type\":\"include\",\"publisher\":\"", escapes, "\"}]");
        assertError(send(gateway, "POST", "/v1/Rooms/" + room + "/RecordingRules", body, basic()), 400, 20001);
        assertRulesUnchanged(room);
    }

    @Test
    void rawBytesThatAreNotUtf8InRulesAreRefusedWith20001() {
        String room = roomWithRules();
        byte[] body = bytes("Rules=[{\"type\":\"include\",\"publisher\":\"", C3_28, "\"}]");
        assertError(send(gateway, "POST", "/v1/Rooms/" + room + "/RecordingRules", body, basic()), 400, 20001);
        assertRulesUnchanged(room);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\ud800", "\\udc00x", "a\\ud83d", "\\ude00\\ud83d", "\\ud83d\\ud83d\\ude00"})
    void aLoneSurrogateEscapeInRulesIsAnInvalidRuleSet(String escaped) {
        String room = roomWithRules();
        String rules = "[{\"type\":\"include\",\"all\":true},{\"type\":\"exclude\",\"track\":\"" + escaped + "\"}]";
        Answer refused = api(gateway, "POST", "/v1/Rooms/" + room + "/RecordingRules", Map.of("Rules", rules));
        assertError(refused, 400, 53120);
        assertThat(refused.json().getInt("details.rule_index")).isEqualTo(1);
        assertRulesUnchanged(room);
    }

    @Test
    void validNonAsciiTextIsAcceptedEscapedRawAndAsAPairOfSurrogateEscapes() {
        String room = roomWithRules();
        byte[] body = bytes("Rules=[{\"type\":\"include\",\"publisher\":\"Zo%C3%AB\"},{\"type\":\"include\",\"publisher\":\"",
                "Zoë".getBytes(StandardCharsets.UTF_8), "\"},{\"type\":\"include\",\"track\":\"\\ud83d\\ude00\"}]");
        Answer accepted = send(gateway, "POST", "/v1/Rooms/" + room + "/RecordingRules", body, basic());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().getList("rules")).isEqualTo(List.of(Map.of("type", "include", "publisher", "Zoë"),
                Map.of("type", "include", "publisher", "Zoë"), Map.of("type", "include", "track", "😀")));
    }

    @Test
    void malformedUtf8InOtherParametersIsRefusedWith20001AndCreatesNothing() {
        String name = "text-" + UUID.randomUUID();
        assertError(send(gateway, "POST", "/v1/Rooms", bytes("UniqueName=", name, "%FF"), basic()), 400, 20001);
        assertError(send(gateway, "POST", "/v1/Rooms", bytes("UniqueName=", name, C3_28), basic()), 400, 20001);
        assertError(send(gateway, "POST", "/v1/Rooms", bytes("UniqueName=", name, "&StatusCallback=https://a.example/%FF"), basic()),
                400, 20001);
        for (String stored : List.of(name + "\uFFFD", name + "\uFFFD(", name)) {
            assertThat(api(gateway, "GET", "/v1/Rooms/" + java.net.URLEncoder.encode(stored, StandardCharsets.UTF_8), null)
                    .status()).as(stored).isEqualTo(404);
        }
        String room = roomWithRules();
        assertError(send(gateway, "POST", "/v1/Rooms/" + room, bytes("Status=completed&x=%C3"), basic()), 400, 20001);
        assertThat(api(gateway, "GET", "/v1/Rooms/" + room, null).json().getString("status")).isEqualTo("in-progress");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/Rooms/%FF", "/v1/Rooms/caf%C3/RecordingRules", "/v1/Rooms/RM%ED%A0%80/Recordings"})
    void malformedUtf8InThePathIsRefusedWith20001(String path) {
        assertError(api(gateway, "GET", path, null), 400, 20001);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SourceSid=%FF", "Status=processing&SourceSid=MT%C3%28", "DateCreatedAfter=%E2%82"})
    void malformedUtf8InTheQueryIsRefusedWith20001(String query) {
        String room = roomWithRules();
        assertError(api(gateway, "GET", "/v1/Rooms/" + room + "/Recordings?" + query, null), 400, 20001);
    }

    @ParameterizedTest
    @ValueSource(strings = {"%FF%FE", "%C3%28", "raw"})
    void malformedUtf8InACallbackIsRefusedWith20001SignedOrNotAndRegistersNothing(String identity) {
        String room = sid("RM", UUID.randomUUID().toString());
        Map<String, String> params = event(room, "participant-connected", nextTimestamp());
        params.put("ParticipantSid", sid("PA", room));
        String encoded = params.entrySet().stream()
                .map(e -> java.net.URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .reduce((a, b) -> a + "&" + b).orElseThrow();
        byte[] body = identity.equals("raw") ? bytes(encoded, "&ParticipantIdentity=", C3_28)
                : bytes(encoded, "&ParticipantIdentity=", identity);
        params.put("ParticipantIdentity", "\uFFFD" + (identity.equals("%FF%FE") ? "\uFFFD" : "("));
        String signature = sign(gateway.baseUrl() + PATH, params, AUTH_TOKEN);
        for (Map<String, String> headers : List.of(Map.<String, String>of(), Map.of("x-twilio-signature", signature))) {
            assertError(send(gateway, "POST", PATH, body, headers), 400, 20001);
        }
        assertThat(api(gateway, "GET", "/v1/Rooms/" + room, null).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ISO-8859-1", "windows-1252", "no-such-charset", "UTF-16"})
    void aFormInAnotherCharsetIsRefusedWith415(String charset) {
        String room = roomWithRules();
        Map<String, String> headers = new java.util.HashMap<>(basic());
        headers.put("content-type", "application/x-www-form-urlencoded; charset=" + charset);
        assertError(send(gateway, "POST", "/v1/Rooms/" + room + "/RecordingRules",
                bytes("Rules=[{\"type\":\"include\",\"publisher\":\"Zo%EB\"}]"), headers), 415, 20001);
        assertRulesUnchanged(room);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ISO-8859-1", "windows-1252", "US-ASCII"})
    void aPlainAsciiFormDeclaredInAnotherCharsetReadsTheSameAndIsAccepted(String charset) {
        String room = roomWithRules();
        Map<String, String> headers = new java.util.HashMap<>(basic());
        headers.put("content-type", "application/x-www-form-urlencoded; charset=" + charset);
        assertThat(send(gateway, "POST", "/v1/Rooms/" + room + "/RecordingRules",
                bytes("Rules=[{\"type\":\"include\",\"publisher\":\"Zoe\"}]"), headers).status()).isEqualTo(200);
        assertThat(api(gateway, "GET", "/v1/Rooms/" + room + "/RecordingRules", null).body())
                .contains("\"publisher\":\"Zoe\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-8", "utf-8", "\"UTF-8\"", "utf8"})
    void aFormInUtf8IsAcceptedHoweverTheCharsetIsWritten(String charset) {
        String room = roomWithRules();
        Map<String, String> headers = new java.util.HashMap<>(basic());
        headers.put("content-type", "application/x-www-form-urlencoded; charset=" + charset);
        Answer accepted = send(gateway, "POST", "/v1/Rooms/" + room + "/RecordingRules",
                bytes("Rules=[{\"type\":\"include\",\"publisher\":\"Zo%C3%AB\"}]"), headers);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().getString("rules[0].publisher")).isEqualTo("Zoë");
    }
}
