package io.github.recordingrules.support.property;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * What a {@link Gen} draws from: a sequence of bounded choices, fresh from a random generator, or a
 * recorded sequence replayed. Every choice is recorded, so a failing sample can be shrunk by editing
 * its choices (shorter, smaller) and generating again; generators need no shrinking of their own.
 */
public final class Source {

    private static final int EDGE_ODDS = 20;

    private final RandomGenerator random;
    private final long[] replayed;
    private long[] drawn = new long[32];
    private int size;

    private Source(RandomGenerator random, long[] replayed) {
        this.random = random;
        this.replayed = replayed;
    }

    static Source fresh(RandomGenerator random) {
        return new Source(random, null);
    }

    /** Replays {@code choices}; a recorded choice out of its bound is clamped, and past the end every choice is 0. */
    static Source replay(long[] choices) {
        return new Source(null, choices);
    }

    /** A choice in [0, bound). 0 is the simplest choice: shrinking moves choices towards it. */
    public long below(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        long choice;
        if (random != null) {
            // One fresh choice in EDGE_ODDS is an extreme (empty or longest list, min or max, first or last
            // value), which uniform choices over a wide range would almost never give.
            choice = random.nextInt(EDGE_ODDS) != 0 ? random.nextLong(bound) : random.nextBoolean() ? 0 : bound - 1;
        } else {
            choice = size < replayed.length ? Math.min(replayed[size], bound - 1) : 0;
        }
        if (size == drawn.length) {
            drawn = Arrays.copyOf(drawn, size * 2);
        }
        drawn[size++] = choice;
        return choice;
    }

    /** An int in [min, max], shrinking towards min. */
    public int between(int min, int max) {
        if (max < min) {
            throw new IllegalArgumentException("empty range [" + min + ", " + max + "]");
        }
        return (int) (min + below((long) max - min + 1));
    }

    public boolean nextBoolean() {
        return below(2) == 1;
    }

    long[] choices() {
        return Arrays.copyOf(drawn, size);
    }
}
