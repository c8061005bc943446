package io.github.recordingrules.support;

import io.github.recordingrules.devredis.LocalRedis;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test that runs against a redis-server serving TLS, which needs a redis-server built with TLS
 * (Debian's redis-server 7: {@code apt-get install redis-server}). Without one the test is skipped and says
 * why, unless {@code REQUIRE_TLS_REDIS=1} (CI), where that is a failure. Checked before the application
 * and its test resources start.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresTlsRedis.Condition.class)
public @interface RequiresTlsRedis {

    class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (LocalRedis.supportsTls()) {
                return ConditionEvaluationResult.enabled("the redis-server in use serves TLS");
            }
            String binary;
            try {
                binary = LocalRedis.binary().toString();
            } catch (IOException e) {
                binary = "none found";
            }
            String message = "TLS tests need a redis-server built with TLS (apt-get install redis-server);"
                    + " the one in use (" + binary + ") is not";
            if ("1".equals(System.getenv("REQUIRE_TLS_REDIS"))) {
                throw new IllegalStateException(message + "; REQUIRE_TLS_REDIS=1 makes this a failure");
            }
            return ConditionEvaluationResult.disabled(message);
        }
    }
}
