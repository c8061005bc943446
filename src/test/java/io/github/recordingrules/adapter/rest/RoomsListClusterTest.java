package io.github.recordingrules.adapter.rest;

import io.github.recordingrules.support.RedisClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Every rooms-list scenario again, on a 3-master Redis Cluster: the answers are the same. */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class RoomsListClusterTest extends RoomsListTest {
}
