package io.github.recordingrules.support.property;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Counts how often a condition held over a property's tries, to show the property is not vacuous:
 * collect in the property, then require shares once it has run.
 */
public final class Coverage {

    private record Count(int held, int total) {
    }

    private final Map<String, Count> counts = new LinkedHashMap<>();

    public void collect(String label, boolean held) {
        counts.merge(label, new Count(held ? 1 : 0, 1), (a, b) -> new Count(a.held() + b.held(), a.total() + b.total()));
    }

    /** The label held in more than {@code percent} % of the tries. */
    public void requireAbove(String label, double percent) {
        assertThat(counts).as("label %s was never collected", label).containsKey(label);
        assertThat(percentage(counts.get(label))).as("%% of tries where %s; all: %s", label, this).isGreaterThan(percent);
    }

    private static double percentage(Count count) {
        return 100.0 * count.held() / count.total();
    }

    @Override
    public String toString() {
        return counts.entrySet().stream()
                .map(e -> String.format("%s %.0f %% of %d", e.getKey(), percentage(e.getValue()), e.getValue().total()))
                .collect(Collectors.joining(", "));
    }
}
