package io.github.recordingrules.adapter.redis;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script of {@code src/main/resources/redis/}, run by its SHA1 (one round trip), sent in full only
 * when Redis does not have it cached: after a restart, a failover, or on a cluster node that has not seen
 * it yet. Public so that benchmarks run exactly what the store runs.
 */
public final class RedisScript {

    private final String name;
    private final String source;
    private final String sha1;

    private RedisScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha1 = sha1Hex(source);
    }

    /**
     * The script {@code redis/<name>.lua} on the class path, after the scripts named as its preludes (shared
     * functions), in that order.
     */
    public static RedisScript load(String name, String... preludes) {
        StringBuilder source = new StringBuilder();
        for (String prelude : preludes) {
            source.append(read(prelude));
        }
        return new RedisScript(name, source.append(read(name)).toString());
    }

    private static String read(String name) {
        String resource = "redis/" + name + ".lua";
        try (InputStream in = RedisScript.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no " + resource + " on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    public String name() {
        return name;
    }

    public String source() {
        return source;
    }

    public String sha1() {
        return sha1;
    }

    Uni<Response> run(TimedConnection redis, List<String> keys, String... args) {
        return redis.execute(Command.EVALSHA, arguments(sha1, keys, args))
                .onFailure(failure -> failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT"))
                .recoverWithUni(() -> redis.execute(Command.EVAL, arguments(source, keys, args)));
    }

    private static String[] arguments(String script, List<String> keys, String... args) {
        List<String> all = new ArrayList<>(2 + keys.size() + args.length);
        all.add(script);
        all.add(Integer.toString(keys.size()));
        all.addAll(keys);
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    private static String sha1Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
