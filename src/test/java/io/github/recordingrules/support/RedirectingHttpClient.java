package io.github.recordingrules.support;

import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Points the official Java helper library ({@code com.twilio.sdk:twilio}) at the function. The library
 * has no base-URL option: every Video request is built for {@code https://video.twilio.com}. This
 * client rewrites that prefix to the function's base URL and hands the request, otherwise unchanged,
 * to the library's own {@link NetworkHttpClient}. docs/MIGRATING.md shows this class as the way an
 * application does it.
 */
public class RedirectingHttpClient extends HttpClient {

    public static final String TWILIO_VIDEO = "https://video.twilio.com";

    private final String baseUrl;
    private final HttpClient delegate;

    /** @param baseUrl the function's base URL, for example {@code https://rules.example.com} (no trailing slash) */
    public RedirectingHttpClient(String baseUrl) {
        this(baseUrl, new NetworkHttpClient());
    }

    public RedirectingHttpClient(String baseUrl, HttpClient delegate) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.delegate = delegate;
    }

    /** A REST client for these credentials whose Video requests go to {@code baseUrl}. */
    public static TwilioRestClient restClient(String baseUrl, String accountSid, String authToken) {
        return new TwilioRestClient.Builder(accountSid, authToken)
                .httpClient(new RedirectingHttpClient(baseUrl))
                .build();
    }

    @Override
    public Response makeRequest(Request request) {
        String url = request.getUrl();
        if (!url.startsWith(TWILIO_VIDEO + "/")) {
            // Absolute paging URLs (meta.next_page_url) already name the function; anything else is left alone.
            return delegate.makeRequest(request);
        }
        return delegate.makeRequest(copy(request, baseUrl + url.substring(TWILIO_VIDEO.length())));
    }

    /**
     * The same request for another URL: method, credentials, parameters, headers and body. Region and
     * edge are left out on purpose: they would rewrite the function's host name as they do Twilio's.
     */
    static Request copy(Request request, String url) {
        Request copy = new Request(request.getMethod(), url);
        if (request.getAuthStrategy() != null) {
            copy.setAuth(request.getAuthStrategy());
        } else if (request.getUsername() != null) {
            copy.setAuth(request.getUsername(), request.getPassword());
        }
        each(request.getQueryParams(), copy::addQueryParam);
        each(request.getPostParams(), copy::addPostParam);
        each(request.getHeaderParams(), copy::addHeaderParam);
        if (request.getContentType() != null) {
            copy.setContentType(request.getContentType());
        }
        if (request.getBody() != null) {
            copy.setBody(request.getBody());
        }
        copy.setFormParameters(request.getFormParameters());
        copy.setUserAgentExtensions(request.getUserAgentExtensions());
        return copy;
    }

    private static void each(Map<String, List<String>> params, BiConsumer<String, String> add) {
        params.forEach((name, values) -> values.forEach(value -> add.accept(name, value)));
    }
}
