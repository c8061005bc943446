package io.github.recordingrules.support;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Signs a callback as Twilio does ({@code X-Twilio-Signature}: base64 of HMAC-SHA1, keyed with the auth
 * token, over the URL followed by each parameter name and value, sorted by name, then by value). The one
 * signer of tests and benchmarks, written independently of the function's own verifier on purpose.
 */
public final class TwilioSigner {

    private TwilioSigner() {
    }

    public static String sign(String url, Map<String, String> params, String token) {
        Map<String, List<String>> all = new TreeMap<>();
        params.forEach((name, value) -> all.put(name, List.of(value)));
        return signAll(url, all, token);
    }

    /** For a form that repeats names. */
    public static String signAll(String url, Map<String, ? extends Collection<String>> params, String token) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, values) -> {
            List<String> sorted = new ArrayList<>(values);
            sorted.sort(null);
            sorted.forEach(value -> data.append(name).append(value));
        });
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA1", e);
        }
    }
}
