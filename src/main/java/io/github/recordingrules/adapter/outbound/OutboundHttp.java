package io.github.recordingrules.adapter.outbound;

import io.github.recordingrules.config.RecordingRulesConfig;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One HTTP request to a receiver, as safely as the function makes any (docs/SPEC.md §11.1.6): the target is
 * checked by {@link TargetGuard} and connected to at the address checked; no redirect is followed; the answer's
 * body is read up to {@code max-answer-size} and dropped; connecting and the whole exchange are bounded in time.
 * Reasons given for failures name hosts and statuses, never a URL's query or a header.
 */
@ApplicationScoped
public class OutboundHttp {

    /** How an exchange went. */
    sealed interface Answer {
    }

    record Answered(int status) implements Answer {
    }

    /** Never sent: the target is refused. */
    record Refused(String reason) implements Answer {
    }

    /** Sent or not, no answer: worth retrying. */
    record Unreachable(String reason) implements Answer {
    }

    private final HttpClient client;
    private final TargetGuard guard;
    private final long maxAnswer;
    private final Duration connectTimeout;

    OutboundHttp(Vertx vertx, TargetGuard guard, RecordingRulesConfig config) {
        this.guard = guard;
        this.maxAnswer = config.outbound().maxAnswerSize().asLongValue();
        this.connectTimeout = config.outbound().connectTimeout();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setKeepAlive(true)
                // Short: a Lambda instance may be frozen for minutes with a connection the receiver closed meanwhile.
                .setKeepAliveTimeout(5)
                .setVerifyHost(true)
                .setForceSni(true));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    Answer send(HttpMethod method, String url, Map<String, String> headers, byte[] body, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        TargetGuard.Checked checked = guard.check(url, timeout);
        if (checked.refusal() != null) {
            return new Refused(checked.refusal());
        }
        if (checked.failure() != null) {
            return new Unreachable(checked.failure());
        }
        TargetGuard.Target target = checked.target();
        long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        RequestOptions options = new RequestOptions()
                .setMethod(method)
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.ssl())
                .setURI(target.pathAndQuery())
                .setServer(SocketAddress.inetSocketAddress(target.port(), target.address().getHostAddress()))
                .setFollowRedirects(false)
                .setConnectTimeout(Math.min(left, connectTimeout.toMillis()))
                .setIdleTimeout(left);
        headers.forEach(options::putHeader);
        Promise<Integer> status = Promise.promise();
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        client.request(options).onFailure(status::tryFail).onSuccess(request -> {
            sent.set(request);
            request.exceptionHandler(status::tryFail);
            request.response().onFailure(status::tryFail).onSuccess(response -> {
                // The status decides; the body is only drained (so the connection can be reused) up to the cap.
                status.tryComplete(response.statusCode());
                AtomicLong read = new AtomicLong();
                response.handler(chunk -> {
                    if (read.addAndGet(chunk.length()) > maxAnswer) {
                        request.reset();
                    }
                });
                response.exceptionHandler(ignored -> { });
            });
            request.end(body == null ? Buffer.buffer() : Buffer.buffer(body));
        });
        String where = target.host() + ":" + target.port();
        try {
            return new Answered(status.future().toCompletionStage().toCompletableFuture()
                    .get(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            HttpClientRequest request = sent.get();
            if (request != null) {
                request.reset();
            }
            return new Unreachable("no answer from " + where + " within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return new Unreachable(where + ": " + describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Unreachable("interrupted");
        }
    }

    /** The kind of failure; messages are left out, as some quote the request line with its query. */
    private static String describe(Throwable failure) {
        if (failure instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (failure instanceof java.util.concurrent.TimeoutException
                || failure.getClass().getSimpleName().contains("Timeout")) {
            return "timed out";
        }
        if (failure instanceof javax.net.ssl.SSLException) {
            return "TLS failed";
        }
        return failure.getClass().getSimpleName();
    }
}
