package io.github.recordingrules.adapter.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.github.recordingrules.adapter.webhook.WebhookAnswer;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The JSON bodies Jackson writes by reflection that a native image would not find on its own: Quarkus
 * registers the declared return types of resource methods, but not entities handed over in a
 * {@code Response} (a created room, every error, the webhook answer) nor types reached only through a
 * record component such as {@code List<RecordingResource>} or a nested record. Registered here so that
 * {@code ./mvnw verify -Dnative} serialises exactly what the JVM does; the stored room state is
 * registered in {@code adapter/redis/RoomCodec}.
 */
@RegisterForReflection(targets = {
        RoomResource.class,
        RecordingResource.class,
        RecordingRulesResource.class,
        RecordingsApi.RecordingPage.class,
        TwilioError.class,
        WebhookAnswer.class,
        WebhookAnswer.RecordingTrack.class,
        PropertyNamingStrategies.SnakeCaseStrategy.class})
final class RestReflection {

    private RestReflection() {
    }
}
