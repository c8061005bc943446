package io.github.recordingrules.adapter.schedule;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.github.recordingrules.adapter.http.TwilioError;
import io.github.recordingrules.application.Deliveries;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Delivers what is due, when the schedule says so (docs/SPEC.md §11.1.4). Only the schedule's own event gets
 * here: it names {@link #SCHEDULE} as its API id, which no request through API Gateway can carry (API Gateway
 * always sets the id of the real API, ten lower-case letters and digits). Anything else on this path answers
 * 404, as an unknown path does. Even if reached, a sweep only delivers what is due anyway and answers counts.
 */
@Path(SweepResource.PATH)
public class SweepResource {

    public static final String PATH = "/internal/outbound/sweep";
    /** The {@code requestContext.apiId} of the schedule's event (src/main/schedule/sweep-event.json). */
    public static final String SCHEDULE = "recording-rules-schedule";

    /** What a sweep did. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SweepJson(int rooms, int delivered, int retried, int deadLettered, int forgotten) {
    }

    private final Deliveries deliveries;

    SweepResource(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response sweep(@Context HttpServerRequest request) {
        if (!fromTheSchedule(request)) {
            return TwilioError.of(404, TwilioError.NOT_FOUND, "The requested resource was not found").toResponse();
        }
        Deliveries.SweepReport report = deliveries.sweep();
        return Response.ok(new SweepJson(report.rooms(), report.delivered(), report.retried(), report.deadLettered(),
                report.forgotten())).build();
    }

    private static boolean fromTheSchedule(HttpServerRequest request) {
        if (!(request.headers() instanceof QuarkusHttpHeaders headers)) {
            return false;
        }
        Object context = headers.getContextObjects().get(APIGatewayV2HTTPEvent.RequestContext.class);
        return context instanceof APIGatewayV2HTTPEvent.RequestContext lambda && SCHEDULE.equals(lambda.getApiId());
    }
}
