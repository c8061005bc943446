package io.github.recordingrules.adapter.rest;

import io.github.recordingrules.support.RedisClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Every RecordingRules scenario again, on a 3-master Redis Cluster. */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class RecordingRulesResourceClusterTest extends RecordingRulesResourceTest {
}
