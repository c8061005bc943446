package io.github.recordingrules.adapter.twilio;

import io.github.recordingrules.support.RedisClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The seed's example again, on a 3-master Redis Cluster. */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class SeedExampleWebhookClusterTest extends SeedExampleWebhookTest {
}
