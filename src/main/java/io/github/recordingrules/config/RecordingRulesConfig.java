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

    /** Driving LiveKit directly: its webhooks in, per-track Egress out (docs/LIVEKIT.md). */
    LiveKit livekit();

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
    }

    interface LiveKit {

        /**
         * The API key LiveKit signs webhooks with ({@code LIVEKIT_API_KEY}, the {@code iss} of their
         * token), which also signs the Egress calls. Without it and its secret every LiveKit webhook is refused.
         */
        Optional<String> apiKey();

        /** The key's secret ({@code LIVEKIT_API_SECRET}). */
        Optional<String> apiSecret();

        /** The LiveKit server's URL, e.g. {@code https://livekit.example.com}; without it no Egress is started. */
        Optional<String> url();

        /**
         * Keys the derivation of Twilio-shaped SIDs from LiveKit's ids. Every instance must have the same;
         * changing it changes the SIDs of rooms in progress.
         */
        @WithDefault("recording-rules")
        String sidSalt();

        Egress egress();

        interface Egress {

            /**
             * Where each track recording goes: LiveKit's track-egress template ({@code {room_name}},
             * {@code {publisher_identity}}, {@code {track_id}}, {@code {track_source}}, {@code {time}}, ...)
             * with {@code {recording_sid}}, which must be in it, and {@code {room_sid}} filled in by the function.
             */
            @WithDefault("{room_name}/{publisher_identity}/{track_source}-{track_id}-{recording_sid}")
            String filepath();

            /** Upload to this S3 bucket; without it Egress stores files as its own configuration says. */
            Optional<String> s3Bucket();

            /** Prepended to the file path in the bucket, e.g. {@code recordings/}. */
            Optional<String> s3Prefix();

            Optional<String> s3Region();

            /** An S3-compatible endpoint other than AWS's. */
            Optional<String> s3Endpoint();

            /** Credentials given to Egress for the upload; without them Egress uses its own. */
            Optional<String> s3AccessKey();

            Optional<String> s3Secret();

            @WithDefault("false")
            boolean s3ForcePathStyle();

            /** The longest wait for one Egress API call. */
            @WithDefault("5s")
            Duration timeout();
        }
    }
}
