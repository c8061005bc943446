package io.github.recordingrules.compat;

import io.github.recordingrules.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The official npm {@code twilio} library (compat/node, pinned to 6.2.0) against the running function:
 * runs {@code compat/node/compat.js} with node. Without Node.js the check is skipped, and says so, unless
 * {@code REQUIRE_NODE_TESTS=1} (CI), where a missing Node.js is a failure.
 */
@QuarkusTest
class NodeLibraryTest {

    static final String NOT_FOUND = "Node.js not found: the npm twilio compatibility check did not run";

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);

    @Test
    void theNpmTwilioLibraryWorksAgainstTheFunction() throws Exception {
        requireTool("node");
        requireTool("npm");
        Path project = projectDir().resolve("compat/node");
        assertThat(project.resolve("compat.js")).as("the Node compatibility script").exists();

        if (!Files.isDirectory(project.resolve("node_modules/twilio"))) {
            Result install = run(project, INSTALL_TIMEOUT, Map.of(),
                    "npm", "install", "--no-package-lock", "--no-audit", "--no-fund");
            System.out.println(install.output());
            assertThat(install.exitCode()).as("npm install in %s:%n%s", project, install.output()).isZero();
        }

        Result result = run(project, RUN_TIMEOUT, Map.of(
                        "BASE_URL", "http://localhost:" + RestAssured.port,
                        "TWILIO_ACCOUNT_SID", Api.ACCOUNT_SID,
                        "TWILIO_AUTH_TOKEN", Api.AUTH_TOKEN),
                "node", "compat.js");

        System.out.println("node compat/node/compat.js:\n" + result.output());
        assertThat(result.exitCode()).as("node compat.js exit code; output:%n%s", result.output()).isZero();
        assertThat(result.output()).as("node output").containsPattern("(?m)^\\d+ passed, 0 failed$");
    }

    /** Skips the test when the tool is missing, or fails it when REQUIRE_NODE_TESTS=1. */
    private static void requireTool(String tool) {
        if (available(tool)) {
            return;
        }
        String message = NOT_FOUND + " (`" + tool + " --version` did not run)";
        if ("1".equals(System.getenv("REQUIRE_NODE_TESTS"))) {
            fail(message + "; REQUIRE_NODE_TESTS=1 makes this a failure");
        }
        Assumptions.abort(message);
    }

    private static boolean available(String tool) {
        try {
            return run(Path.of("."), Duration.ofSeconds(30), Map.of(), tool, "--version").exitCode() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Path projectDir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }

    record Result(int exitCode, String output) {
    }

    /** Runs the command with stderr merged into stdout; kills it and fails after the timeout. */
    private static Result run(Path dir, Duration timeout, Map<String, String> env, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(output unreadable: " + e + ")";
            }
        });
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            String partial;
            try {
                partial = output.get(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                partial = "(unreadable)";
            }
            fail(String.join(" ", command) + " did not finish within " + timeout + "; output so far:\n" + partial);
        }
        try {
            return new Result(process.exitValue(), output.get(10, TimeUnit.SECONDS));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return new Result(process.exitValue(), "(output unreadable: " + e + ")");
        }
    }
}
