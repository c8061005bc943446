package io.github.recordingrules.archfixture.config;

import io.smallrye.config.ConfigMapping;

/** Stands for a settings mapping, which adapters may use. */
@ConfigMapping(prefix = "fixture")
public interface Settings {

    String value();
}
