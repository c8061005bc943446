package io.github.recordingrules.adapter.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.github.recordingrules.adapter.http.FormValues;
import io.github.recordingrules.adapter.http.PageJson;
import io.github.recordingrules.application.DeadLetter;
import io.github.recordingrules.application.Deliveries;
import io.github.recordingrules.application.OutboundMessage;
import io.github.recordingrules.application.OutboundMessage.StatusCallback;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /v1/DeadLetters}: the messages that could not be delivered within the retry period
 * (docs/SPEC.md §11.1.4), most recent rooms first, with Basic auth like every {@code /v1/} path. Not a Twilio
 * resource.
 */
@Path("/v1/DeadLetters")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLettersResource {

    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DeadLettersJson(List<DeadLetterJson> deadLetters) {
    }

    /**
     * @param event   the status callback's event, or {@code recording-tracks} for a push
     * @param message the message as committed: a callback's URL, method and parameters, or the push
     */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DeadLetterJson(String roomSid, String destination, long sequence, String id, String event,
                                 Instant dateCommitted, Instant dateDeadLettered, int attempts, String reason,
                                 OutboundMessage message) {

        static DeadLetterJson of(DeadLetter letter) {
            OutboundMessage message = letter.pending().message();
            return new DeadLetterJson(letter.roomSid(), message.destination().key(), letter.pending().sequence(),
                    message.id(), message instanceof StatusCallback callback ? callback.event() : "recording-tracks",
                    micros(letter.pending().committed()), micros(letter.deadLettered()), letter.attempts(),
                    letter.reason(), message);
        }

        private static Instant micros(long micros) {
            return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
        }
    }

    private final Deliveries deliveries;

    DeadLettersResource(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    @GET
    public DeadLettersJson list(@RestQuery("PageSize") String pageSize) {
        int size = FormValues.wholeNumber("PageSize", pageSize, 1, PageJson.MAX_PAGE_SIZE, PageJson.DEFAULT_PAGE_SIZE);
        return new DeadLettersJson(deliveries.deadLetters(size).stream()
                .map(DeadLetterJson::of).toList());
    }
}
