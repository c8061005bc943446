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

    /**
     * How long a deleted recording's metadata stays readable after its deletion, whatever its room's
     * retention (Twilio: 30 days); its media is the media server's to delete.
     */
    @WithDefault("30d")
    Duration deletedRecordingRetention();

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

    Media media();

    interface Webhook {

        /** Where media servers post room status callbacks. */
        @WithDefault("/webhooks/room-events")
        String path();

        /** Checks {@code X-Twilio-Signature}; turn off only behind another authenticating proxy. */
        @WithDefault("true")
        boolean validateSignature();
    }

    interface Media {

        S3 s3();

        /**
         * Where recordings' media is fetched from when the media server reports an S3 location
         * ({@code MediaExternalLocation} or {@code MediaUri} as {@code s3://bucket/key} or an S3 URL), or
         * reports none and {@code bucket} is set (docs/SPEC.md §5.21).
         */
        interface S3 {

            /** The region of the buckets; on Lambda AWS_REGION. */
            @WithDefault("${AWS_REGION:us-east-1}")
            String region();

            /** An S3-compatible endpoint instead of AWS's (for example a local S3 for tests). */
            Optional<java.net.URI> endpoint();

            /** Path-style URLs ({@code endpoint/bucket/key}) instead of virtual-hosted ones. */
            @WithDefault("false")
            boolean pathStyle();

            /** The bucket that holds recordings the media server reports no location for. */
            Optional<String> bucket();

            /**
             * The key of such a recording in {@code bucket}: {@code {room_sid}}, {@code {recording_sid}},
             * {@code {track_sid}}, {@code {participant_sid}} and {@code {container}} are replaced.
             */
            @WithDefault("{room_sid}/{recording_sid}.{container}")
            String keyTemplate();
        }
    }

    interface Redis {

        /** Prefix of every key this function writes. */
        @WithDefault("rr")
        String keyPrefix();
    }
}
