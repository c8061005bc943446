package io.github.recordingrules.archfixture.cycle.two;

import io.github.recordingrules.archfixture.cycle.one.One;

/** Breaks the cycles rule, with {@link One}. */
public class Two {

    One one;
}
