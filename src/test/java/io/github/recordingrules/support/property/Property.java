package io.github.recordingrules.support.property;

import java.util.SplittableRandom;

/**
 * Runs a property: {@code tries} samples from a fixed seed, printed with the property's name. The
 * seed is {@value #DEFAULT_SEED} unless {@code -D}{@value #SEED_PROPERTY} gives another, to replay a
 * failure or explore other samples. On the first failing sample the choices behind it are shrunk
 * ({@link Shrinker}), and the failure reports the seed, the try, the smallest failing sample found
 * and the first one.
 */
public final class Property {

    public static final String SEED_PROPERTY = "property.seed";
    static final long DEFAULT_SEED = 20260302L;
    private static final int MAX_SAMPLE_CHARS = 4000;

    @FunctionalInterface
    public interface Check<T> {
        void accept(T sample) throws Exception;
    }

    private Property() {
    }

    /** Checks the property on {@code tries} samples; named after the calling test method. */
    public static <T> void check(int tries, Gen<T> gen, Check<T> property) {
        StackWalker.StackFrame caller = StackWalker.getInstance()
                .walk(frames -> frames.filter(f -> !f.getClassName().equals(Property.class.getName())).findFirst())
                .orElseThrow();
        String name = caller.getClassName().substring(caller.getClassName().lastIndexOf('.') + 1) + "." + caller.getMethodName();
        check(name, seed(), tries, gen, property);
    }

    static <T> void check(String name, long seed, int tries, Gen<T> gen, Check<T> property) {
        System.out.printf("%s: %d tries, seed %d%n", name, tries, seed);
        SplittableRandom random = new SplittableRandom(seed);
        for (int attempt = 1; attempt <= tries; attempt++) {
            Source source = Source.fresh(random.split());
            T sample = gen.generate(source);
            Throwable failure = failureOf(property, sample);
            if (failure != null) {
                Shrinker.Result<T> smallest = new Shrinker<>(gen, property, failure.getClass())
                        .shrink(source.choices(), sample, failure);
                throw new AssertionError(String.format(
                        "%s failed on try %d of %d, seed %d (replay: -D%s=%d)%n"
                                + "smallest failing sample (%d shrinking steps, %d candidates tried):%n  %s%n"
                                + "first failing sample:%n  %s%n"
                                + "failure of the smallest: %s",
                        name, attempt, tries, seed, SEED_PROPERTY, seed, smallest.steps(), smallest.candidates(),
                        abbreviate(smallest.sample()), abbreviate(sample), smallest.failure()), smallest.failure());
            }
        }
    }

    static long seed() {
        String value = System.getProperty(SEED_PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT_SEED;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + SEED_PROPERTY + " must be a long: " + value, e);
        }
    }

    /** The property's failure on this sample, or null when it holds. A StackOverflowError is a failure too. */
    static <T> Throwable failureOf(Check<T> property, T sample) {
        try {
            property.accept(sample);
            return null;
        } catch (Throwable failure) {
            return failure;
        }
    }

    private static String abbreviate(Object sample) {
        String text = String.valueOf(sample);
        return text.length() <= MAX_SAMPLE_CHARS ? text
                : text.substring(0, MAX_SAMPLE_CHARS) + "… (" + text.length() + " characters; replay the seed for all)";
    }
}
