package io.github.recordingrules.adapter.twilio;

import io.github.recordingrules.adapter.http.InvalidParameterException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes an {@code application/x-www-form-urlencoded} callback body (UTF-8, as Twilio sends it).
 * The JAX-RS form reader fails with an internal error on a pair without a name ({@code =}) and on a
 * malformed percent escape, before the signature is even checked; here both are the caller's mistake.
 */
final class FormBody {

    private FormBody() {
    }

    static Map<String, List<String>> parse(String body) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            form.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return form;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("The request body is not valid application/x-www-form-urlencoded");
        }
    }
}
