package io.github.recordingrules.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for LiveKit's Egress service, which cannot run here (no Go modules, no container engine):
 * a Twirp endpoint for {@code livekit.Egress} on loopback. Every call is checked by LiveKit's own npm
 * packages ({@link LiveKitNode}): the Bearer token with {@code TokenVerifier} (signature with the API
 * secret, issuer, expiry) and its {@code video.roomRecord} grant, and the JSON body decoded strictly as
 * the RPC's request message of @livekit/protocol ({@code TrackEgressRequest}, {@code StopEgressRequest},
 * {@code ListEgressRequest}). A call that fails the check is answered with a Twirp error and kept in
 * {@link #violations()}. It keeps the egresses it started, answers {@code EgressInfo} as LiveKit's
 * protocol writes it, and fails on demand. It records no media.
 */
public final class EgressStandIn implements AutoCloseable {

    /** How a call planned to fail fails. */
    public enum Failure {
        /** 503 {@code unavailable} before doing anything. */
        REFUSE,
        /** Does what was asked, then answers 500 {@code internal}, so the caller cannot know it was done. */
        ACT_THEN_FAIL
    }

    /** One egress started: the request's room, track, file path and S3 upload, and its state. */
    public record Egress(String egressId, String roomName, String trackId, String filepath, JsonNode s3, String status) {

        Egress withStatus(String next) {
            return new Egress(egressId, roomName, trackId, filepath, s3, next);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, Egress> egresses = new LinkedHashMap<>();
    private final List<String> calls = new ArrayList<>();
    private final List<String> stopped = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final Map<String, Deque<Failure>> planned = new LinkedHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    public EgressStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/twirp/livekit.Egress/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Forgets every egress, call and plan. */
    public synchronized void reset() {
        egresses.clear();
        calls.clear();
        stopped.clear();
        violations.clear();
        planned.clear();
    }

    /** The next {@code times} calls of {@code rpc} fail so. */
    public synchronized void fail(String rpc, int times, Failure how) {
        Deque<Failure> plan = planned.computeIfAbsent(rpc, r -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            plan.add(how);
        }
    }

    /** Every egress started, in order. */
    public synchronized List<Egress> started() {
        return List.copyOf(egresses.values());
    }

    /** The egress ids of the StopEgress calls that stopped one, in order. */
    public synchronized List<String> stopped() {
        return List.copyOf(stopped);
    }

    /** The RPC names of every call received, in order, failed ones too. */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    /** Calls that LiveKit's definitions refused, with the reason. */
    public synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    public synchronized Optional<Egress> egress(String egressId) {
        return Optional.ofNullable(egresses.get(egressId));
    }

    /**
     * The EgressInfo of an egress that ended ({@code EGRESS_COMPLETE} with one file, or
     * {@code EGRESS_FAILED} with an error), as the {@code egressInfo} of an {@code egress_ended} webhook.
     */
    public synchronized ObjectNode ended(String egressId, String liveKitRoomId, String status, String location, long size,
                                         long durationNanos) {
        Egress egress = egresses.get(egressId);
        egresses.put(egressId, egress.withStatus(status));
        ObjectNode info = info(egresses.get(egressId)).put("roomId", liveKitRoomId);
        if (status.equals("EGRESS_COMPLETE")) {
            info.putArray("fileResults").addObject().put("filename", egress.filepath() + ".ogg")
                    .put("location", location).put("size", Long.toString(size)).put("duration", Long.toString(durationNanos));
        } else {
            info.put("error", "the stand-in failed it on purpose");
        }
        return (ObjectNode) LiveKitNode.get().egressInfo(info);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String rpc = exchange.getRequestURI().getPath().substring("/twirp/livekit.Egress/".length());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        JsonNode verdict = LiveKitNode.get().checkEgressCall(rpc, authorization, body);
        int status;
        ObjectNode answer;
        synchronized (this) {
            calls.add(rpc);
            if (!verdict.path("ok").asBoolean()) {
                violations.add(rpc + ": " + verdict.path("error").asText() + " in " + body);
                status = twirpStatus(verdict.path("code").asText());
                answer = twirpError(verdict.path("code").asText(), verdict.path("error").asText());
            } else {
                Failure failure = Optional.ofNullable(planned.get(rpc)).map(Deque::poll).orElse(null);
                if (failure == Failure.REFUSE) {
                    status = 503;
                    answer = twirpError("unavailable", "the stand-in refuses this call on purpose");
                } else {
                    JsonNode request = verdict.get("request");
                    status = 200;
                    answer = switch (rpc) {
                        case "StartTrackEgress" -> start(request);
                        case "StopEgress" -> stop(request.path("egressId").asText());
                        default -> list(request);
                    };
                    if (answer.has("code")) {
                        status = twirpStatus(answer.get("code").asText());
                    } else if (failure == Failure.ACT_THEN_FAIL) {
                        status = 500;
                        answer = twirpError("internal", "the stand-in did it but answers an error on purpose");
                    }
                }
            }
        }
        if (status == 200) {
            answer = rpc.equals("ListEgress") ? answer : (ObjectNode) LiveKitNode.get().egressInfo(answer);
        }
        byte[] bytes = answer.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private ObjectNode start(JsonNode request) {
        String egressId = "EG_standin" + ids.incrementAndGet();
        Egress egress = new Egress(egressId, request.path("roomName").asText(), request.path("trackId").asText(),
                request.path("file").path("filepath").asText(), request.path("file").path("s3"), "EGRESS_STARTING");
        egresses.put(egressId, egress);
        return info(egress);
    }

    private ObjectNode stop(String egressId) {
        Egress egress = egresses.get(egressId);
        if (egress == null) {
            return twirpError("not_found", "egress does not exist");
        }
        if (!egress.status().equals("EGRESS_STARTING") && !egress.status().equals("EGRESS_ACTIVE")) {
            return twirpError("failed_precondition", "egress is not active");
        }
        Egress ending = egress.withStatus("EGRESS_ENDING");
        egresses.put(egressId, ending);
        stopped.add(egressId);
        return info(ending);
    }

    private ObjectNode list(JsonNode request) {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode items = answer.putArray("items");
        for (Egress egress : egresses.values()) {
            boolean active = egress.status().equals("EGRESS_STARTING") || egress.status().equals("EGRESS_ACTIVE");
            if ((!request.has("roomName") || request.get("roomName").asText().equals(egress.roomName()))
                    && (!request.has("egressId") || request.get("egressId").asText().equals(egress.egressId()))
                    && (!request.path("active").asBoolean() || active)) {
                items.add(LiveKitNode.get().egressInfo(info(egress)));
            }
        }
        return answer;
    }

    private static ObjectNode info(Egress egress) {
        ObjectNode info = JSON.createObjectNode().put("egressId", egress.egressId()).put("roomName", egress.roomName())
                .put("status", egress.status()).put("sourceType", "EGRESS_SOURCE_TYPE_SDK");
        info.putObject("track").put("roomName", egress.roomName()).put("trackId", egress.trackId())
                .putObject("file").put("filepath", egress.filepath());
        return info;
    }

    private static ObjectNode twirpError(String code, String message) {
        return JSON.createObjectNode().put("code", code).put("msg", message);
    }

    private static int twirpStatus(String code) {
        return switch (code) {
            case "invalid_argument", "malformed", "out_of_range" -> 400;
            case "unauthenticated" -> 401;
            case "permission_denied" -> 403;
            case "not_found", "bad_route" -> 404;
            case "failed_precondition" -> 412;
            case "unavailable" -> 503;
            default -> 500;
        };
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
