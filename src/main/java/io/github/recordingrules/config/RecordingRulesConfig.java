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
     * The largest request body accepted ({@code 128K}, {@code 1M}, or bytes); a larger one answers 413 with
     * Twilio's error body. The default holds the largest valid request an official helper library sends:
     * a room created with the longest values, about 116 000 bytes from the Java or Node library (each
     * character of the 20 rules' names, the unique name and the callback URL, taking three bytes in UTF-8,
     * is sent percent-encoded as nine; with Python's escaped rules, about 106 000).
     */
    @WithDefault("128K")
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

    MetricsSettings metrics();

    interface Webhook {

        /** Where media servers post room status callbacks. */
        @WithDefault("/webhooks/room-events")
        String path();

        /** Checks {@code X-Twilio-Signature}; turn off only behind another authenticating proxy. */
        @WithDefault("true")
        boolean validateSignature();
    }

    /** CloudWatch metrics, written to the log in Embedded Metric Format (docs/DEPLOYING.md). */
    interface MetricsSettings {

        /** Writes a metric record per request; off in dev mode and tests, where nothing reads them. */
        @WithDefault("true")
        boolean enabled();

        /** The CloudWatch namespace of every metric. */
        @WithDefault("RecordingRules")
        String namespace();

        /** The {@code Function} dimension of every metric: on Lambda, the function's name. */
        @WithDefault("${AWS_LAMBDA_FUNCTION_NAME:recording-rules}")
        String function();
    }

    interface Redis {

        /** Prefix of every key this function writes. */
        @WithDefault("rr")
        String keyPrefix();

        /**
         * How many replicas must confirm each write of a room ({@code WAIT}) before the request is answered;
         * 0 (the default, right for a single node) answers as soon as the primary has it. With a replica
         * promoted by a failover, a write the primary acknowledged but had not replicated is lost.
         */
        @WithDefault("0")
        int waitForReplicas();

        /**
         * How long a write waits for those replicas; not confirmed by then, the request answers 503 (the
         * sender's retry recomputes the change). Keep it below {@code quarkus.redis.timeout}.
         */
        @WithDefault("500ms")
        Duration waitTimeout();
    }
}
