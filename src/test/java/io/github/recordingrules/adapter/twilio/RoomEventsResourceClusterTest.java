package io.github.recordingrules.adapter.twilio;

import io.github.recordingrules.support.RedisClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Every room-events scenario again, on a 3-master Redis Cluster. */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class RoomEventsResourceClusterTest extends RoomEventsResourceTest {
}
