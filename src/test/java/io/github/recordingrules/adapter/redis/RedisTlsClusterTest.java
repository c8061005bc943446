package io.github.recordingrules.adapter.redis;

import io.github.recordingrules.devredis.LocalRedis;
import io.github.recordingrules.support.RequiresTlsRedis;
import io.github.recordingrules.support.SecuredRedis;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.UUID;

import static io.github.recordingrules.adapter.redis.SecuredRedisChecks.awaitRecovery;
import static io.github.recordingrules.adapter.redis.SecuredRedisChecks.everyKindOfRequestSucceeds;
import static io.github.recordingrules.adapter.redis.SecuredRedisChecks.expectUnavailable;
import static io.github.recordingrules.support.Api.api;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The function against a 3-master Redis Cluster that serves TLS only (clients and the cluster bus) and lets in
 * only an ACL user, as ElastiCache with cluster mode, in-transit encryption and RBAC: the nodes the cluster
 * announces are reached over TLS with the same certificate checks and credentials. A changed password answers
 * 503 with Twilio's body until it is right again.
 */
@QuarkusTest
@TestProfile(SecuredRedis.TlsCluster.class)
@RequiresTlsRedis
class RedisTlsClusterTest {

    @Test
    void everyRequestWorksAcrossTheNodesOverTls() throws IOException {
        everyKindOfRequestSucceeds();
        for (int i = 0; i < 12; i++) {
            api().formParam("UniqueName", "spread-" + UUID.randomUUID()).post("/v1/Rooms").then().statusCode(201);
        }
        for (LocalRedis node : SecuredRedis.cluster().nodes()) {
            assertThat(node.uri()).startsWith("rediss://");
            assertThat(SecuredRedisChecks.connectionsThatRanCommands(node)).as("connections to node %s", node.port())
                    .isNotEmpty().allMatch(client -> client.contains(" user=" + SecuredRedis.ACL_USER + " "));
            assertThat(node.command("DBSIZE")).as("keys on node %s", node.port()).doesNotStartWith(":0\r");
        }
    }

    @Test
    void aChangedUserPasswordAnswers503UntilItIsRightAgain() throws IOException {
        everyKindOfRequestSucceeds();
        for (LocalRedis node : SecuredRedis.cluster().nodes()) {
            assertThat(node.command("ACL SETUSER " + SecuredRedis.ACL_USER + " resetpass >changed-elsewhere")).startsWith("+OK");
            node.command("CLIENT KILL USER " + SecuredRedis.ACL_USER);
        }
        try {
            expectUnavailable("a wrong user password on every node");
        } finally {
            for (LocalRedis node : SecuredRedis.cluster().nodes()) {
                node.command("ACL SETUSER " + SecuredRedis.ACL_USER + " resetpass >" + SecuredRedis.ACL_PASSWORD);
            }
        }
        awaitRecovery("the password is right again");
        everyKindOfRequestSucceeds();
    }
}
