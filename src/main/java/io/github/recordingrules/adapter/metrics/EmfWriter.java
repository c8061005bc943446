package io.github.recordingrules.adapter.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.recordingrules.config.RecordingRulesConfig;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes CloudWatch Embedded Metric Format records: one JSON object per line on standard output, which
 * Lambda sends to CloudWatch Logs and CloudWatch Logs turns into metrics (no agent, no API call). Not through
 * the logger: its JSON format would wrap each record in a log line's {@code message}, where CloudWatch does
 * not look for it. Every metric and dimension is named here and in docs/DEPLOYING.md.
 */
@Singleton
class EmfWriter {

    static final String REQUESTS = "Requests";
    static final String WEBHOOKS = "Webhooks";
    static final String CLIENT_ERRORS = "ClientErrors";
    static final String SERVER_ERRORS = "ServerErrors";
    static final String UNAVAILABLE = "Unavailable";
    static final String COMPARE_AND_SET_RETRIES = "CompareAndSetRetries";
    static final String RECALL_HITS = "RecallHits";
    static final String RECALL_MISSES = "RecallMisses";
    static final String REDIS_ROUND_TRIPS = "RedisRoundTrips";
    static final String REDIS_LATENCY = "RedisLatency";
    static final String REQUEST_LATENCY = "RequestLatency";
    static final String RECORDINGS_STARTED = "RecordingsStarted";
    static final String RECORDINGS_STOPPED = "RecordingsStopped";
    static final String DELIVERIES_PENDING = "DeliveriesPending";
    static final String DELIVERIES_RETRIED = "DeliveriesRetried";
    static final String DELIVERIES_DEAD_LETTERED = "DeliveriesDeadLettered";

    static final String FUNCTION = "Function";
    static final String ROUTE = "Route";
    static final String OUTCOME = "Outcome";
    static final String ERROR_CODE = "ErrorCode";
    static final String CAUSE = "Cause";

    private static final Logger LOG = Logger.getLogger(EmfWriter.class);

    private final ObjectMapper json;
    private final RecordingRulesConfig.MetricsSettings settings;

    EmfWriter(ObjectMapper json, RecordingRulesConfig config) {
        this.json = json;
        this.settings = config.metrics();
    }

    /** The record of one answered request. */
    void writeRequest(RequestRecord record, String outcome, int status, String errorCode, double latencyMillis) {
        if (!settings.enabled()) {
            return;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(ROUTE, record.route());
        values.put(OUTCOME, outcome);
        List<Map<String, Object>> directives = new ArrayList<>();

        List<Map<String, String>> byOutcome = new ArrayList<>();
        put(values, byOutcome, REQUESTS, "Count", 1);
        if ("webhook".equals(record.route())) {
            put(values, byOutcome, WEBHOOKS, "Count", 1);
        }
        put(values, byOutcome, REQUEST_LATENCY, "Milliseconds", latencyMillis);
        put(values, byOutcome, REDIS_ROUND_TRIPS, "Count", record.redisLatencyMillis().size());
        if (!record.redisLatencyMillis().isEmpty()) {
            // One value per round trip: CloudWatch keeps each, for percentiles.
            put(values, byOutcome, REDIS_LATENCY, "Milliseconds", record.redisLatencyMillis());
        }
        put(values, byOutcome, COMPARE_AND_SET_RETRIES, "Count", record.compareAndSetRetries());
        put(values, byOutcome, RECALL_HITS, "Count", record.recallHits());
        put(values, byOutcome, RECALL_MISSES, "Count", record.recallMisses());
        put(values, byOutcome, RECORDINGS_STARTED, "Count", record.recordingsStarted());
        put(values, byOutcome, RECORDINGS_STOPPED, "Count", record.recordingsStopped());
        directives.add(directive(List.of(List.of(FUNCTION), List.of(FUNCTION, ROUTE, OUTCOME)), byOutcome));

        if (status == 503) {
            values.put(CAUSE, record.unavailableCause() == null ? "unknown" : record.unavailableCause());
            List<Map<String, String>> unavailable = new ArrayList<>();
            put(values, unavailable, UNAVAILABLE, "Count", 1);
            directives.add(directive(List.of(List.of(FUNCTION), List.of(FUNCTION, CAUSE)), unavailable));
        } else if (status >= 400) {
            values.put(ERROR_CODE, errorCode);
            List<Map<String, String>> errors = new ArrayList<>();
            put(values, errors, status >= 500 ? SERVER_ERRORS : CLIENT_ERRORS, "Count", 1);
            directives.add(directive(List.of(List.of(FUNCTION), List.of(FUNCTION, ERROR_CODE)), errors));
        }
        values.put("status", status);
        if (record.requestId() != null) {
            values.put("requestId", record.requestId());
        }
        if (record.roomSid() != null) {
            values.put("roomSid", record.roomSid());
        }
        if (record.event() != null) {
            values.put("event", record.event());
        }
        write(directives, values);
    }

    /** A record of its own, by {@code Function} only: what background work reports. */
    void writeAlone(Map<String, Object> metrics) {
        if (!settings.enabled()) {
            return;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        List<Map<String, String>> definitions = new ArrayList<>();
        metrics.forEach((name, value) -> put(values, definitions, name, "Count", value));
        write(List.of(directive(List.of(List.of(FUNCTION)), definitions)), values);
    }

    private void write(List<Map<String, Object>> directives, Map<String, Object> values) {
        Map<String, Object> aws = new LinkedHashMap<>();
        aws.put("Timestamp", System.currentTimeMillis());
        aws.put("CloudWatchMetrics", directives);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("_aws", aws);
        record.put(FUNCTION, settings.function());
        record.putAll(values);
        try {
            // One println, one line: whole records, never interleaved with a log line.
            System.out.println(json.writeValueAsString(record));
        } catch (JsonProcessingException e) {
            LOG.warnf("cannot write a metric record: %s", e.getMessage());
        }
    }

    private Map<String, Object> directive(List<List<String>> dimensions, List<Map<String, String>> metrics) {
        Map<String, Object> directive = new LinkedHashMap<>();
        directive.put("Namespace", settings.namespace());
        directive.put("Dimensions", dimensions);
        directive.put("Metrics", metrics);
        return directive;
    }

    private static void put(Map<String, Object> values, List<Map<String, String>> definitions, String name, String unit,
                            Object value) {
        values.put(name, value);
        definitions.add(Map.of("Name", name, "Unit", unit));
    }
}
