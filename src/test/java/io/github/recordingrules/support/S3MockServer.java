package io.github.recordingrules.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real S3-compatible server for the media tests: Adobe's S3Mock (target/s3mock/s3mock.jar, copied by the
 * build from Maven Central), run as a process of its own on a free port, with one bucket, {@link #BUCKET}.
 * S3Mock checks no signature and no expiry, so the function is pointed at an {@link S3SignatureGate} in
 * front of it, which does what S3 does with a presigned URL. The test credentials are set as the aws.*
 * system properties, which the function's credentials chain reads after the environment.
 */
public class S3MockServer implements QuarkusTestResourceLifecycleManager {

    public static final String BUCKET = "recordings";
    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY = "AKIATESTMEDIA0000001";
    public static final String SECRET_KEY = "test-media-secret-key";

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private static int s3Port;
    private static S3SignatureGate gate;
    private Process process;
    private Path root;

    @Override
    public synchronized Map<String, String> start() {
        try {
            Path jar = Path.of(System.getProperty("user.dir")).resolve("target/s3mock/s3mock.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: the build copies it in generate-test-resources");
            }
            root = Files.createTempDirectory("s3mock");
            s3Port = freePort();
            String java = ProcessHandle.current().info().command().orElse("java");
            process = new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                    "--com.adobe.testing.s3mock.httpPort=" + s3Port, "--server.port=0",
                    "--server.address=127.0.0.1",
                    "--com.adobe.testing.s3mock.store.root=" + root,
                    "--com.adobe.testing.s3mock.store.initialBuckets=" + BUCKET,
                    "--spring.main.banner-mode=off", "--logging.level.root=WARN"))
                    .redirectErrorStream(true)
                    .redirectOutput(root.resolve("s3mock.log").toFile())
                    .start();
            awaitReady();
            gate = S3SignatureGate.start(URI.create("http://127.0.0.1:" + s3Port), REGION, ACCESS_KEY, SECRET_KEY);
            System.setProperty("aws.accessKeyId", ACCESS_KEY);
            System.setProperty("aws.secretAccessKey", SECRET_KEY);
            return Map.of("recording-rules.media.s3.endpoint", gate.uri().toString(),
                    "recording-rules.media.s3.path-style", "true",
                    "recording-rules.media.s3.region", REGION,
                    "recording-rules.media.s3.bucket", BUCKET);
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void stop() {
        if (gate != null) {
            gate.close();
            gate = null;
        }
        if (process != null) {
            process.destroy();
            process = null;
        }
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    /** Stores an object directly in S3Mock, as a media server would have. */
    public static void upload(String key, byte[] content) throws IOException, InterruptedException {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + s3Port + "/" + BUCKET + "/" + key))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("S3Mock refused the upload of " + key + ": " + answer.statusCode() + " " + answer.body());
        }
    }

    /** The gate the function's presigned URLs point at. */
    public static S3SignatureGate gate() {
        return gate;
    }

    private void awaitReady() throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("S3Mock stopped: " + Files.readString(root.resolve("s3mock.log")));
            }
            try {
                HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s3Port
                        + "/" + BUCKET)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        throw new IOException("S3Mock did not start within " + START_TIMEOUT);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
