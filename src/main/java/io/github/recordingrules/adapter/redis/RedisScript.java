package io.github.recordingrules.adapter.redis;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script run by its SHA1 (one round trip), sent in full only when Redis does not have it
 * cached: after a restart, a failover, or on a cluster node that has not seen it yet.
 */
final class RedisScript {

    private final String source;
    private final String sha1;

    RedisScript(String source) {
        this.source = source;
        this.sha1 = sha1Hex(source);
    }

    Response run(TimedConnection redis, List<String> keys, String... args) {
        try {
            return redis.execute(Command.EVALSHA, arguments(sha1, keys, args));
        } catch (RuntimeException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("NOSCRIPT")) {
                throw e;
            }
            return redis.execute(Command.EVAL, arguments(source, keys, args));
        }
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
