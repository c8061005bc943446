package io.github.recordingrules.adapter.redis;

import io.github.recordingrules.devredis.LocalRedis;
import io.github.recordingrules.support.RequiresTlsRedis;
import io.github.recordingrules.support.SecuredRedis;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static io.github.recordingrules.adapter.redis.SecuredRedisChecks.awaitRecovery;
import static io.github.recordingrules.adapter.redis.SecuredRedisChecks.everyKindOfRequestSucceeds;
import static io.github.recordingrules.adapter.redis.SecuredRedisChecks.expectUnavailable;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The function as an ACL user (ElastiCache RBAC) over TLS: the default user is off, and the function's user may
 * touch only keys under the function's prefix ({@code ~rr:*}) and no dangerous command. The user name is in
 * {@code quarkus.redis.hosts}, its password apart in {@code quarkus.redis.password}. A changed password answers
 * 503 with Twilio's body until it is right again.
 */
@QuarkusTest
@TestProfile(SecuredRedis.TlsAclUser.class)
@RequiresTlsRedis
class RedisTlsAclUserTest {

    @Test
    void everyRequestWorksAsTheAclUserOnItsOwnKeys() throws IOException {
        LocalRedis redis = SecuredRedis.redis();
        redis.command("ACL LOG RESET");
        everyKindOfRequestSucceeds();
        assertThat(SecuredRedisChecks.connectionsThatRanCommands(redis)).as("the application's connections")
                .isNotEmpty().allMatch(client -> client.contains(" user=" + SecuredRedis.ACL_USER + " "));
        assertThat(redis.command("ACL LOG")).as("nothing the function sent was denied").startsWith("*0\r\n");
    }

    @Test
    void aChangedUserPasswordAnswers503UntilItIsRightAgain() throws IOException {
        LocalRedis redis = SecuredRedis.redis();
        everyKindOfRequestSucceeds();
        assertThat(redis.command("ACL SETUSER " + SecuredRedis.ACL_USER + " resetpass >changed-elsewhere")).startsWith("+OK");
        redis.command("CLIENT KILL USER " + SecuredRedis.ACL_USER);
        try {
            expectUnavailable("a wrong user password");
        } finally {
            redis.command("ACL SETUSER " + SecuredRedis.ACL_USER + " resetpass >" + SecuredRedis.ACL_PASSWORD);
        }
        awaitRecovery("the user password is right again");
        everyKindOfRequestSucceeds();
    }
}
