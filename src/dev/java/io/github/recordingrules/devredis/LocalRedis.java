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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} on loopback for dev mode ({@link DevRedisAgent}) and tests; never part of
 * the packaged function (src/dev/java is compiled only into the tests and the dev-mode agent).
 * <p>
 * It runs the machine's {@code redis-server} when one works, else the binary that the
 * {@code com.github.codemonstur:embedded-redis} artifact ships (on the dev and test class path only),
 * so a machine with nothing but a JDK can run everything.
 */
public final class LocalRedis implements AutoCloseable {

    private static final String[] EMBEDDED_BINARIES = {
            "redis-server-6.2.6-v5-linux-amd64", "redis-server-6.2.7-linux-arm64",
            "redis-server-6.2.6-v5-darwin-amd64", "redis-server-6.2.6-v5-darwin-arm64"};

    private static Path binary;

    private final int port;
    private final List<String> settings;
    private final Path directory;
    private Process process;

    private LocalRedis(int port, List<String> settings, Path directory) {
        this.port = port;
        this.settings = settings;
        this.directory = directory;
    }

    /** Starts a server on a free port; each setting is a {@code redis.conf} line such as {@code "cluster-enabled yes"}. */
    public static LocalRedis start(String... settings) {
        try {
            LocalRedis redis = new LocalRedis(freePort(), List.of(settings), Files.createTempDirectory("local-redis"));
            redis.restart();
            return redis;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a local redis-server", e);
        }
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts the server again on the same port, after {@link #kill()}. */
    public void restart() throws IOException {
        List<String> command = new ArrayList<>(List.of(executable().toString(),
                "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--dir", directory.toString(), "--protected-mode", "no"));
        for (String setting : settings) {
            String[] parts = setting.split(" ", 2);
            command.add("--" + parts[0]);
            command.add(parts.length > 1 ? parts[1] : "");
        }
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("redis-" + port + ".log").toFile())
                .start();
        awaitPong();
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
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[65536];
            int read = in.read(buffer);
            return read <= 0 ? "" : new String(buffer, 0, read, StandardCharsets.UTF_8);
        }
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
