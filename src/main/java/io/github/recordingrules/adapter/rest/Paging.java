package io.github.recordingrules.adapter.rest;

import io.github.recordingrules.adapter.http.FormValues;
import io.github.recordingrules.adapter.http.PageJson;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * A list's {@code PageSize} and {@code Page}, read as text and parsed when asked for, so that a value that
 * is not a whole number answers 400 with Twilio's body, never JAX-RS's 404 (docs/SPEC.md §5.1).
 */
public class Paging {

    @RestQuery("PageSize")
    String pageSize;

    @RestQuery("Page")
    String page;

    /** 1 to {@code max}, 50 when absent. */
    int size(int max) {
        return FormValues.wholeNumber("PageSize", pageSize, 1, max, PageJson.DEFAULT_PAGE_SIZE);
    }

    /** From 0, 0 when absent. */
    int number() {
        return FormValues.wholeNumber("Page", page, 0, Integer.MAX_VALUE, 0);
    }
}
