package io.github.recordingrules.compat;

import io.github.recordingrules.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.github.recordingrules.compat.ExternalCommand.projectDir;
import static io.github.recordingrules.compat.ExternalCommand.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official Python {@code twilio} library (Debian's python3-twilio, 7.7.1) against the running
 * function: runs {@code compat/python/compat.py}. Without {@code /usr/bin/python3} or its {@code twilio}
 * module the check is skipped, and says so, unless {@code REQUIRE_PYTHON_TESTS=1} (CI), where either
 * missing is a failure.
 */
@QuarkusTest
class PythonLibraryTest {

    /** Debian's package installs for the system interpreter, not for a pyenv or venv python3 first on PATH. */
    static final String PYTHON = "/usr/bin/python3";
    static final String NOT_FOUND = "Python twilio library not found: the Python twilio compatibility check did not run";

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);

    @Test
    void thePythonTwilioLibraryWorksAgainstTheFunction() throws Exception {
        requirePythonTwilio();
        Path project = projectDir().resolve("compat/python");
        assertThat(project.resolve("compat.py")).as("the Python compatibility script").exists();

        ExternalCommand.Result result = run(project, RUN_TIMEOUT, Map.of(
                        "BASE_URL", "http://localhost:" + RestAssured.port,
                        "TWILIO_ACCOUNT_SID", Api.ACCOUNT_SID,
                        "TWILIO_AUTH_TOKEN", Api.AUTH_TOKEN),
                PYTHON, "compat.py");

        System.out.println(PYTHON + " compat/python/compat.py:\n" + result.output());
        assertThat(result.exitCode()).as("compat.py exit code; output:%n%s", result.output()).isZero();
        assertThat(result.output()).as("compat.py output")
                .containsPattern("(?m)^\\d+ passed, 0 failed$");
    }

    /** Skips the test when /usr/bin/python3 or its twilio module is missing, or fails it when REQUIRE_PYTHON_TESTS=1. */
    private static void requirePythonTwilio() {
        if (!ExternalCommand.succeeds(PYTHON, "--version")) {
            ExternalCommand.skipOrFail(NOT_FOUND + " (`" + PYTHON + " --version` did not run)", "REQUIRE_PYTHON_TESTS");
        } else if (!ExternalCommand.succeeds(PYTHON, "-c", "import twilio")) {
            ExternalCommand.skipOrFail(NOT_FOUND + " (" + PYTHON + " cannot import twilio: install python3-twilio)",
                    "REQUIRE_PYTHON_TESTS");
        }
    }
}
