package io.github.recordingrules.archfixture.adapter.beta;

import io.github.recordingrules.archfixture.config.Settings;
import io.github.recordingrules.archfixture.config.Wiring;

/** Breaks the config rule: an adapter uses the wiring (its settings mapping is allowed). */
public class Beta {

    Wiring wiring;
    Settings settings;
}
