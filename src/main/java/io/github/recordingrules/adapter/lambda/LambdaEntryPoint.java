package io.github.recordingrules.adapter.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.recordingrules.adapter.http.TwilioError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.quarkus.netty.runtime.virtual.VirtualClientConnection;
import io.quarkus.netty.runtime.virtual.VirtualResponseHandler;
import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import io.quarkus.vertx.http.runtime.VertxHttpRecorder;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.impl.ConnectionBase;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Map.Entry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The function's entry point: each API Gateway HTTP API (payload 2.0) event, handed to Vert.x through
 * Quarkus' virtual HTTP channel, and the answer turned back into the event's response.
 * <p>
 * The quarkus-amazon-lambda-http extension makes its {@code LambdaHttpHandler} the Lambda handler and
 * admits no other; a CDI decorator is the one way in. This decorator does the handler's work itself,
 * mapping the event as the handler does, with three differences:
 * <ul>
 * <li>messages go to the channel from its event loop ({@link EventLoopSender}): sent from the poll
 *     thread, as the handler sends them, the request's last message can stay unread for good and the
 *     invocation never answers (issue 15 item 13);</li>
 * <li>a URL that is not a valid URI (bad percent-encoding such as {@code %ZZ}) answers 400 with Twilio's
 *     body; Quarkus refuses it before routing with an empty 400;</li>
 * <li>an event that cannot be an HTTP request (a body marked base64 that is not, no HTTP method)
 *     answers 400 with Twilio's body, where the handler answers 500.</li>
 * </ul>
 */
@Decorator
@Priority(1)
abstract class LambdaEntryPoint implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger LOG = Logger.getLogger(LambdaEntryPoint.class);
    /** API Gateway joins a repeated header's values with commas, split back here except in these. */
    private static final List<String> COMMA_HEADERS = List.of("access-control-request-headers");

    /** Quarkus' handler. CDI requires a decorator to name it; it is never called (see above). */
    @Inject
    @Delegate
    @Any
    RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> quarkusHandler;

    @Inject
    ObjectMapper json;

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        DefaultHttpRequest head;
        LastHttpContent body;
        try {
            head = head(event, context);
            body = body(event, head);
        } catch (InvalidEventException e) {
            return error(400, TwilioError.INVALID_PARAMETER, e.getMessage());
        }
        Answer answer = new Answer();
        VirtualClientConnection connection = VirtualClientConnection.connect(answer, VertxHttpRecorder.VIRTUAL_HTTP, null);
        try {
            String sourceIp = event.getRequestContext().getHttp().getSourceIp();
            if (sourceIp != null && !sourceIp.isEmpty()) {
                // The caller's address for Vert.x; its port is not in the event (443, as Quarkus' handler says).
                connection.peer().attr(ConnectionBase.REMOTE_ADDRESS_OVERRIDE).set(SocketAddress.inetSocketAddress(443, sourceIp));
            }
            EventLoopSender sender = new EventLoopSender(connection);
            sender.send(head);
            sender.send(body);
            return answer.response.get();
        } catch (ExecutionException e) {
            LOG.error("The request found no answer", e.getCause());
            return error(500, TwilioError.INTERNAL_ERROR, "Internal error");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(503, TwilioError.SERVICE_UNAVAILABLE, "The function is stopping");
        } finally {
            connection.close();
        }
    }

    private static DefaultHttpRequest head(APIGatewayV2HTTPEvent event, Context context) throws InvalidEventException {
        APIGatewayV2HTTPEvent.RequestContext requestContext = event.getRequestContext();
        if (requestContext == null || requestContext.getHttp() == null || requestContext.getHttp().getMethod() == null) {
            throw new InvalidEventException("The event names no HTTP method (requestContext.http.method)");
        }
        HttpMethod method;
        try {
            method = HttpMethod.valueOf(requestContext.getHttp().getMethod());
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("The event's HTTP method is not a valid method name");
        }
        String path = event.getRawPath() == null ? "/" : event.getRawPath();
        String query = event.getRawQueryString();
        String uri = query == null || query.isEmpty() ? path : path + "?" + query;
        try {
            // The check Quarkus makes before routing (VertxHttpRecorder), answered in Twilio's body here.
            new URI(uri);
        } catch (URISyntaxException e) {
            throw new InvalidEventException("Invalid URL: " + e.getReason());
        }
        QuarkusHttpHeaders headers = new QuarkusHttpHeaders();
        // What the extension's context producers (@Context APIGatewayV2HTTPEvent, ...) read.
        headers.setContextObject(Context.class, context);
        headers.setContextObject(APIGatewayV2HTTPEvent.class, event);
        headers.setContextObject(APIGatewayV2HTTPEvent.RequestContext.class, requestContext);
        DefaultHttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, uri, headers);
        if (event.getHeaders() != null) {
            for (Entry<String, String> header : event.getHeaders().entrySet()) {
                if (header.getValue() == null) {
                    continue;
                }
                if (COMMA_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                    headers.add(header.getKey(), header.getValue());
                } else {
                    for (String value : header.getValue().split(",")) {
                        headers.add(header.getKey(), value);
                    }
                }
            }
        }
        if (event.getCookies() != null) {
            headers.add(HttpHeaderNames.COOKIE, String.join("; ", event.getCookies()));
        }
        if (!headers.contains(HttpHeaderNames.HOST)) {
            headers.add(HttpHeaderNames.HOST, "localhost");
        }
        return head;
    }

    private static LastHttpContent body(APIGatewayV2HTTPEvent event, DefaultHttpRequest head) throws InvalidEventException {
        if (event.getBody() == null) {
            return LastHttpContent.EMPTY_LAST_CONTENT;
        }
        // Marked as Quarkus' handler marks it: without a Content-Length, BodySizeLimit reads it up to its limit.
        head.headers().add(HttpHeaderNames.TRANSFER_ENCODING, "chunked");
        ByteBuf bytes;
        if (event.getIsBase64Encoded()) {
            try {
                bytes = Unpooled.wrappedBuffer(Base64.getDecoder().decode(event.getBody()));
            } catch (IllegalArgumentException e) {
                throw new InvalidEventException("The event's body is marked isBase64Encoded but is not valid base64");
            }
        } else {
            bytes = Unpooled.copiedBuffer(event.getBody(), StandardCharsets.UTF_8);
        }
        return new DefaultLastHttpContent(bytes);
    }

    private APIGatewayV2HTTPResponse error(int status, int code, String message) {
        APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
        response.setStatusCode(status);
        response.setHeaders(Map.of("Content-Type", "application/json"));
        try {
            response.setBody(json.writeValueAsString(TwilioError.of(status, code, message)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return response;
    }

    /** The answer as Vert.x writes it to the channel, gathered into the event's response. */
    static final class Answer implements VirtualResponseHandler {

        final CompletableFuture<APIGatewayV2HTTPResponse> response = new CompletableFuture<>();
        private final APIGatewayV2HTTPResponse event = new APIGatewayV2HTTPResponse();
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private String contentType;

        @Override
        public void handleMessage(Object message) {
            try {
                boolean known = false;
                if (message instanceof HttpResponse head) {
                    known = true;
                    status(head);
                }
                if (message instanceof HttpContent content) {
                    known = true;
                    content.content().readBytes(body, content.content().readableBytes());
                }
                if (message instanceof LastHttpContent) {
                    finish();
                }
                if (!known) {
                    throw new IllegalStateException("Unexpected answer part " + message.getClass().getName());
                }
            } catch (Exception e) {
                response.completeExceptionally(e);
            } finally {
                ReferenceCountUtil.release(message);
            }
        }

        private void status(HttpResponse head) {
            event.setStatusCode(head.status().code());
            Map<String, String> headers = new HashMap<>();
            for (String name : head.headers().names()) {
                List<String> values = head.headers().getAll(name);
                if (name.equalsIgnoreCase(HttpHeaderNames.SET_COOKIE.toString())) {
                    event.setCookies(values);
                } else if (!name.equalsIgnoreCase(HttpHeaderNames.TRANSFER_ENCODING.toString())) {
                    // The answer reaches API Gateway whole: how it was framed here does not apply.
                    headers.put(name, String.join(",", values));
                }
            }
            event.setHeaders(headers);
            contentType = head.headers().get(HttpHeaderNames.CONTENT_TYPE);
        }

        private void finish() {
            if (body.size() > 0) {
                if (isText(contentType)) {
                    event.setBody(body.toString(StandardCharsets.UTF_8));
                } else {
                    event.setIsBase64Encoded(true);
                    event.setBody(Base64.getEncoder().encodeToString(body.toByteArray()));
                }
            }
            response.complete(event);
        }

        private static boolean isText(String contentType) {
            if (contentType == null) {
                return false;
            }
            String type = contentType.toLowerCase(Locale.ROOT);
            return type.startsWith("text/") || type.contains("json");
        }

        @Override
        public void close() {
            // Every request's connection closes once answered: only an unanswered one is an error worth building.
            if (!response.isDone()) {
                response.completeExceptionally(new IllegalStateException("The connection closed before the answer was complete"));
            }
        }
    }

    /** An event that cannot be turned into an HTTP request: the caller's mistake. */
    private static final class InvalidEventException extends Exception {
        InvalidEventException(String message) {
            super(message, null, false, false);
        }
    }
}
