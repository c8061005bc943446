package io.github.recordingrules.adapter.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.github.recordingrules.support.Webhooks;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.quarkus.netty.runtime.virtual.VirtualChannel;
import io.quarkus.netty.runtime.virtual.VirtualClientConnection;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import io.quarkus.vertx.http.runtime.VertxHttpRecorder;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 item 13: a request handed to Vert.x through the virtual channel is always answered. Each
 * request here is a callback (read whole before it is answered, 403 for want of a signature) sent the
 * way the entry point sends it, in two messages, and its answer is awaited at most 10 s.
 * <p>
 * To make the race that lost requests likely, the last message is sent just as the channel's event
 * loop finishes reading the first and asks for more: right after the channel's queue is seen empty
 * (read through reflection: Quarkus keeps it package-private), plus a random few microseconds. Sent
 * from this thread with {@code connection.sendMessage}, as Quarkus' LambdaHttpHandler sends it, one
 * request in 5 000 to 20 000 then stays unanswered for good, its last message still queued (measured
 * here: 2 in 20 000, twice). {@code -Dhandoff.requests} and {@code -Dhandoff.seed} change the run.
 */
@QuarkusTest
class EventLoopSenderTest {

    private static final int REQUESTS = Integer.getInteger("handoff.requests", 20_000);
    private static final long SEED = Long.getLong("handoff.seed", System.nanoTime());

    @Test
    void everyRequestIsAnsweredHoweverItsMessagesMeetTheEventLoop() throws Exception {
        Field inbound = VirtualChannel.class.getDeclaredField("inboundBuffer");
        inbound.setAccessible(true);
        Random random = new Random(SEED);
        List<String> unanswered = new ArrayList<>();
        for (int i = 0; i < REQUESTS && unanswered.size() < 3; i++) {
            String form = "RoomSid=RM00000000000000000000000000000000&StatusCallbackEvent=room-created&n=" + i;
            DefaultHttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, Webhooks.PATH,
                    new QuarkusHttpHeaders());
            head.headers().add(HttpHeaderNames.HOST, "localhost");
            head.headers().add(HttpHeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded");
            head.headers().add(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(form.length()));
            head.headers().add(HttpHeaderNames.TRANSFER_ENCODING, "chunked");

            LambdaEntryPoint.Answer answer = new LambdaEntryPoint.Answer();
            VirtualClientConnection connection = VirtualClientConnection.connect(answer, VertxHttpRecorder.VIRTUAL_HTTP, null);
            try {
                EventLoopSender sender = new EventLoopSender(connection);
                sender.send(head);
                Queue<?> queue = (Queue<?>) inbound.get(connection.peer());
                long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                while (!queue.isEmpty() && System.nanoTime() < giveUp) {
                    Thread.onSpinWait();
                }
                spin(random.nextInt(8_000));
                sender.send(new DefaultLastHttpContent(Unpooled.copiedBuffer(form, StandardCharsets.UTF_8)));

                APIGatewayV2HTTPResponse response = answer.response.get(10, TimeUnit.SECONDS);
                assertThat(response.getStatusCode()).as("request %d: %s", i, response.getBody()).isEqualTo(403);
            } catch (TimeoutException e) {
                unanswered.add("request " + i + " (" + ((Queue<?>) inbound.get(connection.peer())).size()
                        + " message(s) still queued)");
            } finally {
                connection.close();
            }
        }
        assertThat(unanswered).as("unanswered after 10 s, seed %d", SEED).isEmpty();
    }

    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
