package io.github.recordingrules.adapter.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of a Twilio list: the items and the {@code meta} envelope whose URLs the helper libraries
 * follow. Pages are numbered from 0; every link repeats the list's filters.
 */
public final class PageJson {

    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 1000;

    private PageJson() {
    }

    /** The items of page {@code page} of {@code pageSize} items, of everything that matched. */
    public static <T> List<T> slice(List<T> matching, int pageSize, int page) {
        long from = Math.min((long) page * pageSize, matching.size());
        long to = Math.min(from + pageSize, matching.size());
        return matching.subList((int) from, (int) to);
    }

    /**
     * Twilio's {@code meta}: {@code page}, {@code page_size}, the first, previous, current and next page
     * URLs, and {@code key}, the name of the list's member holding the items.
     *
     * @param filters the list's query parameters other than paging, each as {@code &Name=value}, encoded
     */
    public static Map<String, Object> meta(String listUrl, String filters, int pageSize, int page, int matching,
                                           String key) {
        return meta(listUrl, filters, pageSize, page, (page + 1L) * pageSize < matching, key);
    }

    /** The same, for a list that knows only whether a next page may hold more. */
    public static Map<String, Object> meta(String listUrl, String filters, int pageSize, int page, boolean hasNext,
                                           String key) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("page", page);
        meta.put("page_size", pageSize);
        meta.put("first_page_url", pageUrl(listUrl, filters, pageSize, 0));
        meta.put("previous_page_url", page == 0 ? null : pageUrl(listUrl, filters, pageSize, page - 1));
        meta.put("url", pageUrl(listUrl, filters, pageSize, page));
        meta.put("next_page_url", hasNext ? pageUrl(listUrl, filters, pageSize, page + 1) : null);
        meta.put("key", key);
        return meta;
    }

    /** A list answer: the items under the list's key, then {@code meta}. */
    public static Map<String, Object> body(String key, List<?> items, Map<String, Object> meta) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(key, items);
        body.put("meta", meta);
        return body;
    }

    private static String pageUrl(String listUrl, String filters, int pageSize, int page) {
        return listUrl + "?PageSize=" + pageSize + "&Page=" + page + filters;
    }
}
