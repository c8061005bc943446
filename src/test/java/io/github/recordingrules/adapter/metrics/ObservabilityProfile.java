package io.github.recordingrules.adapter.metrics;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.nio.file.Path;
import java.util.Map;

/**
 * The function as on Lambda, as far as what it writes goes: metric records on, and log lines in the JSON
 * format the console uses there, also written to a file this test reads (the same formatter with the same
 * settings: both are the defaults of quarkus-logging-json).
 */
public class ObservabilityProfile implements QuarkusTestProfile {

    static final Path JSON_LOG = Path.of("target", "observability", "json-log-" + ProcessHandle.current().pid() + ".log");

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "recording-rules.metrics.enabled", "true",
                "recording-rules.metrics.function", "recording-rules-test-api",
                "quarkus.log.console.json.enabled", "true",
                "quarkus.log.file.enabled", "true",
                "quarkus.log.file.path", JSON_LOG.toAbsolutePath().toString(),
                "quarkus.log.file.json.enabled", "true");
    }
}
