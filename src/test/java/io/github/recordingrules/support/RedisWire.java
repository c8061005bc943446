package io.github.recordingrules.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Redis spoken on a socket of its own, beside the function's client: for tests and benchmarks that look at
 * Redis as Redis sees it ({@code MONITOR}, {@code INFO}, {@code SCRIPT LOAD}). The one raw client of tests
 * and benchmarks.
 */
public final class RedisWire implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RedisWire(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    public static RedisWire connect(int port) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(30_000);
            return new RedisWire(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to redis on port " + port, e);
        }
    }

    /** One command; the reply as a String, Long, List of replies, or null. An error reply throws. */
    public Object call(String... args) {
        try {
            send(args);
            return reply();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One command whose reply is text (simple or bulk string, or an integer as text). */
    public String text(String... args) {
        Object reply = call(args);
        return reply == null ? null : reply.toString();
    }

    /**
     * The commands (upper case) clients sent while the action ran, in order, leaving out those Lua scripts
     * ran inside Redis ({@code MONITOR} marks them {@code [0 lua]}): the round trips the action cost.
     */
    public static List<String> roundTripsDuring(int port, Runnable action) {
        return roundTripsDuring(port, action, 1);
    }

    /**
     * The round trips during {@code action}, each as its command name followed by its first
     * {@code words - 1} arguments (for {@code EVALSHA}, which script it ran).
     */
    public static List<String> roundTripsDuring(int port, Runnable action, int words) {
        String marker = "end-" + UUID.randomUUID();
        List<String> commands = new ArrayList<>();
        try (RedisWire monitor = connect(port); RedisWire other = connect(port)) {
            if (!"OK".equals(monitor.call("MONITOR"))) {
                throw new IllegalStateException("MONITOR refused");
            }
            action.run();
            other.call("ECHO", marker);
            for (String line = monitor.line(); !line.contains(marker); line = monitor.line()) {
                int start = line.indexOf("] \"") + 3;
                if (!line.contains(" lua]")) {
                    List<String> quoted = new ArrayList<>();
                    for (int at = start - 1; quoted.size() < words && at >= 0 && at < line.length(); ) {
                        int end = line.indexOf('"', at + 1);
                        quoted.add(line.substring(at + 1, end));
                        at = line.indexOf('"', end + 1);
                    }
                    quoted.set(0, quoted.get(0).toUpperCase());
                    commands.add(String.join(" ", quoted));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return commands;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closed either way
        }
    }

    private void send(String... args) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(("*" + args.length + "\r\n").getBytes(StandardCharsets.UTF_8));
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            request.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            request.write(bytes);
            request.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.write(request.toByteArray());
        out.flush();
    }

    private Object reply() throws IOException {
        String header = line();
        String rest = header.substring(1);
        return switch (header.charAt(0)) {
            case '+' -> rest;
            case ':' -> Long.parseLong(rest);
            case '-' -> throw new IllegalStateException("redis answered " + rest);
            case '$' -> {
                int length = Integer.parseInt(rest);
                if (length < 0) {
                    yield null;
                }
                String value = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                line();
                yield value;
            }
            case '*' -> {
                int count = Integer.parseInt(rest);
                if (count < 0) {
                    yield null;
                }
                List<Object> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    items.add(reply());
                }
                yield items;
            }
            default -> throw new IOException("not a RESP reply: " + header);
        };
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c == -1) {
                throw new IOException("redis closed the connection");
            }
            if (c != '\r') {
                line.write(c);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
