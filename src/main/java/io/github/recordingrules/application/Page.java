package io.github.recordingrules.application;

import java.util.List;

/**
 * One page of a list.
 *
 * @param more whether a next page may hold more: lists read through an index know only that entries follow,
 *             so a page may be shorter than asked, even empty, and still have a next one
 */
public record Page<T>(List<T> items, boolean more) {

    /** Page {@code page} of {@code size} items of everything that matched. */
    public static <T> Page<T> of(List<T> matching, int size, int page) {
        long from = Math.min((long) page * size, matching.size());
        long to = Math.min(from + size, matching.size());
        return new Page<>(matching.subList((int) from, (int) to), to < matching.size());
    }
}
