package io.github.recordingrules.compat;

import io.github.recordingrules.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.github.recordingrules.compat.ExternalCommand.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official npm {@code twilio} library (compat/node, pinned to 6.2.0) against the running function:
 * runs {@code compat/node/compat.js} with node. Without Node.js the check is skipped, and says so, unless
 * {@code REQUIRE_NODE_TESTS=1} (CI), where a missing Node.js is a failure.
 */
@QuarkusTest
class NodeLibraryTest {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);

    @Test
    void theNpmTwilioLibraryWorksAgainstTheFunction() throws Exception {
        Path project = ExternalCommand.nodeProject();
        assertThat(project.resolve("compat.js")).as("the Node compatibility script").exists();

        ExternalCommand.Result result = run(project, RUN_TIMEOUT, Map.of(
                        "BASE_URL", "http://localhost:" + RestAssured.port,
                        "TWILIO_ACCOUNT_SID", Api.ACCOUNT_SID,
                        "TWILIO_AUTH_TOKEN", Api.AUTH_TOKEN),
                "node", "compat.js");

        System.out.println("node compat/node/compat.js:\n" + result.output());
        assertThat(result.exitCode()).as("node compat.js exit code; output:%n%s", result.output()).isZero();
        assertThat(result.output()).as("node output").containsPattern("(?m)^\\d+ passed, 0 failed$");
    }
}
