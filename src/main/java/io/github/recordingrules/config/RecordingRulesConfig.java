package io.github.recordingrules.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Everything the function reads from configuration, under {@code recording-rules.*}. */
@ConfigMapping(prefix = "recording-rules")
public interface RecordingRulesConfig {

    /** The account SID callers authenticate as ({@code TWILIO_ACCOUNT_SID}); also shown as {@code account_sid}. */
    String accountSid();

    /** The auth token: the Basic-auth password and the key of webhook signatures ({@code TWILIO_AUTH_TOKEN}). */
    String authToken();

    /**
     * API keys also accepted for HTTP Basic, each as {@code SK…:secret} (the key's SID, a colon, its
     * secret); several are separated by commas ({@code TWILIO_API_KEYS="SK…:secret,SK…:secret"}). A
     * comma inside a secret is written {@code \,}. Checked at startup: every SID is {@code SK} and
     * 32 hex digits, every secret non-empty.
     */
    Optional<List<String>> apiKeys();

    /**
     * The largest request body accepted ({@code 64K}, {@code 1M}, or bytes); a larger one answers 413 with Twilio's error body.
     * Twenty rules naming SIDs fit in a few KiB; the Rules field alone may hold 16 KiB.
     */
    @WithDefault("64K")
    MemorySize maxBodySize();

    /** How long an ended room and its recordings stay readable before Redis expires them. */
    @WithDefault("24h")
    Duration retention();

    /** A room that never ends (no room-ended callback) expires this long after it was created. */
    @WithDefault("48h")
    Duration maxRoomLifetime();

    /** How often one change is retried when other invocations keep writing the same room first. */
    @WithDefault("64")
    int maxUpdateAttempts();

    /**
     * The function's public base URL (for example {@code https://rules.example.com}), for resource
     * URLs and for checking webhook signatures when the URL cannot be rebuilt from the request.
     */
    Optional<String> publicBaseUrl();

    Webhook webhook();

    Redis redis();

    interface Webhook {

        /** Where media servers post room status callbacks. */
        @WithDefault("/webhooks/room-events")
        String path();

        /** Checks {@code X-Twilio-Signature}; turn off only behind another authenticating proxy. */
        @WithDefault("true")
        boolean validateSignature();
    }

    interface Redis {

        /** Prefix of every key this function writes. */
        @WithDefault("rr")
        String keyPrefix();

        /**
         * How long after a request began Redis may still apply its write; a write Redis would apply later
         * (stalled by a failover or {@code CLIENT PAUSE}) is dropped, so a 503 means nothing was written
         * (docs/SPEC.md §9.3). Keep it below {@code quarkus.redis.timeout}: the difference is the margin for
         * the clocks of the function and Redis to differ and for the reply to come back.
         */
        @WithDefault("750ms")
        Duration writeDeadline();
    }
}
