package io.github.recordingrules.adapter.twilio;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Every webhook test again, against the packaged function (the native binary under {@code -Dnative}). */
@QuarkusIntegrationTest
class RoomEventsResourceIT extends RoomEventsResourceTest {
}
