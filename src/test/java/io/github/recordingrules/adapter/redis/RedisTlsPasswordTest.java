package io.github.recordingrules.adapter.redis;

import io.github.recordingrules.devredis.LocalRedis;
import io.github.recordingrules.support.RequiresTlsRedis;
import io.github.recordingrules.support.SecuredRedis;
import io.github.recordingrules.support.TestCertificates;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static io.github.recordingrules.adapter.redis.SecuredRedisChecks.awaitRecovery;
import static io.github.recordingrules.adapter.redis.SecuredRedisChecks.everyKindOfRequestSucceeds;
import static io.github.recordingrules.adapter.redis.SecuredRedisChecks.expectUnavailable;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The function against a Redis that serves TLS only and requires an AUTH password, as ElastiCache with
 * in-transit encryption and an AUTH token: it connects with {@code rediss://}, checks the server's certificate
 * against the configured CA and the host name, and authenticates. A server it must not trust (a certificate
 * from another issuer, or for another name) and a wrong password answer 503 with Twilio's body, never a 500,
 * and service resumes by itself once the server is right again.
 */
@QuarkusTest
@TestProfile(SecuredRedis.TlsPassword.class)
@RequiresTlsRedis
class RedisTlsPasswordTest {

    @Test
    void everyRequestGoesOverTlsWithThePassword() throws IOException {
        LocalRedis redis = SecuredRedis.redis();
        assertThat(redis.uri()).startsWith("rediss://");
        everyKindOfRequestSucceeds();
        assertThat(redis.command("CLIENT LIST")).as("the application's connections").contains("user=default");
        assertThat(plainTextAnswer(redis.port())).as("a plain-text PING on the TLS port").doesNotStartWith("+PONG");
    }

    @Test
    void aRotatedAuthTokenAnswers503UntilItIsRightAgain() throws IOException {
        LocalRedis redis = SecuredRedis.redis();
        everyKindOfRequestSucceeds();
        // The token was rotated on the server but not in the function: connections already open stay
        // authenticated, new ones are refused, so the open ones are dropped as a failover or restart would.
        assertThat(redis.command("CONFIG SET requirepass rotated-elsewhere")).startsWith("+OK");
        redis.command("CLIENT KILL TYPE normal SKIPME yes");
        try {
            expectUnavailable("a wrong password");
        } finally {
            redis.command("CONFIG SET requirepass " + SecuredRedis.AUTH_TOKEN);
        }
        awaitRecovery("the password is right again");
        everyKindOfRequestSucceeds();
    }

    @Test
    void aServerTheFunctionMustNotTrustAnswers503UntilTheRightCertificateIsBack() throws Exception {
        LocalRedis redis = SecuredRedis.redis();
        TestCertificates certificates = TestCertificates.get();
        everyKindOfRequestSucceeds();
        try {
            redis.restart(certificates.untrusted());
            expectUnavailable("a certificate from an issuer the function does not trust");
            redis.restart(certificates.otherName());
            expectUnavailable("a certificate of the trusted CA for another host name");
        } finally {
            redis.restart(certificates.trusted());
        }
        awaitRecovery("the server restarted with the right certificate");
        everyKindOfRequestSucceeds();
    }

    private static String plainTextAnswer(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(2000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] buffer = new byte[64];
            int read = socket.getInputStream().read(buffer);
            return read <= 0 ? "" : new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "closed: " + e;
        }
    }
}
