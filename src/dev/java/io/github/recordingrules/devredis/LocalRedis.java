package io.github.recordingrules.devredis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A real {@code redis-server} on loopback for dev mode ({@link DevRedisAgent}) and tests; never part of
 * the packaged function (src/dev/java is compiled only into the tests and the dev-mode agent).
 * <p>
 * It runs the machine's {@code redis-server} when one works, else the binary that the
 * {@code com.github.codemonstur:embedded-redis} artifact ships (on the dev and test class path only),
 * so a machine with nothing but a JDK can run everything.
 * <p>
 * A {@link #secured secured} server may serve TLS only and lock its default user (requirepass, ACL
 * users); {@link #command} then still works, as an admin user of its own.
 */
public final class LocalRedis implements AutoCloseable {

    private static final String[] EMBEDDED_BINARIES = {
            "redis-server-6.2.6-v5-linux-amd64", "redis-server-6.2.7-linux-arm64",
            "redis-server-6.2.6-v5-darwin-amd64", "redis-server-6.2.6-v5-darwin-arm64"};

    private static Path binary;
    private static Boolean tlsSupport;

    /** The user {@link #command} authenticates as on a {@link #secured} server. */
    private static final String ADMIN_USER = "local-redis-admin";

    private final int port;
    private final List<String> settings;
    private final Path directory;
    private Tls tls;
    private final String adminPassword;
    private Process process;

    private LocalRedis(int port, List<String> settings, Path directory, Tls tls, String adminPassword) {
        this.port = port;
        this.settings = settings;
        this.directory = directory;
        this.tls = tls;
        this.adminPassword = adminPassword;
    }

    /**
     * The PEM files of a TLS server: the CA it checks client certificates against (other cluster nodes' and
     * replicas'), its certificate and its private key.
     */
    public record Tls(Path caCertificate, Path certificate, Path key) {
    }

    /** Starts a server on a free port; each setting is a {@code redis.conf} line such as {@code "cluster-enabled yes"}. */
    public static LocalRedis start(String... settings) {
        return start(null, null, settings);
    }

    /**
     * Starts a server that serves TLS only when {@code tls} is given (plain TCP when null) and whose
     * settings may lock the default user ({@code "requirepass …"}, {@code "user default off"}, {@code "user app on
     * >secret ~* +@all"}): {@link #command} authenticates as an admin user of its own. TLS needs a
     * redis-server built with it ({@link #supportsTls()}); the embedded 6.2 binary is not.
     */
    public static LocalRedis secured(Tls tls, String... settings) {
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        return start(tls, HexFormat.of().formatHex(secret), settings);
    }

    private static LocalRedis start(Tls tls, String adminPassword, String... settings) {
        try {
            LocalRedis redis = new LocalRedis(freePort(), List.of(settings), Files.createTempDirectory("local-redis"),
                    tls, adminPassword);
            redis.restart();
            return redis;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a local redis-server", e);
        }
    }

    /**
     * Whether the redis-server in use ({@link #binary()}) was built with TLS: asked to serve TLS without a
     * certificate, such a build refuses to start, naming the missing {@code tls-cert-file}.
     */
    public static synchronized boolean supportsTls() {
        if (tlsSupport == null) {
            tlsSupport = probeTls();
        }
        return tlsSupport;
    }

    private static boolean probeTls() {
        try {
            Process probe = new ProcessBuilder(executable().toString(), "--port", "0", "--tls-port",
                    Integer.toString(freePort()), "--bind", "127.0.0.1", "--save", "")
                    .redirectErrorStream(true).start();
            if (!probe.waitFor(10, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                return false;
            }
            return new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).contains("tls-cert-file");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The redis-server binary in use: the machine's, or the embedded one. */
    public static Path binary() throws IOException {
        return executable();
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>}, or {@code rediss://…} when it serves TLS. */
    public String uri() {
        return (tls == null ? "redis" : "rediss") + "://127.0.0.1:" + port;
    }

    /** Starts the server again on the same port, after {@link #kill()}. */
    public void restart() throws IOException {
        List<String> command = new ArrayList<>(List.of(executable().toString(), configFile().toString(),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--dir", directory.toString(), "--protected-mode", "no"));
        if (tls == null) {
            command.addAll(List.of("--port", Integer.toString(port)));
        } else {
            command.addAll(List.of("--port", "0", "--tls-port", Integer.toString(port),
                    "--tls-cert-file", tls.certificate().toString(), "--tls-key-file", tls.key().toString(),
                    "--tls-ca-cert-file", tls.caCertificate().toString(), "--tls-auth-clients", "no"));
        }
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("redis-" + port + ".log").toFile())
                .start();
        awaitPong();
    }

    /** The settings as a redis.conf, so that a setting may have several arguments ({@code user app on >secret ~* +@all}). */
    private Path configFile() throws IOException {
        List<String> lines = new ArrayList<>(settings);
        if (adminPassword != null) {
            lines.add("user " + ADMIN_USER + " on >" + adminPassword + " ~* &* +@all");
        }
        Path file = directory.resolve("local-redis.conf");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    /** Kills the server and starts it again on the same port, now showing the certificate of {@code newTls}. */
    public void restart(Tls newTls) throws IOException, InterruptedException {
        if (tls == null || newTls == null) {
            throw new IllegalStateException("only a TLS server changes its certificate");
        }
        kill();
        tls = newTls;
        restart();
    }

    /** Kills the server at once (SIGKILL), as a crash would. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Freezes the server (SIGSTOP): connections stay open and commands get no answer, as with a hung host. */
    public void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** Lets a {@link #pause() paused} server run again (SIGCONT); it answers what it was sent meanwhile. */
    public void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        if (process == null || !process.isAlive()) {
            throw new IOException("redis-server is not running");
        }
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).redirectErrorStream(true).start();
        kill.getInputStream().readAllBytes();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    @Override
    public void close() {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends one inline command and returns the raw reply. */
    public String command(String inline) throws IOException {
        try (Socket socket = connect()) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            if (adminPassword != null) {
                out.write(("AUTH " + ADMIN_USER + " " + adminPassword + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                String reply = readLine(in);
                if (!reply.equals("+OK")) {
                    throw new IOException("AUTH as " + ADMIN_USER + " answered " + reply);
                }
            }
            out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            byte[] buffer = new byte[65536];
            int read = in.read(buffer);
            return read <= 0 ? "" : new String(buffer, 0, read, StandardCharsets.UTF_8);
        }
    }

    private Socket connect() throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        if (tls == null) {
            return plain;
        }
        // The harness trusts whatever certificate the server shows (tests swap it on purpose): it is the
        // function's verification of the server that the tests are about, not this one's.
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{TRUST_ANY}, null);
            javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) context.getSocketFactory()
                    .createSocket(plain, "127.0.0.1", port, true);
            socket.setSoTimeout(5000);
            socket.startHandshake();
            return socket;
        } catch (java.security.GeneralSecurityException e) {
            plain.close();
            throw new IOException("cannot set up TLS to the local redis-server", e);
        } catch (IOException e) {
            plain.close();
            throw e;
        }
    }

    private static final X509TrustManager TRUST_ANY = new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private void awaitPong() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited with " + process.exitValue() + "; see "
                        + directory.resolve("redis-" + port + ".log"));
            }
            try {
                if (command("PING").startsWith("+PONG")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for redis-server", e);
            }
        }
        throw new IOException("redis-server did not answer PING on port " + port);
    }

    private static synchronized Path executable() throws IOException {
        if (binary == null) {
            binary = systemBinary();
            if (binary == null) {
                binary = embeddedBinary();
            }
        }
        return binary;
    }

    /** The machine's redis-server, or its REDIS_SERVER override, if it runs. */
    private static Path systemBinary() {
        String configured = System.getenv("REDIS_SERVER");
        List<Path> candidates = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "redis-server"));
            }
        }
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate) && runs(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static Path embeddedBinary() throws IOException {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("mac") ? "darwin" : "linux";
        String arch = System.getProperty("os.arch").matches("aarch64|arm64") ? "arm64" : "amd64";
        for (String name : EMBEDDED_BINARIES) {
            if (!name.endsWith(os + "-" + arch)) {
                continue;
            }
            try (InputStream in = LocalRedis.class.getClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    continue;
                }
                Path file = Files.createTempFile("redis-server-", "");
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                file.toFile().setExecutable(true);
                file.toFile().deleteOnExit();
                if (runs(file)) {
                    return file;
                }
            }
        }
        throw new IOException("no working redis-server: install one (apt-get install redis-server), set REDIS_SERVER,"
                + " or keep com.github.codemonstur:embedded-redis on the class path");
    }

    private static boolean runs(Path candidate) {
        try {
            Process version = new ProcessBuilder(candidate.toString(), "--version").redirectErrorStream(true).start();
            version.getInputStream().readAllBytes();
            return version.waitFor(10, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
