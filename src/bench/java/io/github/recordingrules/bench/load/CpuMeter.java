package io.github.recordingrules.bench.load;

import io.github.recordingrules.support.RedisWire;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** CPU time (user + system, from /proc) of the function processes, redis-server and this driver. */
final class CpuMeter {

    private final FunctionInstances functions;
    private final long redisPid;

    CpuMeter(FunctionInstances functions, int redisPort) {
        this.functions = functions;
        try (RedisWire wire = RedisWire.connect(redisPort)) {
            Matcher pid = Pattern.compile("process_id:(\\d+)").matcher(wire.text("INFO", "server"));
            this.redisPid = pid.find() ? Long.parseLong(pid.group(1)) : -1;
        }
    }

    /** Milliseconds of CPU used so far. */
    record Sample(double function, double redis, double driver) {
        Sample minus(Sample earlier) {
            return new Sample(function - earlier.function, redis - earlier.redis, driver - earlier.driver);
        }

        Sample plus(Sample other) {
            return new Sample(function + other.function, redis + other.redis, driver + other.driver);
        }
    }

    Sample sample() throws IOException {
        return new Sample(functions.cpuMillis(), redisPid > 0 ? FunctionInstances.cpuMillis(redisPid) : 0,
                FunctionInstances.cpuMillis(ProcessHandle.current().pid()));
    }
}
