package io.github.recordingrules.adapter.http;

import com.twilio.security.RequestValidator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TwilioSignatureTest {

    private static final String URL = "https://example.com/myapp.php?foo=1&bar=2";
    private static final Map<String, List<String>> PARAMS = Map.of(
            "CallSid", List.of("CA1234567890ABCDE"),
            "Caller", List.of("+14158675310"),
            "Digits", List.of("1234"),
            "From", List.of("+14158675310"),
            "To", List.of("+18005551212"));

    @Test
    void signsTheSpecTestVector() {
        assertThat(new TwilioSignature("12345").sign(URL, PARAMS)).isEqualTo("L/OH5YylLD5NRKLltdqwSvS0BnU=");
    }

    @Test
    void verifiesTheSpecTestVectorAndRejectsAnyChange() {
        TwilioSignature signature = new TwilioSignature("12345");
        assertThat(signature.verify(URL, PARAMS, "L/OH5YylLD5NRKLltdqwSvS0BnU=")).isTrue();
        assertThat(signature.verify(URL, PARAMS, "L/OH5YylLD5NRKLltdqwSvS0BnV=")).isFalse();
        assertThat(signature.verify(URL + "&baz=3", PARAMS, "L/OH5YylLD5NRKLltdqwSvS0BnU=")).isFalse();
        assertThat(new TwilioSignature("54321").verify(URL, PARAMS, "L/OH5YylLD5NRKLltdqwSvS0BnU=")).isFalse();
        assertThat(signature.verify(URL, PARAMS, null)).isFalse();
        assertThat(signature.verify(URL, PARAMS, "")).isFalse();
    }

    @Test
    void acceptsTheUrlWithOrWithoutItsDefaultPort() {
        TwilioSignature signature = new TwilioSignature("12345");
        String withPort = signature.sign("https://example.com:443/myapp.php?foo=1&bar=2", PARAMS);
        assertThat(signature.verify(URL, PARAMS, withPort)).isTrue();
        assertThat(signature.verify("https://example.com:443/myapp.php?foo=1&bar=2", PARAMS,
                "L/OH5YylLD5NRKLltdqwSvS0BnU=")).isTrue();
        assertThat(signature.verify("https://example.com:8443/myapp.php?foo=1&bar=2", PARAMS,
                "L/OH5YylLD5NRKLltdqwSvS0BnU=")).isFalse();
    }

    @Test
    void agreesWithTheOfficialJavaLibrary() {
        Map<String, String> single = Map.of("RoomSid", "RM" + "a".repeat(32), "StatusCallbackEvent", "track-added",
                "TrackName", "screen share ü");
        String url = "https://abc123.execute-api.eu-west-1.amazonaws.com/webhooks/room-events?tenant=x";
        String ours = new TwilioSignature("token").sign(url, Map.of(
                "RoomSid", List.of(single.get("RoomSid")),
                "StatusCallbackEvent", List.of("track-added"),
                "TrackName", List.of("screen share ü")));
        assertThat(new RequestValidator("token").validate(url, single, ours)).isTrue();
    }
}
