package io.github.recordingrules.adapter.http;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.HexFormat;

/**
 * Refuses text that is not UTF-8 (docs/SPEC.md §5.1, §7.2): in the path, the query string and a form
 * body, percent-escapes and raw bytes alike. Vert.x, RESTEasy and {@code URLDecoder} all decode malformed
 * UTF-8 into U+FFFD, so such a request would otherwise go on with a value it did not send, and be stored
 * with it; here it answers 400 (20001) before any parameter is read. A form declared in another charset
 * answers 415 unless that charset reads it as the same text (plain ASCII). Runs after authentication and routing, on the worker thread of the resource method.
 */
public class Utf8Only {

    private static final String FORM = MediaType.APPLICATION_FORM_URLENCODED_TYPE.getSubtype();

    @ServerRequestFilter
    public void check(ContainerRequestContext request, HttpServerRequest http) throws IOException {
        requireUtf8(http.path(), "The path");
        requireUtf8(http.query(), "The query string");
        MediaType type = request.getMediaType();
        if (type == null || !type.getSubtype().equalsIgnoreCase(FORM)) {
            return;
        }
        byte[] body = request.getEntityStream().readAllBytes();
        request.setEntityStream(new ByteArrayInputStream(body));
        byte[] text = percentDecoded(body, "The request body");
        requireReadAsUtf8(type.getParameters().get(MediaType.CHARSET_PARAMETER), text);
        requireWellFormed(text, "The request body");
    }

    /**
     * A form declared in another charset is read as UTF-8 only where that charset reads its bytes as the same
     * text: plain ASCII, as clients that default to ISO-8859-1 send it. Otherwise its meaning is ambiguous.
     */
    private static void requireReadAsUtf8(String charset, byte[] text) {
        if (charset == null) {
            return;
        }
        String name = charset.startsWith("\"") && charset.endsWith("\"") && charset.length() > 1
                ? charset.substring(1, charset.length() - 1) : charset;
        try {
            Charset declared = Charset.forName(name);
            if (declared.equals(StandardCharsets.UTF_8)
                    || new String(text, declared).equals(new String(text, StandardCharsets.UTF_8))) {
                return;
            }
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            // refused below
        }
        throw new NotSupportedException("Only UTF-8 is accepted");
    }

    private static void requireUtf8(String text, String what) {
        if (text != null && text.indexOf('%') >= 0) {
            requireWellFormed(percentDecoded(text.getBytes(StandardCharsets.UTF_8), what), what);
        }
    }

    /** Percent-escapes decoded to their bytes; {@code &}, {@code =} and {@code +} are single bytes either way. */
    private static byte[] percentDecoded(byte[] text, String what) {
        ByteArrayOutputStream decoded = new ByteArrayOutputStream(text.length);
        for (int i = 0; i < text.length; i++) {
            if (text[i] != '%') {
                decoded.write(text[i]);
            } else if (i + 2 < text.length && isHex(text[i + 1]) && isHex(text[i + 2])) {
                decoded.write(HexFormat.fromHexDigit(text[i + 1]) << 4 | HexFormat.fromHexDigit(text[i + 2]));
                i += 2;
            } else {
                throw new InvalidParameterException(what + " has a malformed percent escape (% and two hex digits)");
            }
        }
        return decoded.toByteArray();
    }

    private static void requireWellFormed(byte[] text, String what) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(text));
        } catch (CharacterCodingException e) {
            throw new InvalidParameterException(what + " is not valid UTF-8");
        }
    }

    private static boolean isHex(byte b) {
        return HexFormat.isHexDigit(b);
    }
}
