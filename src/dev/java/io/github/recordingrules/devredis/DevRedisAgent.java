package io.github.recordingrules.devredis;

/**
 * Gives {@code ./mvnw quarkus:dev} a Redis on a machine that has only a JDK. The dev goal alone starts
 * the JVM with this agent ({@code jvmArgs} in pom.xml), so the packaged function never contains it.
 * Before Quarkus reads its configuration, it starts a local {@code redis-server} and points
 * {@code quarkus.redis.hosts} at it, unless a Redis is configured already.
 */
public final class DevRedisAgent {

    private DevRedisAgent() {
    }

    public static void premain(String arguments) {
        if (configured(System.getProperty("quarkus.redis.hosts")) || configured(System.getenv("QUARKUS_REDIS_HOSTS"))
                || configured(System.getenv("REDIS_HOSTS"))) {
            return;
        }
        LocalRedis redis = LocalRedis.start();
        Runtime.getRuntime().addShutdownHook(new Thread(redis::close, "dev-redis-stop"));
        System.setProperty("quarkus.redis.hosts", redis.uri());
        System.out.println("Dev mode: started a local Redis at " + redis.uri() + " (set quarkus.redis.hosts to use another)");
    }

    private static boolean configured(String hosts) {
        return hosts != null && !hosts.isBlank();
    }
}
