package io.github.recordingrules.adapter.outbound;

import io.github.recordingrules.adapter.http.TwilioSignature;
import io.github.recordingrules.application.Deliverer;
import io.github.recordingrules.application.Destination;
import io.github.recordingrules.application.OutboundMessage.StatusCallback;
import io.github.recordingrules.application.PendingMessage;
import io.github.recordingrules.config.RecordingRulesConfig;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Sends Twilio's room status callbacks as Twilio does (docs/SPEC.md §11.1.1): form-encoded, by POST in the
 * body or by GET in the query string ({@code StatusCallbackMethod}), signed with {@code X-Twilio-Signature}
 * (keyed with the auth token, over the URL and, for POST, the sorted parameters), with an
 * {@code I-Twilio-Idempotency-Token} that is the message's own id, the same on every attempt.
 */
@ApplicationScoped
public class StatusCallbackSender implements Deliverer {

    static final String USER_AGENT = "recording-rules (TwilioProxy-compatible)";

    private final OutboundHttp http;
    private final TwilioSignature signature;

    StatusCallbackSender(OutboundHttp http, RecordingRulesConfig config) {
        this.http = http;
        this.signature = new TwilioSignature(config.authToken());
    }

    @Override
    public Destination destination() {
        return Destination.STATUS_CALLBACK;
    }

    @Override
    public Result deliver(PendingMessage pending, Duration timeout) {
        StatusCallback callback = (StatusCallback) pending.message();
        Map<String, String> params = new LinkedHashMap<>(callback.parameters());
        // Twilio counts a room's events from 0.
        params.put("SequenceNumber", Long.toString(pending.sequence() - 1));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("I-Twilio-Idempotency-Token", callback.id());
        headers.put("User-Agent", USER_AGENT);
        OutboundHttp.Answer answer;
        if (callback.method().equals("GET")) {
            String url = callback.url() + (callback.url().contains("?") ? "&" : "?") + form(params);
            headers.put("X-Twilio-Signature", signature.sign(url, Map.of()));
            answer = http.send(HttpMethod.GET, url, headers, null, timeout);
        } else {
            Map<String, List<String>> signed = new LinkedHashMap<>();
            params.forEach((name, value) -> signed.put(name, List.of(value)));
            headers.put("X-Twilio-Signature", signature.sign(callback.url(), signed));
            headers.put("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
            answer = http.send(HttpMethod.POST, callback.url(), headers, form(params).getBytes(StandardCharsets.UTF_8),
                    timeout);
        }
        return outcome(answer);
    }

    static Result outcome(OutboundHttp.Answer answer) {
        if (answer instanceof OutboundHttp.Answered answered) {
            return answered.status() / 100 == 2 ? new Delivered() : new Failed("answered " + answered.status());
        }
        if (answer instanceof OutboundHttp.Refused refused) {
            return new Refused(refused.reason());
        }
        return new Failed(((OutboundHttp.Unreachable) answer).reason());
    }

    private static String form(Map<String, String> params) {
        StringJoiner body = new StringJoiner("&");
        params.forEach((name, value) -> body.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return body.toString();
    }
}
