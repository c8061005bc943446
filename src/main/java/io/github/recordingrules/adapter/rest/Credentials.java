package io.github.recordingrules.adapter.rest;

import io.github.recordingrules.config.RecordingRulesConfig;
import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The HTTP Basic credentials the REST API accepts: the account SID with the auth token, and every
 * configured API key SID with its secret (docs/SPEC.md §5.2). Only SHA-256 digests of {@code user:password}
 * are kept; a presented pair is digested once and compared with every one of them, without stopping
 * at the first match, so neither the time taken nor anything logged tells which one matched or how
 * much of it was right. Invalid configuration stops the start, naming the entry but never a secret.
 */
@Singleton
@Startup
public class Credentials {

    private static final Pattern API_KEY_SID = Pattern.compile("^SK[0-9a-fA-F]{32}$");

    private final List<byte[]> digests;

    @Inject
    Credentials(RecordingRulesConfig config) {
        this(config.accountSid(), config.authToken(), config.apiKeys().orElse(List.of()));
    }

    Credentials(String accountSid, String authToken, List<String> apiKeys) {
        List<byte[]> accepted = new ArrayList<>();
        accepted.add(digest(accountSid + ":" + authToken));
        for (int i = 0; i < apiKeys.size(); i++) {
            String entry = apiKeys.get(i).trim();
            int colon = entry.indexOf(':');
            String sid = colon < 0 ? entry : entry.substring(0, colon);
            if (colon < 0 || !API_KEY_SID.matcher(sid).matches() || colon == entry.length() - 1) {
                throw new IllegalArgumentException("recording-rules.api-keys entry " + (i + 1)
                        + " must be SK followed by 32 hex digits, a colon and a non-empty secret");
            }
            accepted.add(digest(entry));
        }
        this.digests = List.copyOf(accepted);
    }

    /** Whether {@code user:password}, as decoded from the Basic header, is one of the accepted pairs. */
    public boolean accepts(byte[] presented) {
        byte[] candidate = digest(presented);
        boolean match = false;
        for (byte[] accepted : digests) {
            match |= MessageDigest.isEqual(candidate, accepted);
        }
        return match;
    }

    /** How many pairs are accepted: the account's and one per API key. */
    int size() {
        return digests.size();
    }

    private static byte[] digest(String pair) {
        return digest(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] digest(byte[] pair) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(pair);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
