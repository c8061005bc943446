package io.github.recordingrules.devredis;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;
import java.util.Map;

/**
 * In dev mode only, and only when {@code quarkus.redis.hosts} is not set, starts a local Redis and
 * points the client at it, so that {@code ./mvnw quarkus:dev} works on a machine with only a JDK.
 * In any other profile, or in the packaged function, it adds nothing.
 */
public class DevRedisConfigSourceFactory implements ConfigSourceFactory {

    /** Set once per JVM: dev mode builds its configuration more than once (and again on every reload). */
    private static final String STARTED = "io.github.recordingrules.devredis.uri";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!context.getProfiles().contains("dev") || configured(context.getValue("quarkus.redis.hosts"))) {
            return List.of();
        }
        return List.of(new PropertiesConfigSource(Map.of("quarkus.redis.hosts", startOnce()), "dev-redis", 275));
    }

    private static synchronized String startOnce() {
        String uri = System.getProperty(STARTED);
        if (uri == null) {
            LocalRedis redis = LocalRedis.start();
            Runtime.getRuntime().addShutdownHook(new Thread(redis::close, "dev-redis-stop"));
            uri = redis.uri();
            System.setProperty(STARTED, uri);
            System.out.println("Dev mode: started a local Redis at " + uri + " (set quarkus.redis.hosts to use another)");
        }
        return uri;
    }

    private static boolean configured(ConfigValue hosts) {
        return hosts != null && hosts.getValue() != null && !hosts.getValue().isBlank();
    }
}
