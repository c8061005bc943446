package io.github.recordingrules.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static io.github.recordingrules.compat.ExternalCommand.projectDir;
import static io.github.recordingrules.compat.ExternalCommand.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code serverless.yml} packages without an AWS account: {@code osls package} (the open-source Serverless
 * Framework v3 line, from npm into target/osls, no lock file) with every SSM-backed parameter given on the
 * command line, and the CloudFormation template it writes holds the alarms docs/DEPLOYING.md describes, on
 * the metrics the function writes. Without Node.js it is skipped, and says so, unless {@code REQUIRE_NODE_TESTS=1}.
 * Run by failsafe after {@code package}: osls packages target/function.zip, which must exist.
 */
class ServerlessPackageIT {

    private static final String FUNCTION = "recording-rules-ci-api";
    private static final String TOPIC = "arn:aws:sns:eu-west-1:000000000000:recording-rules-ci-alarms";

    @Test
    void serverlessYmlPackagesAndItsTemplateHoldsTheAlarms() throws Exception {
        if (!ExternalCommand.succeeds("npm", "--version") || !ExternalCommand.succeeds("node", "--version")) {
            ExternalCommand.skipOrFail(ExternalCommand.NODE_NOT_FOUND.replace("the npm twilio compatibility check",
                    "the serverless.yml packaging check"), "REQUIRE_NODE_TESTS");
        }
        Path project = projectDir();
        Path osls = project.resolve("target/osls");
        Path cli = osls.resolve("node_modules/osls/bin/serverless.js");
        if (!Files.exists(cli)) {
            Files.createDirectories(osls);
            ExternalCommand.Result install = run(osls, Duration.ofMinutes(5), Map.of(),
                    "npm", "install", "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--prefix", osls.toString(), "osls");
            assertThat(install.exitCode()).as("npm install osls:%n%s", install.output()).isZero();
        }
        Path output = project.resolve("target/serverless");
        Map<String, String> env = new HashMap<>();
        // No AWS account: nothing may need one.
        env.put("AWS_ACCESS_KEY_ID", "");
        env.put("AWS_SECRET_ACCESS_KEY", "");
        env.put("SLS_TELEMETRY_DISABLED", "1");
        ExternalCommand.Result packaged = run(project, Duration.ofMinutes(3), env, "node", cli.toString(), "package",
                "--stage", "ci", "--package", output.toString(),
                "--param=redisHosts=rediss://master.rules.abc123.euw1.cache.amazonaws.com:6379",
                "--param=redisPassword=placeholder-auth-token", "--param=twilioAccountSid=ACci", "--param=twilioAuthToken=ci",
                "--param=securityGroupId=sg-0123", "--param=subnetIdA=subnet-a", "--param=subnetIdB=subnet-b",
                "--param=alarmTopicArn=" + TOPIC, "--param=redisWaitForReplicas=1", "--param=mediaServerSecret=placeholder");
        System.out.println("osls package:\n" + packaged.output());
        assertThat(packaged.exitCode()).as("osls package:%n%s", packaged.output()).isZero();

        JsonNode template = new ObjectMapper().readTree(output.resolve("cloudformation-template-update-stack.json").toFile());
        JsonNode resources = template.path("Resources");
        assertAlarm(resources, "ServerErrorsAlarm", "RecordingRules", "ServerErrors", "Function");
        assertAlarm(resources, "SustainedUnavailableAlarm", "RecordingRules", "Unavailable", "Function");
        assertAlarm(resources, "DeadLetteredDeliveriesAlarm", "RecordingRules", "DeliveriesDeadLettered", "Function");
        assertAlarm(resources, "LambdaErrorsAlarm", "AWS/Lambda", "Errors", "FunctionName");
        assertAlarm(resources, "LambdaThrottlesAlarm", "AWS/Lambda", "Throttles", "FunctionName");
        assertThat(resources.path("SustainedUnavailableAlarm").path("Properties").path("EvaluationPeriods").asInt()).isEqualTo(3);

        JsonNode environment = resources.path("ApiLambdaFunction").path("Properties").path("Environment").path("Variables");
        assertThat(environment.path("QUARKUS_REDIS_HOSTS").asText()).startsWith("rediss://");
        assertThat(environment.path("QUARKUS_REDIS_PASSWORD").asText()).isEqualTo("placeholder-auth-token");
        assertThat(environment.path("RECORDING_RULES_REDIS_WAIT_FOR_REPLICAS").asText()).isEqualTo("1");
        assertThat(resources.path("ApiLambdaFunction").path("Properties").path("FunctionName").asText()).isEqualTo(FUNCTION);
    }

    private static void assertAlarm(JsonNode resources, String name, String namespace, String metric, String dimension) {
        JsonNode alarm = resources.path(name);
        assertThat(alarm.path("Type").asText()).as(name).isEqualTo("AWS::CloudWatch::Alarm");
        JsonNode properties = alarm.path("Properties");
        assertThat(properties.path("Namespace").asText()).as("%s namespace", name).isEqualTo(namespace);
        assertThat(properties.path("MetricName").asText()).as("%s metric", name).isEqualTo(metric);
        assertThat(properties.path("Dimensions").get(0).path("Name").asText()).isEqualTo(dimension);
        assertThat(properties.path("Dimensions").get(0).path("Value").asText()).isEqualTo(FUNCTION);
        assertThat(properties.path("AlarmActions").toString()).as("%s notifies the topic", name).contains(TOPIC);
    }
}
