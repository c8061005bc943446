package io.github.recordingrules.bench.load;

import io.github.recordingrules.support.TwilioSigner;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** API Gateway HTTP API (payload format 2.0) events, as Lambda hands them to the function. */
final class ApiGatewayEvents {

    static final String HOST = "abc123def4.execute-api.eu-west-1.amazonaws.com";
    static final String WEBHOOK_PATH = "/webhooks/room-events";

    private ApiGatewayEvents() {
    }

    /** A room status callback, signed for its public URL; a forged one is signed for another URL (403). */
    static byte[] webhook(Map<String, String> params, boolean validSignature, boolean contentLength) {
        String url = "https://" + HOST + WEBHOOK_PATH;
        String signature = TwilioSigner.sign(validSignature ? url : url + "?forged", params, FunctionInstances.AUTH_TOKEN);
        return formPost(WEBHOOK_PATH, form(params), contentLength, Map.of("x-twilio-signature", signature,
                "user-agent", "TwilioProxy/1.1", "i-twilio-idempotency-token", UUID.randomUUID().toString()));
    }

    /** A REST call with the account's Basic credentials. */
    static byte[] restPost(String path, Map<String, String> params) {
        String basic = Base64.getEncoder().encodeToString((FunctionInstances.ACCOUNT_SID + ":" + FunctionInstances.AUTH_TOKEN)
                .getBytes(StandardCharsets.UTF_8));
        return formPost(path, form(params), true, Map.of("authorization", "Basic " + basic));
    }

    private static String form(Map<String, String> params) {
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, String> p : params.entrySet()) {
            if (!body.isEmpty()) {
                body.append('&');
            }
            body.append(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
        }
        return body.toString();
    }

    private static byte[] formPost(String path, String formBody, boolean contentLength, Map<String, String> extraHeaders) {
        long now = System.currentTimeMillis();
        StringBuilder headers = new StringBuilder();
        Map<String, String> all = new LinkedHashMap<>();
        all.put("content-type", "application/x-www-form-urlencoded");
        if (contentLength) {
            all.put("content-length", Integer.toString(formBody.length()));
        }
        all.put("host", HOST);
        all.put("x-forwarded-for", "203.0.113.7");
        all.put("x-forwarded-port", "443");
        all.put("x-forwarded-proto", "https");
        all.putAll(extraHeaders);
        for (Map.Entry<String, String> h : all.entrySet()) {
            if (!headers.isEmpty()) {
                headers.append(',');
            }
            headers.append('"').append(h.getKey()).append("\":\"").append(h.getValue()).append('"');
        }
        String json = "{\"version\":\"2.0\",\"routeKey\":\"$default\",\"rawPath\":\"" + path
                + "\",\"rawQueryString\":\"\",\"headers\":{" + headers + "},"
                + "\"requestContext\":{\"accountId\":\"123456789012\",\"apiId\":\"abc123def4\",\"domainName\":\""
                + HOST + "\",\"domainPrefix\":\"abc123def4\",\"http\":{\"method\":\"POST\",\"path\":\"" + path
                + "\",\"protocol\":\"HTTP/1.1\",\"sourceIp\":\"203.0.113.7\",\"userAgent\":\"TwilioProxy/1.1\"},"
                + "\"requestId\":\"" + UUID.randomUUID() + "\",\"routeKey\":\"$default\",\"stage\":\"$default\","
                + "\"time\":\"24/Nov/2026:20:00:00 +0000\",\"timeEpoch\":" + now + "},"
                + "\"body\":\"" + formBody + "\",\"isBase64Encoded\":false}";
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
