package io.github.recordingrules.archfixture.config;

/** Stands for the CDI wiring, which nothing outside config may use. */
public class Wiring {
}
