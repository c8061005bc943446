package io.github.recordingrules.support.property;

import java.util.Arrays;

/**
 * Shrinks a failing sample by editing the choices it was generated from and generating again: delete
 * blocks of choices (with or without lowering the choice before, often a list's size), zero blocks,
 * and lower single choices by binary search. A candidate is kept when its choices are simpler (fewer,
 * then lexicographically smaller) and the property fails the same way (same exception class), so
 * shrinking ends; it also stops after {@value #MAX_CANDIDATES} candidates.
 */
final class Shrinker<T> {

    static final int MAX_CANDIDATES = 2000;

    record Result<T>(T sample, Throwable failure, int steps, int candidates) {
    }

    private final Gen<T> gen;
    private final Property.Check<T> property;
    private final Class<? extends Throwable> failureClass;
    private long[] best;
    private T bestSample;
    private Throwable bestFailure;
    private int steps;
    private int candidates;

    Shrinker(Gen<T> gen, Property.Check<T> property, Class<? extends Throwable> failureClass) {
        this.gen = gen;
        this.property = property;
        this.failureClass = failureClass;
    }

    Result<T> shrink(long[] choices, T sample, Throwable failure) {
        best = choices;
        bestSample = sample;
        bestFailure = failure;
        boolean improved = true;
        while (improved && candidates < MAX_CANDIDATES) {
            improved = false;
            for (int block = 8; block >= 1; block /= 2) {
                for (int at = best.length - block; at >= 0; at--) {
                    improved |= tryDeleting(at, block);
                }
            }
            for (int block = 8; block >= 1; block /= 2) {
                for (int at = best.length - block; at >= 0; at--) {
                    improved |= tryZeroing(at, block);
                }
            }
            for (int at = best.length - 1; at >= 0; at--) {
                improved |= tryLowering(at);
            }
        }
        return new Result<>(bestSample, bestFailure, steps, candidates);
    }

    private boolean tryDeleting(int at, int block) {
        if (at + block > best.length) {
            return false;
        }
        long[] candidate = new long[best.length - block];
        System.arraycopy(best, 0, candidate, 0, at);
        System.arraycopy(best, at + block, candidate, at, best.length - at - block);
        if (tryChoices(candidate)) {
            return true;
        }
        if (at > 0 && candidate[at - 1] > 0) {
            candidate[at - 1]--;
            return tryChoices(candidate);
        }
        return false;
    }

    private boolean tryZeroing(int at, int block) {
        if (at + block > best.length) {
            return false;
        }
        long[] candidate = best.clone();
        Arrays.fill(candidate, at, at + block, 0);
        return tryChoices(candidate);
    }

    private boolean tryLowering(int at) {
        if (at >= best.length || best[at] == 0) {
            return false;
        }
        if (tryValue(at, 0)) {
            return true;
        }
        boolean improved = false;
        long holds = 0;
        long fails = best[at];
        while (holds + 1 < fails && at < best.length) {
            long middle = holds + (fails - holds) / 2;
            if (tryValue(at, middle)) {
                improved = true;
                fails = middle;
            } else {
                holds = middle;
            }
        }
        return improved;
    }

    private boolean tryValue(int at, long value) {
        long[] candidate = best.clone();
        candidate[at] = value;
        return tryChoices(candidate);
    }

    private boolean tryChoices(long[] candidate) {
        if (candidates >= MAX_CANDIDATES || !simpler(candidate, best)) {
            return false;
        }
        candidates++;
        Source source = Source.replay(candidate);
        T sample = gen.generate(source);
        long[] drawn = source.choices();
        if (!simpler(drawn, best)) {
            return false;
        }
        Throwable failure = Property.failureOf(property, sample);
        if (failure == null || failure.getClass() != failureClass) {
            return false;
        }
        best = drawn;
        bestSample = sample;
        bestFailure = failure;
        steps++;
        return true;
    }

    static boolean simpler(long[] a, long[] b) {
        if (a.length != b.length) {
            return a.length < b.length;
        }
        return Arrays.compare(a, b) < 0;
    }
}
