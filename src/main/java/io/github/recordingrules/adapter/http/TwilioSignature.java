package io.github.recordingrules.adapter.http;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Twilio's request signature: base64 of HMAC-SHA1, keyed with the auth token, over the full URL
 * followed by every POST parameter name and value, sorted by name.
 */
public final class TwilioSignature {

    private final byte[] key;

    public TwilioSignature(String authToken) {
        this.key = authToken.getBytes(StandardCharsets.UTF_8);
    }

    public String sign(String url, Map<String, List<String>> params) {
        StringBuilder data = new StringBuilder(url);
        for (Map.Entry<String, List<String>> param : new TreeMap<>(params).entrySet()) {
            List<String> values = new ArrayList<>(param.getValue());
            values.sort(null);
            for (String value : values) {
                data.append(param.getKey()).append(value);
            }
        }
        return Base64.getEncoder().encodeToString(hmacSha1(data.toString()));
    }

    /**
     * Whether the signature matches the URL, as given or with its default port added or removed
     * (senders differ on that, as Twilio's own validators allow). Compared in constant time.
     */
    public boolean verify(String url, Map<String, List<String>> params, String signature) {
        if (signature == null || signature.isEmpty()) {
            return false;
        }
        byte[] presented = signature.getBytes(StandardCharsets.UTF_8);
        boolean valid = false;
        for (String candidate : urlVariants(url)) {
            valid |= MessageDigest.isEqual(sign(candidate, params).getBytes(StandardCharsets.UTF_8), presented);
        }
        return valid;
    }

    static List<String> urlVariants(String url) {
        List<String> variants = new ArrayList<>(List.of(url));
        try {
            URI uri = URI.create(url);
            int defaultPort = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            String authority = uri.getRawAuthority();
            String prefix = uri.getScheme() + "://";
            if (authority == null || !url.startsWith(prefix + authority)) {
                return variants;
            }
            String rest = url.substring((prefix + authority).length());
            if (uri.getPort() == -1) {
                variants.add(prefix + authority + ":" + defaultPort + rest);
            } else if (uri.getPort() == defaultPort) {
                variants.add(prefix + authority.substring(0, authority.lastIndexOf(':')) + rest);
            }
        } catch (IllegalArgumentException e) {
            // not a URL we can vary; the exact form is still checked
        }
        return variants;
    }

    private byte[] hmacSha1(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JVM", e);
        }
    }
}
