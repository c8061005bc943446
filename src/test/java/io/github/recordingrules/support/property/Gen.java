package io.github.recordingrules.support.property;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * A generator of samples. Compose with {@link #map}, the factories below, or a lambda drawing from
 * several generators with the same {@link Source}: {@code s -> new Pair(a.generate(s), b.generate(s))}.
 */
@FunctionalInterface
public interface Gen<T> {

    T generate(Source source);

    /** One sample, outside a property (no shrinking). */
    default T sample(RandomGenerator random) {
        return generate(Source.fresh(random));
    }

    default <R> Gen<R> map(Function<? super T, ? extends R> function) {
        return source -> function.apply(generate(source));
    }

    /** A list of minSize to maxSize samples; shrinks towards fewer, simpler elements. */
    default Gen<List<T>> list(int minSize, int maxSize) {
        return source -> {
            int size = source.between(minSize, maxSize);
            List<T> list = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                list.add(generate(source));
            }
            return list;
        };
    }

    static <T> Gen<T> constant(T value) {
        return source -> value;
    }

    /** One of the values (null allowed), shrinking towards the first. */
    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        return of(Arrays.asList(values));
    }

    static <T> Gen<T> of(List<T> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values to choose from");
        }
        List<T> copy = new ArrayList<>(values);
        return source -> copy.get(source.between(0, copy.size() - 1));
    }

    static <E extends Enum<E>> Gen<E> of(Class<E> type) {
        return of(type.getEnumConstants());
    }

    static Gen<Integer> ints(int min, int max) {
        return source -> source.between(min, max);
    }

    /** A seed for a {@link java.util.Random} the property makes itself: unlike a Random, it prints. */
    static Gen<Long> seeds() {
        return source -> source.below(Long.MAX_VALUE);
    }

    /** Equally often one of the generators. */
    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... generators) {
        List<Gen<? extends T>> choices = List.of(generators);
        return source -> choices.get(source.between(0, choices.size() - 1)).generate(source);
    }

    record Weighted<T>(int weight, Gen<? extends T> gen) {
        public Weighted {
            if (weight <= 0) {
                throw new IllegalArgumentException("weight must be positive: " + weight);
            }
        }
    }

    static <T> Weighted<T> weighted(int weight, Gen<? extends T> gen) {
        return new Weighted<>(weight, gen);
    }

    /** One of the generators, each as often as its weight says. */
    @SafeVarargs
    static <T> Gen<T> frequency(Weighted<? extends T>... choices) {
        List<Weighted<? extends T>> weighted = List.of(choices);
        int total = weighted.stream().mapToInt(Weighted::weight).sum();
        return source -> {
            long pick = source.below(total);
            for (Weighted<? extends T> choice : weighted) {
                pick -= choice.weight();
                if (pick < 0) {
                    return choice.gen().generate(source);
                }
            }
            throw new AssertionError("unreachable: the pick is below the total weight");
        };
    }

    /** Any char from first to last, both included (surrogates too, when in the range). */
    static Gen<Character> chars(char first, char last) {
        return source -> (char) source.between(first, last);
    }

    static Gen<Character> charsOf(String chars) {
        return source -> chars.charAt(source.between(0, chars.length() - 1));
    }

    static Gen<String> strings(Gen<Character> chars, int minLength, int maxLength) {
        return chars.list(minLength, maxLength).map(list -> {
            StringBuilder text = new StringBuilder(list.size());
            list.forEach(text::append);
            return text.toString();
        });
    }

    /** minSize to maxSize distinct elements of the pool, in random order. */
    static <T> Gen<List<T>> subsetOf(List<T> pool, int minSize, int maxSize) {
        if (minSize < 0 || maxSize > pool.size() || maxSize < minSize) {
            throw new IllegalArgumentException("sizes " + minSize + ".." + maxSize + " of a pool of " + pool.size());
        }
        List<T> copy = List.copyOf(pool);
        return source -> {
            List<T> remaining = new ArrayList<>(copy);
            int size = source.between(minSize, maxSize);
            List<T> subset = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                subset.add(remaining.remove(source.between(0, remaining.size() - 1)));
            }
            return subset;
        };
    }
}
