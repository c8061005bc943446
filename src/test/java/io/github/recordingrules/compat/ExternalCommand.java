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
final class ExternalCommand {

    record Result(int exitCode, String output) {
    }

    private ExternalCommand() {
    }

    static Path projectDir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }

    /**
     * Skips the calling test with the message when a prerequisite is missing, or fails it when the
     * environment variable {@code requireVariable} is 1 (CI, where the check must run).
     */
    static void skipOrFail(String message, String requireVariable) {
        if ("1".equals(System.getenv(requireVariable))) {
            fail(message + "; " + requireVariable + "=1 makes this a failure");
        }
        Assumptions.abort(message);
    }

    /** Whether the command runs and exits 0 (a missing executable is false). */
    static boolean succeeds(String... command) {
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
    static Result run(Path dir, Duration timeout, Map<String, String> env, String... command)
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
