package io.github.recordingrules.compat;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.fail;

/** Runs the other languages' helper libraries (compat/*) as separate processes. */
public final class ExternalCommand {

    public record Result(int exitCode, String output) {
    }

    private ExternalCommand() {
    }

    public static Path projectDir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }

    /**
     * Skips the calling test with the message when a prerequisite is missing, or fails it when the
     * environment variable {@code requireVariable} is 1 (CI, where the check must run).
     */
    public static void skipOrFail(String message, String requireVariable) {
        if ("1".equals(System.getenv(requireVariable))) {
            fail(message + "; " + requireVariable + "=1 makes this a failure");
        }
        Assumptions.abort(message);
    }

    public static final String NODE_NOT_FOUND = "Node.js not found: the npm twilio compatibility check did not run";

    /**
     * compat/node with the npm {@code twilio} library installed. Skips the calling test when Node.js or npm is
     * missing, or fails it when {@code REQUIRE_NODE_TESTS=1} (CI).
     */
    public static Path nodeProject() throws IOException, InterruptedException {
        for (String tool : List.of("node", "npm")) {
            if (!succeeds(tool, "--version")) {
                skipOrFail(NODE_NOT_FOUND + " (`" + tool + " --version` did not run)", "REQUIRE_NODE_TESTS");
            }
        }
        Path project = projectDir().resolve("compat/node");
        if (!java.nio.file.Files.isDirectory(project.resolve("node_modules/twilio"))) {
            Result install = run(project, Duration.ofMinutes(5), Map.of(),
                    "npm", "install", "--no-package-lock", "--no-audit", "--no-fund");
            System.out.println(install.output());
            if (install.exitCode() != 0) {
                fail("npm install in " + project + ":\n" + install.output());
            }
        }
        return project;
    }

    /** Whether the command runs and exits 0 (a missing executable is false). */
    public static boolean succeeds(String... command) {
        try {
            return run(Path.of("."), Duration.ofSeconds(30), Map.of(), command).exitCode() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs the command with stderr merged into stdout; kills it and fails after the timeout. */
    public static Result run(Path dir, Duration timeout, Map<String, String> env, String... command)
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
            } catch (ExecutionException | TimeoutException e) {
                partial = "(unreadable)";
            }
            fail(String.join(" ", command) + " did not finish within " + timeout + "; output so far:\n" + partial);
        }
        try {
            return new Result(process.exitValue(), output.get(10, TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException e) {
            return new Result(process.exitValue(), "(output unreadable: " + e + ")");
        }
    }
}
