package io.github.recordingrules.heapfixture;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Constants a native image takes as they are. */
public final class NothingRefused {

    record Limit(String name, int value, Optional<Duration> window) {
    }

    static final Pattern SID = Pattern.compile("^RM[0-9a-f]{32}$");
    static final Map<String, List<Limit>> LIMITS = Map.of("rules", List.of(new Limit("per set", 20, Optional.empty())));
    static final Object[] SEEDS = {1L, "two", new int[] {3}};

    private NothingRefused() {
    }
}
