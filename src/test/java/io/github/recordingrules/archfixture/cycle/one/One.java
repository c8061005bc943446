package io.github.recordingrules.archfixture.cycle.one;

import io.github.recordingrules.archfixture.cycle.two.Two;

/** Breaks the cycles rule, with {@link Two}. */
public class One {

    Two two;
}
