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

    MetricsSettings metrics();

    StatusCallback statusCallback();

    MediaServer mediaServer();

    Outbound outbound();

    Media media();

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

        /**
         * How long after a write is sent Redis may still apply it; a write Redis would apply later
         * (stalled by a failover or {@code CLIENT PAUSE}) is dropped, so a 503 means nothing was written
         * (docs/SPEC.md §9.3). Keep it below {@code quarkus.redis.timeout}: the difference is the margin for
         * the clocks of the function and Redis to differ and for the reply to come back. It is also the window
         * within which a write that commits outbound messages must follow its due index entry (§11.1.5).
         */
        @WithDefault("750ms")
        Duration writeDeadline();

        /** How far apart the clocks of two Redis nodes may be (Cluster); widens the due index's grace period. */
        @WithDefault("5s")
        Duration maxClockSkew();

        /**
         * How many rooms an instance remembers as it last read or wrote them, so that its next change of such a
         * room is written at once, checked by the write (one round trip), instead of read first (docs/SPEC.md
         * §8.2). A room remembered stale costs the read it would have cost anyway. 0 turns it off.
         */
        @WithDefault("1000")
        int recalledRooms();
    }

    /** Twilio's room status callbacks, sent to each room's {@code StatusCallback} (docs/SPEC.md §11.1.1). */
    interface StatusCallback {

        /** Sends them; off, a room's {@code StatusCallback} is stored and shown but never called. */
        @WithDefault("true")
        boolean enabled();

        /** When an application is sent {@code recording-completed}. */
        @WithDefault("at-stop")
        RecordingCompletedAt recordingCompleted();
    }

    enum RecordingCompletedAt {
        /** When the recording stops (its track leaves the set, the room ends), without media details. */
        AT_STOP,
        /** When the media server reports {@code recording-completed}, with the media details it reports. */
        AT_MEDIA_REPORT
    }

    /** Signed pushes of the recording tracks to the media server (docs/SPEC.md §11.1.2). */
    interface MediaServer {

        /** Where every change of a room's recording tracks is pushed; none: nothing is pushed. */
        Optional<String> url();

        /** The HMAC-SHA256 key of the pushes' signature; required with {@code url}. Never logged. */
        Optional<String> secret();
    }

    /** Delivery of status callbacks and pushes (docs/SPEC.md §11.1.4). */
    interface Outbound {

        /** The first attempt right after a change, in all for one request: a slow receiver never holds the caller longer. */
        @WithDefault("2s")
        Duration firstAttemptTimeout();

        /** One later attempt, from the sweep. */
        @WithDefault("5s")
        Duration attemptTimeout();

        @WithDefault("1s")
        Duration connectTimeout();

        /** How much of a receiver's answer is read; the rest is discarded. */
        @WithDefault("16K")
        MemorySize maxAnswerSize();

        /** Private, loopback or link-local networks that may be called anyway, as CIDRs ({@code 10.0.0.0/8,127.0.0.1/32}). */
        Optional<List<String>> allowedPrivateNetworks();

        /** How long a room's delivery is held by one instance without news from it. */
        @WithDefault("60s")
        Duration lease();

        Retry retry();

        Sweep sweep();

        interface Retry {

            @WithDefault("15s")
            Duration initialBackoff();

            @WithDefault("15m")
            Duration maxBackoff();

            /** How long a message is retried after it was committed; then it is dead-lettered. */
            @WithDefault("6h")
            Duration period();
        }

        /** The scheduled sweep (serverless.yml), which delivers what is due. */
        interface Sweep {

            /** Its time budget: keep it below the function's timeout. */
            @WithDefault("7s")
            Duration timeLimit();

            @WithDefault("500")
            int maxRooms();

            /** Rooms delivered at once. */
            @WithDefault("8")
            int parallelism();
        }
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
