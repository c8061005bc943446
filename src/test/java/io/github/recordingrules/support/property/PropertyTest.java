package io.github.recordingrules.support.property;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The property runner: tries, seeds, failure reports and shrinking. */
class PropertyTest {

    private static final Gen<List<Integer>> LISTS = Gen.ints(0, 1000).list(0, 50);

    @Test
    void aPropertyThatHoldsRunsEveryTry() {
        AtomicInteger runs = new AtomicInteger();
        Property.check("holds", 1, 250, LISTS, list -> runs.incrementAndGet());
        assertThat(runs).hasValue(250);
    }

    @Test
    void theSameSeedGivesTheSameSamplesAndAnotherSeedOthers() {
        assertThat(samples(7)).isEqualTo(samples(7)).isNotEqualTo(samples(8));
    }

    @Test
    void aFailureReportsTheSeedTheTryAndTheSmallestFailingSample() {
        assertThatThrownBy(() -> Property.check("noneAbove99", 42, 500, LISTS,
                list -> assertThat(list).allMatch(n -> n < 100)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("noneAbove99 failed on try ")
                .hasMessageContaining("seed 42 (replay: -Dproperty.seed=42)")
                .hasMessageContaining("smallest failing sample")
                .hasMessageContaining("  [100]\n")
                .cause().isInstanceOf(AssertionError.class);
    }

    @Test
    void anyExceptionFailsTheProperty() {
        assertThatThrownBy(() -> Property.check("throws", 1, 10, Gen.ints(0, 9), n -> {
            throw new IllegalStateException("broken at " + n);
        })).hasMessageContaining("  0\n").cause().isInstanceOf(IllegalStateException.class).hasMessage("broken at 0");
    }

    @Test
    void shrinkingKeepsTheWayThePropertyFails() {
        // Below 10 the property fails with another exception: that is another failure, not a smaller one.
        assertThatThrownBy(() -> Property.check("twoFailures", 3, 500, Gen.ints(0, 1000), n -> {
            if (n >= 500) {
                throw new IllegalStateException("big");
            }
            if (n < 10) {
                throw new IllegalArgumentException("small");
            }
        })).hasMessageContaining("  500\n").cause().isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theSeedComesFromTheSystemPropertyWhenSet() {
        String before = System.getProperty(Property.SEED_PROPERTY);
        try {
            System.clearProperty(Property.SEED_PROPERTY);
            assertThat(Property.seed()).isEqualTo(Property.DEFAULT_SEED);
            System.setProperty(Property.SEED_PROPERTY, "-123");
            assertThat(Property.seed()).isEqualTo(-123);
            System.setProperty(Property.SEED_PROPERTY, "abc");
            assertThatThrownBy(Property::seed).hasMessageContaining("-Dproperty.seed must be a long: abc");
        } finally {
            if (before == null) {
                System.clearProperty(Property.SEED_PROPERTY);
            } else {
                System.setProperty(Property.SEED_PROPERTY, before);
            }
        }
    }

    @Test
    void subsetsAreDistinctAndOfTheSizesAsked() {
        Gen<List<Integer>> subsets = Gen.subsetOf(List.of(0, 1, 2, 3, 4, 5, 6, 7), 2, 5);
        Property.check("subsets", 1, 500, subsets, subset -> {
            assertThat(subset).hasSizeBetween(2, 5).doesNotHaveDuplicates().allMatch(n -> n >= 0 && n < 8);
        });
    }

    @Test
    void frequencyFollowsTheWeights() {
        Gen<String> gen = Gen.frequency(Gen.weighted(1, Gen.constant("rare")), Gen.weighted(9, Gen.constant("common")));
        SplittableRandom random = new SplittableRandom(5);
        int rare = 0;
        for (int i = 0; i < 10_000; i++) {
            rare += gen.sample(random).equals("rare") ? 1 : 0;
        }
        // 10 % by weight, and a little more from the extremes (the first choice is one).
        assertThat(rare).isBetween(900, 1500);
    }

    @Test
    void theExtremesOfARangeComeUp() {
        SplittableRandom random = new SplittableRandom(9);
        List<Integer> samples = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            samples.add(Gen.ints(-1_000_000, 1_000_000).sample(random));
        }
        assertThat(samples).contains(-1_000_000, 1_000_000);
    }

    @Test
    void coverageRequiresTheShareAsked() {
        Coverage coverage = new Coverage();
        for (int i = 0; i < 10; i++) {
            coverage.collect("even", i % 2 == 0);
        }
        coverage.requireAbove("even", 49);
        assertThatThrownBy(() -> coverage.requireAbove("even", 50)).hasMessageContaining("even 50 % of 10");
        assertThatThrownBy(() -> coverage.requireAbove("odd", 1)).hasMessageContaining("odd was never collected");
    }

    private static List<List<Integer>> samples(long seed) {
        List<List<Integer>> samples = new ArrayList<>();
        Property.check("collects", seed, 20, LISTS, samples::add);
        assertThat(new HashSet<>(samples)).as("distinct samples").hasSizeGreaterThan(10);
        return samples;
    }
}
