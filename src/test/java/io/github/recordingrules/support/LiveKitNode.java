package io.github.recordingrules.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * LiveKit's official npm packages (livekit-server-sdk and @livekit/protocol), run by node as one
 * process for the whole test run: compat/livekit/livekit.mjs signs webhooks as a LiveKit server does and
 * checks Egress calls against LiveKit's protocol definitions. Without Node.js the calling test is skipped,
 * or fails when {@code REQUIRE_NODE_TESTS=1} (CI).
 */
public final class LiveKitNode {

    public static final String API_KEY = "APItestkey";
    public static final String API_SECRET = "test-livekit-secret-of-at-least-32-chars";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LiveKitNode running;

    private final Process process;
    private final Writer requests;
    private final BufferedReader answers;

    private LiveKitNode(Process process) {
        this.process = process;
        this.requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** The running helper, started (after {@code npm install}) on first use. */
    public static synchronized LiveKitNode get() {
        if (running == null) {
            running = start();
        }
        return running;
    }

    /** The webhook LiveKit would send for this event: {@code body} and {@code authorization}. */
    public JsonNode webhook(ObjectNode event) {
        return webhook(event, API_SECRET, null, true);
    }

    /** The same, signed with another secret or valid for another time ({@code "10 minutes ago"}), unchecked. */
    public JsonNode webhook(ObjectNode event, String secret, String ttl, boolean check) {
        ObjectNode request = JSON.createObjectNode().put("op", "webhook").put("apiKey", API_KEY).put("apiSecret", secret)
                .put("check", check);
        request.set("event", event);
        if (ttl != null) {
            request.put("ttl", ttl);
        }
        return ask(request);
    }

    /** LiveKit's verdict on one Egress call: {@code ok}, else {@code code} and {@code error}. */
    public JsonNode checkEgressCall(String rpc, String authorization, String body) {
        return ask(JSON.createObjectNode().put("op", "egress").put("rpc", rpc).put("authorization", authorization)
                .put("body", body).put("apiKey", API_KEY).put("apiSecret", API_SECRET));
    }

    /** The EgressInfo as protojson, checked against LiveKit's definition. */
    public JsonNode egressInfo(ObjectNode info) {
        ObjectNode request = JSON.createObjectNode().put("op", "egressInfo");
        request.set("info", info);
        return ask(request).get("info");
    }

    private synchronized JsonNode ask(ObjectNode request) {
        try {
            requests.write(request.toString() + "\n");
            requests.flush();
            String line = answers.readLine();
            if (line == null) {
                fail("compat/livekit/livekit.mjs exited (" + process.waitFor(5, TimeUnit.SECONDS) + ")");
            }
            JsonNode answer = JSON.readTree(line);
            if (answer.has("failure")) {
                fail("compat/livekit/livekit.mjs failed on " + request + ":\n" + answer.get("failure").asText());
            }
            return answer;
        } catch (IOException e) {
            throw new IllegalStateException("talking to compat/livekit/livekit.mjs", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static LiveKitNode start() {
        Path project = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath()
                .resolve("compat/livekit");
        if (!runs(project, "node", "--version") || !runs(project, "npm", "--version")) {
            String message = "Node.js not found: the LiveKit SDK checks did not run";
            if ("1".equals(System.getenv("REQUIRE_NODE_TESTS"))) {
                fail(message + "; REQUIRE_NODE_TESTS=1 makes this a failure");
            }
            Assumptions.abort(message);
        }
        if (!Files.isDirectory(project.resolve("node_modules/livekit-server-sdk"))
                && !runs(project, "npm", "install", "--no-package-lock", "--no-audit", "--no-fund")) {
            fail("npm install in " + project + " failed");
        }
        try {
            Process process = new ProcessBuilder("node", "livekit.mjs").directory(project.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            return new LiveKitNode(process);
        } catch (IOException e) {
            throw new IllegalStateException("starting node compat/livekit/livekit.mjs", e);
        }
    }

    private static boolean runs(Path dir, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
