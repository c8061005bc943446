package io.github.recordingrules.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for what S3 itself does with a presigned GET and S3Mock does not: it checks the query-string
 * signature (AWS Signature Version 4, written here from AWS's description, independently of the SDK) and
 * the expiry (X-Amz-Date + X-Amz-Expires), answers 403 as S3 does when either fails, and otherwise passes the
 * request on to S3Mock unchanged. It counts what it refused.
 */
public final class S3SignatureGate implements AutoCloseable {

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final HttpServer server;
    private final URI s3;
    private final String region;
    private final String accessKey;
    private final String secretKey;
    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicInteger expired = new AtomicInteger();
    private final AtomicInteger badSignatures = new AtomicInteger();

    private S3SignatureGate(HttpServer server, URI s3, String region, String accessKey, String secretKey) {
        this.server = server;
        this.s3 = s3;
        this.region = region;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    static S3SignatureGate start(URI s3, String region, String accessKey, String secretKey) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        S3SignatureGate gate = new S3SignatureGate(server, s3, region, accessKey, secretKey);
        server.createContext("/", gate::handle);
        server.start();
        return gate;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int expired() {
        return expired.get();
    }

    public int badSignatures() {
        return badSignatures.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String rawQuery = exchange.getRequestURI().getRawQuery();
            Map<String, String> query = decode(rawQuery);
            String refusal = check(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders().getFirst("Host"), query);
            if (refusal != null) {
                byte[] body = ("<Error><Code>AccessDenied</Code><Message>" + refusal + "</Message></Error>")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(403, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            HttpResponse<byte[]> answer = client.send(HttpRequest.newBuilder(URI.create(s3 + exchange.getRequestURI()
                    .getRawPath() + (rawQuery == null ? "" : "?" + rawQuery))).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            answer.headers().firstValue("Content-Disposition")
                    .ifPresent(value -> exchange.getResponseHeaders().add("Content-Disposition", value));
            answer.headers().firstValue("Content-Type")
                    .ifPresent(value -> exchange.getResponseHeaders().add("Content-Type", value));
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Null when the request is a valid presigned GET now, else why not. */
    private String check(String method, String rawPath, String host, Map<String, String> query) {
        if (!"GET".equals(method) || !"AWS4-HMAC-SHA256".equals(query.get("X-Amz-Algorithm"))) {
            badSignatures.incrementAndGet();
            return "Only presigned GETs are served here";
        }
        String amzDate = query.get("X-Amz-Date");
        long expires = Long.parseLong(query.getOrDefault("X-Amz-Expires", "0"));
        Instant signedAt = AMZ_DATE.parse(amzDate, Instant::from);
        String[] credential = query.getOrDefault("X-Amz-Credential", "").split("/");
        String scope = credential.length == 5 ? String.join("/", credential[1], credential[2], credential[3], credential[4]) : "";
        if (credential.length != 5 || !credential[0].equals(accessKey) || !credential[2].equals(region)
                || !credential[3].equals("s3") || !"host".equals(query.get("X-Amz-SignedHeaders"))) {
            badSignatures.incrementAndGet();
            return "The credential or the signed headers are not this server's";
        }
        TreeMap<String, String> signed = new TreeMap<>();
        query.forEach((name, value) -> {
            if (!name.equals("X-Amz-Signature")) {
                signed.put(encode(name), encode(value));
            }
        });
        List<String> pairs = new ArrayList<>();
        signed.forEach((name, value) -> pairs.add(name + "=" + value));
        String canonicalRequest = String.join("\n", "GET", rawPath, String.join("&", pairs), "host:" + host, "",
                "host", "UNSIGNED-PAYLOAD");
        String stringToSign = String.join("\n", "AWS4-HMAC-SHA256", amzDate, scope, hex(sha256(canonicalRequest)));
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), credential[1]);
        key = hmac(key, credential[2]);
        key = hmac(key, credential[3]);
        key = hmac(key, "aws4_request");
        if (!MessageDigest.isEqual(hex(hmac(key, stringToSign)).getBytes(StandardCharsets.UTF_8),
                query.getOrDefault("X-Amz-Signature", "").getBytes(StandardCharsets.UTF_8))) {
            badSignatures.incrementAndGet();
            return "The request signature we calculated does not match the signature you provided";
        }
        if (Instant.now().isAfter(signedAt.plusSeconds(expires))) {
            expired.incrementAndGet();
            return "Request has expired";
        }
        return null;
    }

    private static Map<String, String> decode(String rawQuery) {
        Map<String, String> query = new TreeMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                query.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    /** RFC 3986 percent-encoding, as SigV4 wants it: only A-Z a-z 0-9 - _ . ~ stay. */
    private static String encode(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-_.~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return encoded.toString();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
