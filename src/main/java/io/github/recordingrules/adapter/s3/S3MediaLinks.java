package io.github.recordingrules.adapter.s3;

import io.github.recordingrules.application.MediaLinks;
import io.github.recordingrules.config.RecordingRulesConfig;
import io.github.recordingrules.domain.room.Recording;
import io.github.recordingrules.domain.room.RecordingMedia;
import io.github.recordingrules.domain.room.RecordingStatus;
import io.github.recordingrules.domain.rules.TrackKind;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recordings' media in S3 (docs/SPEC.md §5.21): a presigned GET, made locally by the AWS SDK's presigner
 * with the credentials of the Lambda's role (the AWS_* variables Lambda sets; the {@code aws.*} system
 * properties elsewhere). Presigning calls nothing, so no HTTP client is packaged.
 * <p>
 * The object is the one the media server reported ({@code MediaExternalLocation}, else {@code MediaUri}) as
 * {@code s3://bucket/key} or an S3 URL, virtual-hosted or path-style, or on the configured S3-compatible
 * endpoint; for a completed recording without either, the configured bucket and key template.
 */
@ApplicationScoped
public class S3MediaLinks implements MediaLinks {

    /** {@code bucket.s3.amazonaws.com}, {@code bucket.s3.eu-west-1.amazonaws.com}, {@code bucket.s3-eu-west-1…}. */
    private static final Pattern VIRTUAL_HOSTED = Pattern.compile("^(.+)\\.s3[.-]([a-z0-9-]+\\.)?amazonaws\\.com$");
    /** {@code s3.amazonaws.com/bucket/key}, {@code s3.eu-west-1.amazonaws.com/bucket/key}. */
    private static final Pattern PATH_STYLE = Pattern.compile("^s3[.-]([a-z0-9-]+\\.)?amazonaws\\.com$");

    private final RecordingRulesConfig.Media.S3 config;
    private volatile S3Presigner presigner;

    S3MediaLinks(RecordingRulesConfig config) {
        this.config = config.media().s3();
    }

    @Override
    public Optional<URI> link(String roomSid, Recording recording, Duration ttl, String contentDisposition) {
        RecordingMedia media = recording.media() == null ? RecordingMedia.NONE : recording.media();
        Optional<S3Object> object = parse(media.mediaExternalLocation()).or(() -> parse(media.mediaUri()));
        if (object.isEmpty() && media.mediaExternalLocation() == null && media.mediaUri() == null
                && recording.status() == RecordingStatus.COMPLETED) {
            object = config.bucket().map(bucket -> new S3Object(bucket, key(roomSid, recording)));
        }
        return object.map(found -> presign(found, ttl, contentDisposition));
    }

    /** An object's bucket and key. */
    record S3Object(String bucket, String key) {
    }

    /** The S3 object a reported location names, if it names one. */
    Optional<S3Object> parse(String location) {
        if (location == null) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(location);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (scheme.equals("s3")) {
            return object(uri.getAuthority(), path.startsWith("/") ? path.substring(1) : path);
        }
        if (!scheme.equals("https") && !(scheme.equals("http") && onEndpoint(uri))) {
            return Optional.empty();
        }
        Matcher virtual = VIRTUAL_HOSTED.matcher(host);
        if (virtual.matches() && !PATH_STYLE.matcher(host).matches()) {
            return object(virtual.group(1), path.startsWith("/") ? path.substring(1) : path);
        }
        if (PATH_STYLE.matcher(host).matches() || onEndpoint(uri)) {
            String rest = path.startsWith("/") ? path.substring(1) : path;
            int slash = rest.indexOf('/');
            return slash < 0 ? Optional.empty() : object(rest.substring(0, slash), rest.substring(slash + 1));
        }
        return Optional.empty();
    }

    private boolean onEndpoint(URI uri) {
        return config.endpoint().map(endpoint -> endpoint.getScheme().equalsIgnoreCase(uri.getScheme())
                && endpoint.getHost().equalsIgnoreCase(uri.getHost()) && endpoint.getPort() == uri.getPort())
                .orElse(false);
    }

    private static Optional<S3Object> object(String bucket, String key) {
        return bucket == null || bucket.isEmpty() || key.isEmpty() ? Optional.empty()
                : Optional.of(new S3Object(bucket, key));
    }

    private String key(String roomSid, Recording recording) {
        String container = recording.kind() == TrackKind.AUDIO ? "mka" : "mkv";
        if (recording.media() != null && recording.media().container() != null) {
            container = recording.media().container();
        }
        return config.keyTemplate()
                .replace("{room_sid}", roomSid)
                .replace("{recording_sid}", recording.sid())
                .replace("{track_sid}", recording.trackSid())
                .replace("{participant_sid}", recording.participantSid())
                .replace("{container}", container);
    }

    private URI presign(S3Object object, Duration ttl, String contentDisposition) {
        try {
            return presigner().presignGetObject(request -> request.signatureDuration(ttl)
                            .getObjectRequest(get -> get.bucket(object.bucket()).key(object.key())
                                    .responseContentDisposition(contentDisposition)))
                    .url().toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the SDK made an invalid URL", e);
        }
    }

    /** Made on first use, at run time: a native image must not hold one built at build time. */
    private S3Presigner presigner() {
        S3Presigner made = presigner;
        if (made == null) {
            synchronized (this) {
                made = presigner;
                if (made == null) {
                    S3Presigner.Builder builder = S3Presigner.builder()
                            .region(Region.of(config.region()))
                            .credentialsProvider(AwsCredentialsProviderChain.of(
                                    EnvironmentVariableCredentialsProvider.create(),
                                    SystemPropertyCredentialsProvider.create()))
                            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(config.pathStyle()).build());
                    config.endpoint().ifPresent(builder::endpointOverride);
                    made = builder.build();
                    presigner = made;
                }
            }
        }
        return made;
    }

    @PreDestroy
    void close() {
        if (presigner != null) {
            presigner.close();
        }
    }
}
